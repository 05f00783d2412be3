import { DEFINITION_CHILD } from './definition/kind.js'
import { run } from './main.js'

// A run of the bundle that only loads a TypeScript definition, in a process of
// its own (see definition/child.ts): the loader is a chunk of its own.
if (process.env[DEFINITION_CHILD]) await (await import('./definition/read.js')).definitionChild()
else await run()
