import { InterfaceDefinition, z } from '@botpress/sdk'

export default new InterfaceDefinition({
  name: 'creatable',
  version: '0.1.0',
  entities: { item: { schema: z.object({ id: z.string() }) } },
  actions: {
    create: {
      title: 'Create',
      input: { schema: (entities) => z.object({ item: entities.item }) },
      output: { schema: (entities) => z.object({ item: entities.item }) },
    },
  },
  events: { created: { schema: (entities) => z.object({ item: entities.item }) } },
})
