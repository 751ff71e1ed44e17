/**
 * Bring your own model: a TF.js model (model.json + weight files) from files or a URL, saved with
 * `tf.io` to IndexedDB (`indexeddb://quorum-custom-<name>`) so it works offline, then used for
 * image classification pre-labels. Layers and graph models both load; the class names and pixel
 * scale ride along in the saved artifacts' `userDefinedMetadata`.
 */
import * as tfc from '@tensorflow/tfjs-converter';
import * as tfl from '@tensorflow/tfjs-layers';
import type { CustomModelInfo, CustomModelSource, PixelScale } from '../media-protocol';
import { tf, tfReady } from '../../tf-setup';
import { imagePixels, type Decoded } from './pixels';

const PREFIX = 'indexeddb://quorum-custom-';

type AnyModel = tfl.LayersModel | tfc.GraphModel;

interface QuorumMeta {
	quorum?: { classes?: string[]; scale?: PixelScale; format?: CustomModelInfo['format'] };
}

const cache = new Map<string, { model: AnyModel; info: CustomModelInfo }>();

/** A model name safe in an IndexedDB key: letters, digits, `-`, `_`, `.`; 1–64 chars. */
export function customNameCheck(name: string): string {
	const n = name.trim();
	if (!/^[\w.-]{1,64}$/.test(n))
		throw new Error(`Model name '${name}' must be 1–64 letters, digits, '-', '_' or '.'`);
	return n;
}

function formatOf(a: tf.io.ModelArtifacts): CustomModelInfo['format'] {
	if (a.format === 'graph-model' || a.format === 'layers-model') return a.format;
	const topo = a.modelTopology as Record<string, unknown> | undefined;
	return topo && 'node' in topo ? 'graph-model' : 'layers-model';
}

function classesOf(meta: unknown): string[] | undefined {
	const m = meta as Record<string, unknown> | undefined;
	const c = (m?.['quorum'] as QuorumMeta['quorum'])?.classes ?? m?.['classes'] ?? m?.['labels'];
	return Array.isArray(c) && c.every((x) => typeof x === 'string') ? c : undefined;
}

async function modelFrom(a: tf.io.ModelArtifacts): Promise<AnyModel> {
	const h = tf.io.fromMemory(a);
	return formatOf(a) === 'graph-model' ? tfc.loadGraphModel(h) : tfl.loadLayersModel(h);
}

function infoOf(name: string, model: AnyModel, a: tf.io.ModelArtifacts): CustomModelInfo {
	const inShape = model.inputs[0]?.shape ?? [];
	const outShape = model.outputs[0]?.shape ?? [];
	const h = inShape[1] ?? -1;
	const w = inShape[2] ?? -1;
	if (inShape.length !== 4 || (inShape[3] !== 3 && inShape[3] !== -1 && inShape[3] !== null))
		throw new Error(
			`Model '${name}' takes input of shape [${inShape.join(', ')}]; an image model takes [batch, height, width, 3]`
		);
	const meta = (a.userDefinedMetadata ?? {}) as QuorumMeta;
	return {
		name,
		format: formatOf(a),
		inputSize: [h && h > 0 ? h : 224, w && w > 0 ? w : 224],
		outputs: outShape[outShape.length - 1] ?? 0,
		classes: classesOf(a.userDefinedMetadata),
		scale: meta.quorum?.scale ?? 'unit'
	};
}

function loadWith(h: tf.io.IOHandler): Promise<tf.io.ModelArtifacts> {
	if (!h.load) throw new Error('This model source cannot be read');
	return h.load();
}

async function artifactsFrom(source: CustomModelSource): Promise<tf.io.ModelArtifacts> {
	if (source.kind === 'url') {
		try {
			return await loadWith(tf.io.http(source.url));
		} catch (e) {
			throw new Error(`The model at ${source.url} could not be loaded: ${String(e)}`, { cause: e });
		}
	}
	const json = source.files.find((f) => f.name.endsWith('.json'));
	if (!json) throw new Error('Choose the model.json file together with its weight files');
	const weights = source.files.filter((f) => f !== json);
	try {
		return await loadWith(tf.io.browserFiles([json, ...weights]));
	} catch (e) {
		throw new Error(`The model files could not be read: ${String(e)}`, { cause: e });
	}
}

/** Loads a model, checks it takes images, and saves it in IndexedDB under `name`. */
export async function customLoad(
	rawName: string,
	source: CustomModelSource,
	scale: PixelScale = 'unit'
): Promise<CustomModelInfo> {
	await tfReady();
	const name = customNameCheck(rawName);
	const a = await artifactsFrom(source);
	const classes = classesOf(a.userDefinedMetadata);
	const artifacts: tf.io.ModelArtifacts = {
		...a,
		format: formatOf(a),
		userDefinedMetadata: {
			...(a.userDefinedMetadata ?? {}),
			quorum: { classes, scale, format: formatOf(a) }
		}
	};
	const model = await modelFrom(artifacts);
	const info = infoOf(name, model, artifacts);
	const [saver] = tf.io.getSaveHandlers(PREFIX + name);
	if (!saver?.save) throw new Error('IndexedDB is not available to save the model');
	await saver.save(artifacts);
	cache.set(name, { model, info });
	return info;
}

async function customGet(name: string): Promise<{ model: AnyModel; info: CustomModelInfo }> {
	const hit = cache.get(name);
	if (hit) return hit;
	await tfReady();
	const [loader] = tf.io.getLoadHandlers(PREFIX + name);
	if (!loader?.load) throw new Error(`No saved model named '${name}'`);
	const a = await loader.load();
	const model = await modelFrom(a);
	const entry = { model, info: infoOf(name, model, a) };
	cache.set(name, entry);
	return entry;
}

/** Saved custom models (loading each once to read its shapes). */
export async function customList(): Promise<CustomModelInfo[]> {
	await tfReady();
	const all = await tf.io.listModels();
	const names = Object.keys(all)
		.filter((k) => k.startsWith(PREFIX))
		.map((k) => k.slice(PREFIX.length))
		.sort();
	const out: CustomModelInfo[] = [];
	for (const n of names) out.push((await customGet(n)).info);
	return out;
}

export async function customDelete(name: string): Promise<boolean> {
	await tfReady();
	cache.get(name)?.model.dispose();
	cache.delete(name);
	const all = await tf.io.listModels();
	if (!(PREFIX + name in all)) return false;
	await tf.io.removeModel(PREFIX + name);
	return true;
}

const SCALE: Record<PixelScale, (v: number) => number> = {
	unit: (v) => v / 255,
	byte: (v) => v,
	signed: (v) => v / 127.5 - 1
};

/** Class probabilities of one image (softmax applied when the outputs are not already ones). */
export async function customPredict(name: string, d: Decoded): Promise<number[]> {
	const { model, info } = await customGet(name);
	const [h, w] = info.inputSize;
	const input = tf.tensor4d(imagePixels(d, w, h, SCALE[info.scale]), [1, h, w, 3]);
	const raw =
		model instanceof tfc.GraphModel
			? ((await model.executeAsync(input)) as tf.Tensor | tf.Tensor[])
			: (model.predict(input) as tf.Tensor | tf.Tensor[]);
	input.dispose();
	const out = Array.isArray(raw) ? raw : [raw];
	const v = Array.from(await (out[0] as tf.Tensor).data());
	tf.dispose(out);
	const sum = v.reduce((a, b) => a + b, 0);
	if (v.every((x) => x >= 0) && Math.abs(sum - 1) < 1e-3) return v;
	const m = Math.max(...v);
	const e = v.map((x) => Math.exp(x - m));
	const s = e.reduce((a, b) => a + b, 0);
	return e.map((x) => x / s);
}
