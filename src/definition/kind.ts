// What tells a definition from a YAML manifest, and the variable that makes a
// run of the bundle only load one. Kept apart from load.ts so that the code
// every run loads can ask without loading the definition loader's chunk.

/** Files the `manifest` input may name that are a TypeScript or JavaScript definition. */
export const DEFINITION_FILE = /\.(ts|mts|cts|js|mjs|cjs)$/

/** Set, the bundle loads the definition it names and gives back its data (see load.ts definitionChild). */
export const DEFINITION_CHILD = 'DEPLOY_BOTPRESS_INTEGRATION_DEFINITION'
