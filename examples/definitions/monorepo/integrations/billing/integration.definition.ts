// One integration of a monorepo: a workspace package (TypeScript sources,
// linked into node_modules by the package manager) and a folder import.
import { money, shapeTag } from '@acme/shared'
import { IntegrationDefinition, z } from '@botpress/sdk'

export default new IntegrationDefinition({
  name: 'billing',
  version: '3.0.0',
  title: 'Billing',
  actions: {
    charge: {
      title: 'Charge',
      description: `Charges a customer (schema ${shapeTag('money:v1')})`,
      input: { schema: z.object({ customerId: z.string(), price: money }) },
      output: { schema: z.object({ chargeId: z.string() }) },
    },
  },
})
