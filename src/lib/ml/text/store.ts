/**
 * Saving and loading text models with `tf.io`: weights as tf.io weight specs and data, the model
 * config as the topology and `TextModelMeta` as `userDefinedMetadata`. In the browser the URL is
 * `indexeddb://…` (TF.js's IndexedDB store); tests pass an in-memory `ModelIO`.
 */
import * as tf from '@tensorflow/tfjs-core';
import { TextClassifier, type TextModelConfig } from './classifier';
import { TEXT_MODEL_SCHEMA_VERSION, type TextModelMeta } from './protocol';
import type { ModelIO } from '../model-io';

export { memoryModelIO, tfModelIO, type ModelIO } from '../model-io';

const FORMAT = 'quorum-text-classifier';

export async function textModelSave(
	io: ModelIO,
	key: string,
	model: TextClassifier,
	meta: TextModelMeta
): Promise<void> {
	const { data, specs } = await tf.io.encodeWeights(model.weights());
	await io.save(key, {
		format: FORMAT,
		generatedBy: 'quorum',
		modelTopology: { config: model.config } as unknown as tf.io.ModelArtifacts['modelTopology'],
		weightSpecs: specs,
		weightData: data,
		userDefinedMetadata: { quorum: meta } as unknown as Record<string, object>
	});
}

/** The saved model and its metadata; undefined when none is saved or it is of another version. */
export async function textModelLoad(
	io: ModelIO,
	key: string
): Promise<{ model: TextClassifier; meta: TextModelMeta } | undefined> {
	const a = await io.load(key);
	if (!a) return undefined;
	if (a.format !== FORMAT)
		throw new Error(`${key} is not a Quorum text model (format ${String(a.format)})`);
	const meta = (a.userDefinedMetadata as { quorum?: TextModelMeta } | undefined)?.quorum;
	if (!meta || meta.schemaVersion !== TEXT_MODEL_SCHEMA_VERSION) return undefined;
	const config = (a.modelTopology as { config?: TextModelConfig } | undefined)?.config;
	if (!config || !a.weightSpecs || !a.weightData)
		throw new Error(`The model saved at ${key} is incomplete (no config or weights)`);
	const weights = tf.io.decodeWeights(a.weightData, a.weightSpecs);
	try {
		return { model: TextClassifier.fromWeights(config, weights), meta };
	} finally {
		for (const t of Object.values(weights)) t.dispose();
	}
}
