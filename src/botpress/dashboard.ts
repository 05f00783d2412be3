/** The Botpress dashboard's pages this action links to, from its base URL (input `dashboard-url`). */
export interface DashboardLinks {
  /** A version: on the hub when public, in the workspace otherwise. */
  version(version: { id: string; visibility: string }): string
  bot(botId: string): string
}

export const DEFAULT_DASHBOARD_URL = 'https://app.botpress.cloud'

export function dashboardLinks(base: string, workspaceId: string): DashboardLinks {
  const workspace = `${base}/workspaces/${encodeURIComponent(workspaceId)}`
  return {
    version: ({ id, visibility }) =>
      visibility === 'public' ? `${base}/hub/integrations/${encodeURIComponent(id)}` : `${workspace}/integrations/${encodeURIComponent(id)}`,
    bot: (botId) => `${workspace}/bots/${encodeURIComponent(botId)}`,
  }
}
