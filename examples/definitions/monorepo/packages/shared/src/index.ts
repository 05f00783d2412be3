// A workspace package of TypeScript sources, shared by the monorepo's integrations.
export * from './schemas'
