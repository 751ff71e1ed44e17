/**
 * Saving and loading the media worker's trained models with `tf.io` (IndexedDB in the browser,
 * `indexeddb://…`; tests pass an in-memory `ModelIO`): the span model (tagger weights as a tf.io
 * weight, its dictionary and patterns in the metadata) and the image classification head. Each
 * carries `MediaModelMeta` (schema version, labels, metrics, training date) as
 * `userDefinedMetadata`, like the text model (text/store.ts). Weights are encoded as float32 tf.io
 * weight specs and data directly, so no TF.js backend is needed to save or load.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { ModelIO } from '../model-io';
import type { ImageHead } from './images/head';
import type { BioTag } from './spans/bio';
import type { Lexicon } from './spans/lexicon';
import type { SpanModel } from './spans/suggest';

export const MEDIA_MODEL_SCHEMA_VERSION = 1;

/** Where the media worker keeps the model saved under `key` (a project and task). */
export function mediaModelUrl(kind: MediaModelKind, key: string): string {
	return `indexeddb://quorum-${kind}/${key}`;
}

export type MediaModelKind = 'span-model' | 'image-head';

export interface MediaModelMeta {
	schemaVersion: number;
	kind: MediaModelKind;
	/** Label ids the model predicts (span labels; image classes in head order). */
	labels: string[];
	/** e.g. `{ accuracy: 0.97, loss: 0.1 }` or `{ dictionary: 12, patterns: 2 }`. */
	metrics: Record<string, number>;
	/** Examples trained on (documents or images). */
	trainedOn: number;
	/** Epoch ms. */
	trainedAt: number;
}

const FORMATS: Record<MediaModelKind, string> = {
	'span-model': 'quorum-span-model',
	'image-head': 'quorum-image-head'
};

type Weights = Record<string, { shape: number[]; data: Float32Array }>;

function encode(weights: Weights): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
	const names = Object.keys(weights);
	const total = names.reduce((n, k) => n + (weights[k] as Weights[string]).data.length, 0);
	const all = new Float32Array(total);
	const specs: tf.io.WeightsManifestEntry[] = [];
	let at = 0;
	for (const name of names) {
		const w = weights[name] as Weights[string];
		const size = w.shape.reduce((a, b) => a * b, 1);
		if (size !== w.data.length)
			throw new Error(`Weight “${name}”: shape ${w.shape.join('×')} but ${w.data.length} values`);
		all.set(w.data, at);
		at += w.data.length;
		specs.push({ name, shape: w.shape, dtype: 'float32' });
	}
	return { specs, data: all.buffer };
}

function decode(key: string, a: tf.io.ModelArtifacts): Weights {
	if (!a.weightSpecs || !a.weightData)
		throw new Error(`The model saved at ${key} is incomplete (no weights)`);
	const buffers = Array.isArray(a.weightData) ? a.weightData : [a.weightData];
	const bytes = new Uint8Array(buffers.reduce((n, b) => n + b.byteLength, 0));
	let o = 0;
	for (const b of buffers) {
		bytes.set(new Uint8Array(b), o);
		o += b.byteLength;
	}
	const out: Weights = {};
	let at = 0;
	for (const s of a.weightSpecs) {
		if (s.dtype !== 'float32' || s.quantization)
			throw new Error(`The model saved at ${key} has weight “${s.name}” of an unknown type`);
		const size = s.shape.reduce((x, y) => x * y, 1);
		if (at + size * 4 > bytes.byteLength)
			throw new Error(`The model saved at ${key} is truncated at weight “${s.name}”`);
		out[s.name] = { shape: s.shape, data: new Float32Array(bytes.slice(at, at + size * 4).buffer) };
		at += size * 4;
	}
	return out;
}

async function save(
	io: ModelIO,
	key: string,
	meta: MediaModelMeta,
	config: object,
	weights: Weights,
	extra: Record<string, object> = {}
): Promise<void> {
	const { specs, data } = encode(weights);
	await io.save(key, {
		format: FORMATS[meta.kind],
		generatedBy: 'quorum',
		modelTopology: { config } as unknown as tf.io.ModelArtifacts['modelTopology'],
		weightSpecs: specs,
		weightData: data,
		userDefinedMetadata: { quorum: meta, ...extra } as unknown as Record<string, object>
	});
}

/** The artifacts, config and meta saved at `key`; undefined when none or of another version. */
async function load(
	io: ModelIO,
	key: string,
	kind: MediaModelKind
): Promise<{ a: tf.io.ModelArtifacts; config: unknown; meta: MediaModelMeta } | undefined> {
	const a = await io.load(key);
	if (!a) return undefined;
	if (a.format !== FORMATS[kind])
		throw new Error(`${key} is not a Quorum ${kind} (format ${String(a.format)})`);
	const meta = (a.userDefinedMetadata as { quorum?: MediaModelMeta } | undefined)?.quorum;
	if (!meta || meta.schemaVersion !== MEDIA_MODEL_SCHEMA_VERSION) return undefined;
	const config = (a.modelTopology as { config?: unknown } | undefined)?.config;
	if (!config) throw new Error(`The model saved at ${key} is incomplete (no config)`);
	return { a, config, meta };
}

export async function spanModelSave(
	io: ModelIO,
	key: string,
	model: SpanModel,
	meta: Omit<MediaModelMeta, 'schemaVersion' | 'kind'>
): Promise<void> {
	const t = model.tagger;
	await save(
		io,
		key,
		{ schemaVersion: MEDIA_MODEL_SCHEMA_VERSION, kind: 'span-model', ...meta },
		{ kind: t.kind, dim: t.dim, tags: t.tags },
		{ tagger: { shape: [t.dim, t.tags.length], data: t.weights } },
		{ lexicon: model.lexicon }
	);
}

export async function spanModelLoad(
	io: ModelIO,
	key: string
): Promise<{ model: SpanModel; meta: MediaModelMeta } | undefined> {
	const got = await load(io, key, 'span-model');
	if (!got) return undefined;
	const config = got.config as { dim: number; tags: BioTag[] };
	const lexicon = (got.a.userDefinedMetadata as { lexicon?: Lexicon }).lexicon;
	const w = decode(key, got.a).tagger;
	if (!w || !lexicon || w.data.length !== config.dim * config.tags.length)
		throw new Error(`The span model saved at ${key} is incomplete (tagger or lexicon missing)`);
	return {
		model: {
			tagger: { kind: 'span-tagger', dim: config.dim, tags: config.tags, weights: w.data },
			lexicon
		},
		meta: got.meta
	};
}

export async function imageHeadSave(
	io: ModelIO,
	key: string,
	head: ImageHead,
	meta: Omit<MediaModelMeta, 'schemaVersion' | 'kind'>
): Promise<void> {
	await save(
		io,
		key,
		{ schemaVersion: MEDIA_MODEL_SCHEMA_VERSION, kind: 'image-head', ...meta },
		{ kind: head.kind, dim: head.dim, classes: head.classes },
		{
			w: { shape: [head.classes, head.dim], data: head.w },
			b: { shape: [head.classes], data: head.b }
		}
	);
}

export async function imageHeadLoad(
	io: ModelIO,
	key: string
): Promise<{ head: ImageHead; meta: MediaModelMeta } | undefined> {
	const got = await load(io, key, 'image-head');
	if (!got) return undefined;
	const config = got.config as { dim: number; classes: number };
	const { w, b } = decode(key, got.a);
	if (!w || !b || w.data.length !== config.dim * config.classes || b.data.length !== config.classes)
		throw new Error(`The image head saved at ${key} is incomplete (weights missing)`);
	return {
		head: { kind: 'image-head', dim: config.dim, classes: config.classes, w: w.data, b: b.data },
		meta: got.meta
	};
}
