// Branded ids and units, so one kind never passes for another.

export type Brand<T, B extends string> = T & { readonly __brand: B };

export type ProjectId = Brand<string, 'ProjectId'>;
export type ItemId = Brand<string, 'ItemId'>;
export type TaskId = Brand<string, 'TaskId'>;
export type LabelId = Brand<string, 'LabelId'>;
export type AnnotatorId = Brand<string, 'AnnotatorId'>;

/** Milliseconds since the Unix epoch. */
export type EpochMs = Brand<number, 'EpochMs'>;
