/**
 * Shared parts of the interop converters (COCO, YOLO, Pascal VOC, CoNLL, spaCy, Label Studio):
 * the result shape, decoding of text input, located JSON parsing, a schema builder that maps a
 * file's labels by name onto a given schema (or creates one), and the selection of raw or accepted
 * annotations for export. Pure: no svelte, dexie or yjs. The code lives in common/.
 */
export * from './common/result';
export * from './common/text';
export * from './common/schema-builder';
export * from './common/annotation-bag';
export * from './common/image-items';
export * from './common/export-selection';
