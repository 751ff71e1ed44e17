/**
 * COCO box detection with the CenterNet (MobileNetV3) graph model that @vladmandic/human ships
 * (`models/centernet.json` + `.bin`, emitted as assets). Input: 512 × 512 RGB in 0–255; output
 * `tower_0/detections`, post-processed in detect-post.ts.
 */
import * as tfc from '@tensorflow/tfjs-converter';
import jsonUrl from '../../../../../node_modules/@vladmandic/human/models/centernet.json?url';
import binUrl from '../../../../../node_modules/@vladmandic/human/models/centernet.bin?url';
import { tf, tfReady } from '../../tf-setup';
import { detectionsFromRows, type Detection, type DetectOptions } from './detect-post';
import { imagePixels, type Decoded } from './pixels';

export const DETECT_SIZE = 512;

let detector: Promise<tfc.GraphModel> | undefined;

export function detectorLoad(): Promise<tfc.GraphModel> {
	detector ??= (async () => {
		await tfReady();
		const [jr, br] = await Promise.all([fetch(jsonUrl), fetch(binUrl)]);
		if (!jr.ok || !br.ok) throw new Error('The detector model files could not be loaded');
		const json = (await jr.json()) as tf.io.ModelJSON;
		return tfc.loadGraphModel(
			tf.io.fromMemory({
				modelTopology: json.modelTopology,
				weightSpecs: json.weightsManifest.flatMap((g) => g.weights),
				weightData: await br.arrayBuffer(),
				format: json.format,
				generatedBy: json.generatedBy,
				convertedBy: json.convertedBy,
				signature: json.signature
			})
		);
	})();
	detector.catch(() => (detector = undefined));
	return detector;
}

/** Objects in one decoded image, in its pixels. */
export async function detectorRun(d: Decoded, options?: DetectOptions): Promise<Detection[]> {
	const model = await detectorLoad();
	const px = imagePixels(d, DETECT_SIZE, DETECT_SIZE, (v) => v);
	const input = tf.tensor4d(px, [1, DETECT_SIZE, DETECT_SIZE, 3]);
	const out = (await model.executeAsync(input, 'tower_0/detections')) as tf.Tensor;
	input.dispose();
	const rows = ((await out.array()) as number[][][])[0] ?? [];
	out.dispose();
	return detectionsFromRows(
		rows,
		{ inputSize: DETECT_SIZE, width: d.width, height: d.height },
		options
	);
}
