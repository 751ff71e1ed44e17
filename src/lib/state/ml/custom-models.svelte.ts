/**
 * Image models the user brought: TF.js classifiers (model.json and weights, from files or a URL)
 * that the media worker keeps in this browser's IndexedDB, so they work offline.
 */
import type { MediaClient } from '$lib/ml/media/media-client';
import type { CustomModelInfo, CustomModelSource, PixelScale } from '$lib/ml/media/media-protocol';
import { errorText } from './media-run';

export class CustomModels {
	#client: () => Promise<MediaClient>;
	#models = $state.raw<CustomModelInfo[]>([]);
	#busy = $state(false);
	#error = $state('');

	/** `client` starts the media worker on first use. */
	constructor(client: () => Promise<MediaClient>) {
		this.#client = client;
	}

	/** The models saved on this device, as last listed. */
	get models(): readonly CustomModelInfo[] {
		return this.#models;
	}

	/** Whether a model is being loaded. */
	get busy(): boolean {
		return this.#busy;
	}

	get error(): string {
		return this.#error;
	}

	/** Loads a model and keeps it offline; undefined (and `error` says why) when it fails. */
	async load(
		name: string,
		source: CustomModelSource,
		scale: PixelScale
	): Promise<CustomModelInfo | undefined> {
		this.#busy = true;
		this.#error = '';
		try {
			const client = await this.#client();
			const info = await client.call('custom-load', { name, source, scale }).promise;
			await this.refresh();
			return info;
		} catch (e) {
			this.#error = errorText(e);
			return undefined;
		} finally {
			this.#busy = false;
		}
	}

	/** Lists the models saved on this device (starts the worker). */
	async refresh(): Promise<void> {
		try {
			const client = await this.#client();
			this.#models = (await client.call('custom-list', {}).promise).models;
		} catch (e) {
			this.#error = errorText(e);
		}
	}

	async delete(name: string): Promise<void> {
		const client = await this.#client();
		await client.call('custom-delete', { name }).promise;
		await this.refresh();
	}
}
