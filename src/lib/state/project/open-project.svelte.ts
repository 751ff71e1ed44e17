/**
 * One project opened by the project layout: its session (the doc loaded from IndexedDB) and, when
 * this device has an identity, its sync (connects to the project's room if the device has one;
 * docs/ARCHITECTURE.md#sync-protocol). Pages see both only once the doc is loaded. Made when the
 * layout shows a project and destroyed when it shows another one or none.
 */
import type { AnnotatorId, ProjectId } from '$lib/core/types';
import type { AppState } from '../app.svelte';
import type { ProjectSession } from '../project-session.svelte';
import { ProjectSync } from '../team/project-sync.svelte';

export class OpenProject {
	readonly #app: AppState;
	readonly #opening: ProjectSession;
	#closed = false;
	#made: ProjectSync | undefined;
	#session = $state.raw<ProjectSession | undefined>(undefined);
	#sync = $state.raw<ProjectSync | undefined>(undefined);
	#error = $state('');

	constructor(app: AppState, id: ProjectId) {
		this.#app = app;
		this.#opening = app.sessionOpen(id);
		this.#open().catch((e: unknown) => {
			if (!this.#closed) this.#error = e instanceof Error ? e.message : String(e);
		});
	}

	async #open(): Promise<void> {
		const s = this.#opening;
		const me = this.#app.identity;
		await s.open();
		if (this.#closed) return;
		if (me) {
			const y = new ProjectSync(
				s,
				{ id: me.annotatorId as AnnotatorId, name: me.name, color: me.color },
				{ prefs: { get: (k) => this.#app.prefGet(k), set: (k, v) => this.#app.prefSet(k, v) } }
			);
			this.#made = y;
			this.#sync = y;
			await y.start();
			if (this.#closed) return;
		}
		this.#session = s;
	}

	/** The session, once its doc is loaded (and its sync started). */
	get session(): ProjectSession | undefined {
		return this.#session;
	}

	get sync(): ProjectSync | undefined {
		return this.#sync;
	}

	/** Why the project could not be opened, or ''. */
	get error(): string {
		return this.#error;
	}

	/** Stops sync, then closes the session, then refreshes the device's project list. */
	async destroy(): Promise<void> {
		this.#closed = true;
		this.#session = undefined;
		this.#sync = undefined;
		await this.#made?.destroy();
		await this.#opening.destroy();
		await this.#app.projectsRefresh();
	}
}
