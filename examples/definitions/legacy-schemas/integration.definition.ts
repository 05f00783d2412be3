// An older integration that keeps the legacy schema transformer, as some of
// Botpress's own do: its JSON Schemas carry `x-zui`, exactly as `bp deploy` sends them.
import { IntegrationDefinition, z } from '@botpress/sdk'

export default new IntegrationDefinition({
  name: 'weather-legacy',
  version: '0.9.4',
  title: 'Weather (legacy)',
  actions: {
    getForecast: {
      title: 'Get forecast',
      input: { schema: z.object({ city: z.string().describe('City name'), days: z.number().optional() }) },
      output: { schema: z.object({ summary: z.string() }) },
    },
  },
  __advanced: { useLegacyZuiTransformer: true },
})
