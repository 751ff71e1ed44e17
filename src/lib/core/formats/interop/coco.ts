// COCO object detection JSON, read and written; the code lives in coco/.
export { COCO_ANNOTATOR, importCoco } from './coco/import';
export { exportCoco } from './coco/export';
