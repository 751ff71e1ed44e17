/**
 * One open project: its store (the doc loaded from IndexedDB, behind sync/'s one door) and
 * reactive views of name, schema, settings, guidelines, items and counts. Each view tracks only
 * the doc topics it shows (state/project/doc-tracker.ts). Pages get it from the project layout's
 * context.
 */
import type {
	Annotation,
	AnnotatorId,
	Item,
	ItemId,
	LabelSchema,
	Member,
	ProjectId,
	ProjectSettings
} from '$lib/core/types';
import { ProjectStore, type DocTopic } from '$lib/sync/project-store';
import { storePersist, type DocPersistence } from '$lib/sync/persistence';
import type { ProjectsRepo } from '$lib/storage/projects-repo';
import {
	isQuotaError,
	isStorageUnavailable,
	StorageFullError,
	StorageUnavailableError
} from '$lib/storage/quota';
import { DocTrackers } from './project/doc-tracker';

export interface SessionDeps {
	projects: ProjectsRepo;
	now(): number;
	/** Opens persistence for the store; tests may pass an in-memory one. */
	persist?(id: ProjectId, store: ProjectStore): DocPersistence;
}

/** Set by the sync layer while the project is shared: team, soft claims and my open item. */
export interface SessionCollab {
	readonly me: AnnotatorId;
	members(): readonly Member[];
	claimedByOthers(): ReadonlySet<ItemId>;
	focus(item: ItemId | undefined): void;
}

export class ProjectSession {
	readonly id: ProjectId;
	/** The doc's one door: commands, reads and change events. */
	readonly store: ProjectStore;
	readonly #track: DocTrackers;
	#persistence: DocPersistence;
	#deps: SessionDeps;
	#unsub: () => void;
	#summaryTimer: ReturnType<typeof setTimeout> | undefined;

	#ready = $state(false);
	#saveError = $state<string | undefined>(undefined);
	#collab = $state.raw<SessionCollab | undefined>(undefined);

	constructor(id: ProjectId, deps: SessionDeps) {
		this.id = id;
		this.#deps = deps;
		this.store = new ProjectStore();
		this.#track = new DocTrackers(this.store);
		this.#persistence = (deps.persist ?? storePersist)(id, this.store);
		this.#persistence.onError((e) => {
			this.#saveError = isQuotaError(e)
				? new StorageFullError(e).message
				: isStorageUnavailable(e)
					? new StorageUnavailableError(e).message
					: `Could not save: ${e instanceof Error ? e.message : String(e)}. Your changes are kept in this tab; keep it open and try again.`;
		});
		this.#persistence.onSaved(() => {
			if (this.#persistence.unsaved === 0) this.#saveError = undefined;
		});
		// The stored doc loads before `ready`, so every change after it is new work to summarise.
		this.#unsub = this.store.on(['items', 'annotations', 'meta', 'schema', 'settings'], () => {
			if (this.#ready) this.#summarySoon();
		});
	}

	/** Resolves once the stored doc is loaded. */
	async open(): Promise<void> {
		performance.mark('quorum:open:start');
		await this.#persistence.whenSynced;
		performance.mark('quorum:open:loaded');
		performance.mark('quorum:open:counted');
		this.#ready = true;
		await this.#countsCheck().catch(() => undefined);
	}

	/**
	 * Corrects the projects page's counts from the stored doc: a page closed within the last
	 * summary's wait (a quick reload) left them behind.
	 */
	async #countsCheck(): Promise<void> {
		if (this.store.id === '') return;
		const counts = {
			itemCount: this.store.size,
			labelCount: this.store.annotationCount,
			labeledCount: this.store.labeledCount
		};
		const s = await this.#deps.projects.get(this.id);
		if (
			s &&
			(s.itemCount !== counts.itemCount ||
				s.labelCount !== counts.labelCount ||
				s.labeledCount !== counts.labeledCount)
		)
			await this.#deps.projects.update(this.id, counts);
	}

	/** Makes the calling effect or derived re-run after changes to `topics` (and only then). */
	track(...topics: DocTopic[]): void {
		this.#track.topics(...topics);
	}

	/** Makes the calling effect or derived re-run after changes to `item`'s annotations. */
	trackItem(item: ItemId): void {
		this.#track.item(item);
	}

	get ready(): boolean {
		return this.#ready;
	}

	/** Opened, but the project is not on this device (yet: a joined project arrives from a peer). */
	get missing(): boolean {
		if (!this.#ready) return false;
		this.#track.topics('meta');
		return this.store.id === '';
	}

	get name(): string {
		this.#track.topics('meta');
		return this.store.name;
	}

	get description(): string {
		this.#track.topics('meta');
		return this.store.description;
	}

	get schema(): LabelSchema {
		this.#track.topics('schema');
		return this.store.schema;
	}

	get settings(): ProjectSettings {
		this.#track.topics('settings');
		return this.store.settings;
	}

	get guidelines(): string {
		this.#track.topics('guidelines');
		return this.store.guidelines;
	}

	get members(): readonly Member[] {
		this.#track.topics('members');
		return this.store.members();
	}

	/** Item ids in import order. */
	get order(): readonly ItemId[] {
		this.#track.topics('items');
		return this.store.order;
	}

	item(id: ItemId): Item | undefined {
		this.#track.topics('items');
		return this.store.item(id);
	}

	has(id: ItemId): boolean {
		this.#track.topics('items');
		return this.store.has(id);
	}

	/** Items in import order. */
	itemAt(i: number): Item | undefined {
		const id = this.order[i];
		return id === undefined ? undefined : this.item(id);
	}

	/** Valid annotations of one item, all annotators and tasks. */
	annotationsOf(id: ItemId): Annotation[] {
		this.#track.item(id);
		return this.store.annotationsOf(id);
	}

	labeledBy(annotator: AnnotatorId): ReadonlySet<ItemId> {
		this.#track.topics('annotations');
		return this.store.labeledBy(annotator);
	}

	get itemCount(): number {
		this.#track.topics('items');
		return this.store.size;
	}

	get labeledCount(): number {
		this.#track.topics('annotations');
		return this.store.labeledCount;
	}

	get annotationCount(): number {
		this.#track.topics('annotations');
		return this.store.annotationCount;
	}

	/** How many values from peers failed validation and are left out. */
	get quarantined(): number {
		this.#track.topics('items', 'annotations');
		return this.store.quarantined.size;
	}

	/** Set while some changes could not be written (e.g. the disk is full); cleared once saved. */
	get saveError(): string | undefined {
		return this.#saveError;
	}

	/** Present while the project is shared with a team (state/team/project-sync.svelte.ts). */
	get collab(): SessionCollab | undefined {
		return this.#collab;
	}

	set collab(c: SessionCollab | undefined) {
		this.#collab = c;
	}

	/**
	 * Keeps the projects page's counts and last activity current, at most twice a second: the
	 * first change schedules a write and later ones ride along (a wait restarted by every label
	 * would never write while someone labels quickly).
	 */
	#summarySoon(): void {
		if (this.#summaryTimer !== undefined) return;
		this.#summaryTimer = setTimeout(() => {
			this.#summaryTimer = undefined;
			void this.summaryWrite().catch(() => undefined);
		}, 500);
	}

	async summaryWrite(): Promise<void> {
		await this.#deps.projects.update(this.id, {
			name: this.store.name,
			description: this.store.description,
			itemCount: this.store.size,
			labelCount: this.store.annotationCount,
			labeledCount: this.store.labeledCount,
			lastActivity: this.#deps.now()
		});
	}

	/** Adds this project to the device's project list if it is not there (a joined project). */
	async summaryEnsure(): Promise<void> {
		if (await this.#deps.projects.get(this.id)) return;
		const now = this.#deps.now();
		await this.#deps.projects.put({
			id: this.id,
			name: this.store.name,
			description: this.store.description,
			created: now,
			lastActivity: now,
			itemCount: this.store.size,
			labelCount: this.store.annotationCount,
			labeledCount: this.store.labeledCount
		});
	}

	schemaSet(schema: LabelSchema): void {
		this.store.schemaSet(schema);
	}

	settingsSet(patch: Partial<ProjectSettings>): void {
		this.store.settingsSet(patch);
	}

	rename(name: string, description?: string): void {
		this.store.rename(name, description);
	}

	guidelinesSet(text: string): void {
		this.store.guidelinesSet(text);
	}

	/** Annotation count per label id, over all annotators and tasks. */
	labelCounts(): Map<string, number> {
		this.#track.topics('annotations');
		return this.store.labelCounts();
	}

	/** Resolves once every change is stored; throws if a write failed (kept in memory). */
	flush(): Promise<void> {
		return this.#persistence.flush();
	}

	async destroy(): Promise<void> {
		clearTimeout(this.#summaryTimer);
		if (this.#ready) await this.summaryWrite().catch(() => undefined);
		this.#unsub();
		await this.#persistence.destroy();
		this.store.destroy();
	}
}
