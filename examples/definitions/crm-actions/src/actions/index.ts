import { z } from '@botpress/sdk'

const invoice = z.object({ id: z.string(), total: z.number().describe('Total, in cents'), paid: z.boolean().default(false) })

export const actions = {
  createInvoice: {
    title: 'Create invoice',
    billable: true,
    cacheable: false,
    input: { schema: z.object({ customerId: z.string(), lines: z.array(z.object({ label: z.string(), amount: z.number() })).min(1) }), ui: {} },
    output: { schema: invoice },
  },
  getInvoice: {
    title: 'Get invoice',
    cacheable: true,
    input: { schema: z.object({ id: z.string() }) },
    output: { schema: invoice.nullable() },
    attributes: { readOnly: 'true' },
  },
  listPayments: {
    title: 'List payments',
    input: { schema: z.object({ since: z.string().datetime().optional(), limit: z.number().int().max(100).default(20) }) },
    output: { schema: z.object({ payments: z.array(z.object({ id: z.string(), amount: z.number() })) }) },
  },
}
