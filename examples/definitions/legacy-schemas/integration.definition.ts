// An older integration that keeps the legacy schema transformer, as some of
// Botpress's own do. `bp deploy` calls it with `target: 'jsonSchema7'`: the
// schemas carry `$schema` and `x-zui`, unions of simple types become a `type`
// list, a schema used twice is written once and referenced (`$ref`), which the
// CLI dereferences, and the `ui` titles and examples land on the properties.
import { IntegrationDefinition, z } from '@botpress/sdk'

const place = z.object({ city: z.string(), country: z.string().length(2) })

export default new IntegrationDefinition({
  name: 'weather-legacy',
  version: '0.9.4',
  title: 'Weather (legacy)',
  configuration: {
    schema: z.object({
      apiKey: z.string().describe('Your Weatherly key'),
      units: z.enum(['metric', 'imperial']).nullable(),
      region: z.union([z.string(), z.number()]).optional(),
    }),
    ui: { apiKey: { title: 'API key', examples: ['wk_live_123'] }, units: { title: 'Units' } },
  },
  actions: {
    getForecast: {
      title: 'Get forecast',
      input: {
        schema: z.object({ city: z.string().describe('City name'), days: z.number().optional() }),
        ui: { days: { title: 'Days ahead', examples: [3] } },
      },
      output: { schema: z.object({ summary: z.string(), temperature: z.union([z.number(), z.string()]).nullable() }) },
    },
    compare: {
      title: 'Compare two places',
      input: { schema: z.object({ from: place, to: place }), ui: { from: { title: 'From' } } },
      output: { schema: z.object({ warmer: z.enum(['from', 'to']).nullable() }) },
    },
  },
  __advanced: { useLegacyZuiTransformer: true },
})
