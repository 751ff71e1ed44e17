/** What the ML views name from the model layer (ui/ may not import $lib/ml). */
export { COCO_CLASSES } from '$lib/ml/media/images/coco';
export type { ClassMapping } from '$lib/ml/media/images/detect-post';
export type { CustomModelInfo, CustomModelSource, PixelScale } from '$lib/ml/media/media-protocol';
