// The Kysely database type. It starts empty: each module adds its own tables by augmenting this
// interface from its store (`declare module '../../platform/db/schema.js'`), so platform/ never
// imports a module and every module still gets typed queries over all tables.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Database {}
