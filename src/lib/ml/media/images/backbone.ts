/**
 * Image embeddings from the MobileNetV2 that nsfwjs ships in its npm package (ImageNet backbone
 * fine-tuned for 5 classes). The topology and weights are JS-wrapped (browserify) files, emitted
 * as assets and read as data (js-literal.ts). The embedding is the 1,280-d pooled backbone output
 * (`flatten_1`): the dense layers after it were trained for nsfwjs's own 5 classes and carry
 * little else, so the pooled features transfer better to a project's labels. (The files are
 * imported by path: nsfwjs's package `exports` do not list them. nsfwjs is pinned to 4.3.0: 4.4.0
 * ships byte-identical model files but declares exactly node 22.13.0, so `npm ci` warned on the
 * node 20 we support.)
 */
import * as tfl from '@tensorflow/tfjs-layers';
import modelUrl from '../../../../../node_modules/nsfwjs/dist/models/mobilenet_v2/model.min.js?url';
import weightsUrl from '../../../../../node_modules/nsfwjs/dist/models/mobilenet_v2/group1-shard1of1.min.js?url';
import { tf, tfReady } from '../../tf-setup';
import { bundleExportsParse } from './js-literal';
import { imagePixels, type Decoded } from './pixels';

export const EMBED_SIZE = 224;
export const EMBED_DIM = 1280;

interface KerasJson {
	modelTopology: object;
	weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
}

async function fetchText(url: string): Promise<string> {
	const r = await fetch(url);
	if (!r.ok) throw new Error(`Model file ${url} could not be loaded (HTTP ${r.status})`);
	return r.text();
}

function base64Bytes(b64: string): ArrayBuffer {
	const bin = atob(b64);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out.buffer;
}

let embedder: Promise<tfl.LayersModel> | undefined;

/** The backbone cut at `flatten_1`, loaded once. */
export function backboneLoad(): Promise<tfl.LayersModel> {
	embedder ??= (async () => {
		await tfReady();
		const [json, weights] = await Promise.all([fetchText(modelUrl), fetchText(weightsUrl)]);
		const model = bundleExportsParse(json) as KerasJson;
		const full = await tfl.loadLayersModel(
			tf.io.fromMemory({
				modelTopology: model.modelTopology,
				weightSpecs: model.weightsManifest.flatMap((g) => g.weights),
				weightData: base64Bytes(bundleExportsParse(weights) as string)
			})
		);
		return tfl.model({ inputs: full.inputs, outputs: full.getLayer('flatten_1').output });
	})();
	embedder.catch(() => (embedder = undefined));
	return embedder;
}

/** The 1,280-d embedding of one decoded image (pixels scaled to 0–1, as nsfwjs does). */
export async function backboneEmbed(d: Decoded): Promise<Float32Array> {
	const model = await backboneLoad();
	const px = imagePixels(d, EMBED_SIZE, EMBED_SIZE, (v) => v / 255);
	const out = tf.tidy(() =>
		tf.reshape(model.predict(tf.tensor4d(px, [1, EMBED_SIZE, EMBED_SIZE, 3])) as tf.Tensor, [-1])
	);
	const data = (await out.data()) as Float32Array;
	out.dispose();
	return data;
}
