// A messaging integration, written as Botpress authors write them: channels
// with the standard message types, conversation and message tags, a link
// template for the OAuth configuration. Deployed as it is by the action
// (`manifest: integration.definition.ts`) once `bp build` has run.
import { IntegrationDefinition, messages, z } from '@botpress/sdk'
import { userTags } from './src/tags'

export default new IntegrationDefinition({
  name: 'chatline',
  version: '0.3.0',
  title: 'Chatline',
  description: 'Talk to your customers on Chatline.',
  icon: 'icon.svg',
  readme: 'hub.md',
  configuration: {
    schema: z.object({
      workspaceUrl: z.string().url().describe('Your Chatline workspace, as in https://acme.chatline.example'),
    }),
    identifier: { linkTemplateScript: 'link-template.vrl', required: true },
  },
  channels: {
    channel: {
      title: 'Channel',
      description: 'A Chatline channel',
      messages: { ...messages.defaults },
      message: { tags: { id: { title: 'Message id' } } },
      conversation: { tags: { id: { title: 'Conversation id' }, thread: { title: 'Thread', description: 'The thread, for replies' } } },
    },
  },
  user: { tags: userTags },
  events: {
    reactionAdded: {
      title: 'Reaction added',
      schema: z.object({ emoji: z.string(), messageId: z.string() }),
      ui: {},
    },
  },
  secrets: {
    CLIENT_ID: { description: 'OAuth client id' },
    CLIENT_SECRET: { description: 'OAuth client secret' },
    SIGNING_SECRET: { optional: true, description: 'Checks that webhooks come from Chatline' },
  },
})
