/**
 * Which labeling screen this device shows for one project: the focused annotator screen or the
 * full project view, and whether saving a label vibrates. Both are per-device choices (stored as
 * preferences); until a person chooses, members whose role is annotator get the focused screen,
 * and so does a newcomer to a shared project before the member list names them.
 */
import type { Role } from '$lib/core/types';

export type ViewModeName = 'annotator' | 'full';

export interface ViewModeDeps {
	prefGet<T>(key: string): Promise<T | undefined>;
	prefSet(key: string, value: unknown): Promise<void>;
	/** My role in the project, read when the mode is (it can arrive after the page opens). */
	role: () => Role | undefined;
	/**
	 * Whether this is a shared project (joined through an invite) whose member list has not
	 * named me yet: I am not its owner, so I start on the annotator screen rather than flipping
	 * to it when my role arrives.
	 */
	joining?: () => boolean;
}

interface Stored {
	mode?: ViewModeName;
	vibrate?: boolean;
}

export class ViewMode {
	readonly #deps: ViewModeDeps;
	readonly #key: string;
	#chosen = $state<ViewModeName | undefined>();
	#vibrate = $state(false);
	#loaded = $state(false);

	constructor(projectId: string, deps: ViewModeDeps) {
		this.#deps = deps;
		this.#key = `view-mode:${projectId}`;
	}

	/** Reads the stored choice; the screen waits for it so it does not flash the other view. */
	async load(): Promise<void> {
		const s = await this.#deps.prefGet<Stored>(this.#key);
		this.#chosen = s?.mode;
		this.#vibrate = s?.vibrate ?? false;
		this.#loaded = true;
	}

	get loaded(): boolean {
		return this.#loaded;
	}

	get mode(): ViewModeName {
		if (this.#chosen) return this.#chosen;
		const role = this.#deps.role();
		if (role === undefined) return this.#deps.joining?.() ? 'annotator' : 'full';
		return role === 'annotator' ? 'annotator' : 'full';
	}

	get isAnnotator(): boolean {
		return this.mode === 'annotator';
	}

	get vibrate(): boolean {
		return this.#vibrate;
	}

	async modeSet(mode: ViewModeName): Promise<void> {
		this.#chosen = mode;
		await this.#save();
	}

	async vibrateSet(on: boolean): Promise<void> {
		this.#vibrate = on;
		await this.#save();
	}

	#save(): Promise<void> {
		return this.#deps.prefSet(this.#key, { mode: this.#chosen, vibrate: this.#vibrate });
	}
}
