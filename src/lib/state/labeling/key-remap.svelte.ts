/**
 * A person's own keys for one project on this device (stored as a preference): the labeling view
 * translates a pressed key into the project's key before anything else sees it.
 */
import { keyMapAssign, keyMapMine, keyMapResolve, type KeyMap } from '$lib/core/keys/key-map';

export interface KeyRemapDeps {
	prefGet<T>(key: string): Promise<T | undefined>;
	prefSet(key: string, value: unknown): Promise<void>;
}

export class KeyRemap {
	readonly #deps: KeyRemapDeps;
	readonly #key: string;
	#map = $state.raw<KeyMap>({});

	constructor(projectId: string, deps: KeyRemapDeps) {
		this.#deps = deps;
		this.#key = `keys:${projectId}`;
	}

	async load(): Promise<void> {
		this.#map = (await this.#deps.prefGet<KeyMap>(this.#key)) ?? {};
	}

	get isChanged(): boolean {
		return Object.keys(this.#map).length > 0;
	}

	/** The project's key that pressing `pressed` stands for. */
	resolve(pressed: string): string {
		return keyMapResolve(this.#map, pressed);
	}

	/** The key I press for the project's key `key`. */
	mine(key: string): string {
		return keyMapMine(this.#map, key);
	}

	/** Gives the project's key `key`'s action to `pressed` (swapping with its previous action). */
	async assign(key: string, pressed: string): Promise<void> {
		this.#map = keyMapAssign(this.#map, key, pressed);
		await this.#deps.prefSet(this.#key, this.#map);
	}

	async reset(): Promise<void> {
		this.#map = {};
		await this.#deps.prefSet(this.#key, this.#map);
	}

	/**
	 * For a keydown listener in the capture phase: a person's key for another action is stopped and
	 * sent again as the project's key, to the same target. Events we sent are passed through.
	 */
	translate(e: KeyboardEvent): void {
		if (!e.isTrusted || e.ctrlKey || e.altKey || e.metaKey) return;
		const t = e.target as HTMLElement | null;
		// Fields take text, and open dialogs (the keys help while it waits for a key) their own keys.
		if (t?.closest?.('input, textarea, select, [contenteditable="true"], dialog')) return;
		const key = e.key.toLowerCase();
		const to = this.resolve(key);
		if (to === key || !t) return;
		e.stopImmediatePropagation();
		e.preventDefault();
		t.dispatchEvent(
			new KeyboardEvent('keydown', {
				key: to,
				bubbles: true,
				cancelable: true,
				shiftKey: e.shiftKey
			})
		);
	}
}
