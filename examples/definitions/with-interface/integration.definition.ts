// An integration that implements interfaces added with `bp add`: one from the
// hub (its package holds the interface's id), one added by path (no id: the
// action looks it up by name and version). `extend` renames what they add.
import { IntegrationDefinition, z } from '@botpress/sdk'
import creatable from './bp_modules/creatable'
import listable from './bp_modules/listable'

export default new IntegrationDefinition({
  name: 'tasks',
  version: '1.0.0',
  title: 'Tasks',
  description: 'Tasks, creatable and listable.',
  entities: {
    task: { title: 'Task', schema: z.object({ id: z.string(), title: z.string(), done: z.boolean() }) },
  },
})
  .extend(creatable, ({ entities }) => ({
    entities: { item: entities.task },
    actions: { create: { name: 'createTask' } },
    events: { created: { name: 'taskCreated' } },
  }))
  .extend(listable, ({ entities }) => ({
    entities: { item: entities.task },
    actions: { list: { name: 'listTasks' } },
  }))
