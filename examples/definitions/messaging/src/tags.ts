// Imported without its extension, as TypeScript authors write it.
export const userTags = { id: { title: 'User id' }, email: { title: 'Email', description: 'The user’s email address' } }
