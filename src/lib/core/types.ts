/**
 * Core data model (docs/ARCHITECTURE.md#data-model). Plain, structured-cloneable objects: the same
 * values cross IndexedDB, Yjs and Web Workers. Ids are branded so one kind never passes for
 * another. The types live in types/ by concept; this module gathers them for the rest of the app.
 */
export * from './types/ids';
export * from './types/schema';
export * from './types/project';
export * from './types/item';
export * from './types/values';
export * from './types/annotation';
export * from './types/review';
