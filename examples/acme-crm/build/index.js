// The integration's built bundle, as `bp build` writes it (kept tiny for the example).
'use strict'
const handler = async ({ req, client }) => {
  if (req.path === '/webhook') {
    const { leadId, amount } = JSON.parse(req.body ?? '{}')
    await client.createEvent({ type: 'leadWon', payload: { leadId, amount } })
  }
  return { status: 200 }
}
module.exports = {
  default: {
    handler,
    actions: {
      createLead: async ({ input }) => ({ leadId: `lead_${Buffer.from(input.email).toString('hex').slice(0, 12)}` }),
      getLead: async ({ input }) => ({ email: 'someone@example.com', stage: 'new', leadId: input.leadId }),
    },
  },
}
