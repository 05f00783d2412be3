// As `bp add creatable@0.1.0` writes it: the interface from the hub, with its id.
import * as sdk from '@botpress/sdk'
import definition from './definition'

export default {
  type: 'interface',
  id: 'iface_01HUBCREATABLE0000000000000',
  name: 'creatable',
  version: '0.1.0',
  definition,
} satisfies sdk.InterfacePackage
