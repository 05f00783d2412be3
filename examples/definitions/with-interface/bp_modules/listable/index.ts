// As `bp add ../../interfaces/listable` writes it: added by path, so without an id.
import * as sdk from '@botpress/sdk'
import definition from './definition'

export default {
  type: 'interface',
  uri: '../../interfaces/listable',
  name: 'listable',
  version: '0.2.1',
  definition,
} satisfies sdk.InterfacePackage
