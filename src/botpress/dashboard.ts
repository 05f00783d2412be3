/** The Botpress dashboard's pages this action links to, from its base URL (input `dashboard-url`). */
export interface DashboardLinks {
  /** A version: on the hub when public, in the workspace otherwise. */
  version(version: { id: string; visibility: string }): string
  bot(botId: string): string
}

export const DEFAULT_DASHBOARD_URL = 'https://app.botpress.cloud'

/** A path segment that stays one inside a Markdown link too: `(`, `)` and the rest that encodeURIComponent leaves are encoded. */
const segment = (text: string) => encodeURIComponent(text).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

export function dashboardLinks(base: string, workspaceId: string): DashboardLinks {
  const workspace = `${base}/workspaces/${segment(workspaceId)}`
  return {
    version: ({ id, visibility }) => (visibility === 'public' ? `${base}/hub/integrations/${segment(id)}` : `${workspace}/integrations/${segment(id)}`),
    bot: (botId) => `${workspace}/bots/${segment(botId)}`,
  }
}
