/** The action's own version, sent in the User-Agent; kept equal to package.json by a test. */
export const ACTION_VERSION = '1.0.0'
export const USER_AGENT = `deploy-botpress-integration/${ACTION_VERSION}`
