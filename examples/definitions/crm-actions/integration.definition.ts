// An integration with many actions, states and named configurations, one with
// an identifier and an extract script; the actions come from a folder import.
import { IntegrationDefinition, z } from '@botpress/sdk'
import { actions } from './src/actions'
import pkg from './package.json'

export default new IntegrationDefinition({
  name: 'ledger',
  version: pkg.version,
  title: 'Ledger',
  description: 'Invoices and payments from Ledger.',
  icon: 'icon.svg',
  readme: 'hub.md',
  configuration: { schema: z.object({ apiKey: z.string().min(1).describe('API key, from Settings') }) },
  configurations: {
    oauth: {
      title: 'Sign in with Ledger',
      schema: z.object({}),
      identifier: { required: true },
    },
  },
  identifier: { extractScript: 'extract.vrl' },
  actions,
  states: {
    sync: { type: 'integration', schema: z.object({ cursor: z.string().optional(), lastRunAt: z.string().datetime().optional() }) },
    customer: { type: 'user', schema: z.object({ customerId: z.string() }) },
  },
  entities: {
    invoice: { title: 'Invoice', schema: z.object({ id: z.string(), total: z.number(), currency: z.enum(['EUR', 'USD']) }) },
  },
  attributes: { category: 'Finance' },
  secrets: { WEBHOOK_SECRET: { optional: true } },
})
