import { InterfaceDefinition, z } from '@botpress/sdk'

export default new InterfaceDefinition({
  name: 'listable',
  version: '0.2.1',
  entities: { item: { schema: z.object({ id: z.string() }) } },
  actions: {
    list: {
      title: 'List',
      input: { schema: () => z.object({ nextToken: z.string().optional() }) },
      output: { schema: (entities) => z.object({ items: z.array(entities.item), meta: z.object({ nextToken: z.string().optional() }) }) },
    },
  },
})
