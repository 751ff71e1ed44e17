/**
 * One open project: its Y.Doc (loaded from IndexedDB), the derived indexes, and reactive views of
 * name, schema, settings, guidelines and counts. Pages get it from the project layout's context.
 */
import * as Y from 'yjs';
import type {
	AnnotatorId,
	Item,
	ItemId,
	LabelSchema,
	Member,
	ProjectId,
	ProjectSettings
} from '$lib/core/types';
import {
	ORIGIN,
	docGuardOnChange,
	metaSet,
	metaString,
	projectDocFrom,
	schemaRead,
	settingsRead,
	type ProjectDoc
} from '$lib/sync/doc';
import { DocIndex } from '$lib/sync/doc-index';
import { docPersist, type DocPersistence } from '$lib/sync/persistence';
import type { ProjectsRepo } from '$lib/storage/projects-repo';
import {
	isQuotaError,
	isStorageUnavailable,
	StorageFullError,
	StorageUnavailableError
} from '$lib/storage/quota';

export interface SessionDeps {
	projects: ProjectsRepo;
	now(): number;
	/** Opens persistence for the doc; tests may pass an in-memory one. */
	persist?(id: ProjectId, doc: Y.Doc): DocPersistence;
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
	readonly p: ProjectDoc;
	readonly index: DocIndex;
	#persistence: DocPersistence;
	#deps: SessionDeps;
	#unsub: () => void;
	#offGuard: () => void;
	#summaryTimer: ReturnType<typeof setTimeout> | undefined;

	ready = $state(false);
	missing = $state(false);
	name = $state('');
	description = $state('');
	schema = $state.raw<LabelSchema>({ tasks: [] });
	settings = $state.raw<ProjectSettings>(settingsRead(projectDocFrom(new Y.Doc())));
	guidelines = $state('');
	itemCount = $state(0);
	labeledCount = $state(0);
	annotationCount = $state(0);
	/** Bumped on every change to items or annotations, so views re-read the index. */
	version = $state(0);
	quarantined = $state(0);
	/** Set while some changes could not be written (e.g. the disk is full); cleared once saved. */
	saveError = $state<string | undefined>(undefined);
	/** Present while the project is shared with a team (state/sync.svelte.ts). */
	collab = $state.raw<SessionCollab | undefined>(undefined);

	constructor(id: ProjectId, deps: SessionDeps) {
		this.id = id;
		this.#deps = deps;
		this.p = projectDocFrom(new Y.Doc());
		this.#persistence = (deps.persist ?? docPersist)(id, this.p.doc);
		this.index = new DocIndex(this.p);
		this.#persistence.onError((e) => {
			this.saveError = isQuotaError(e)
				? new StorageFullError(e).message
				: isStorageUnavailable(e)
					? new StorageUnavailableError(e).message
					: `Could not save: ${e instanceof Error ? e.message : String(e)}. Your changes are kept in this tab; keep it open and try again.`;
		});
		this.#persistence.onSaved(() => {
			if (this.#persistence.unsaved === 0) this.saveError = undefined;
		});
		this.#unsub = this.index.subscribe((c) => {
			if (c.meta) this.#readMeta();
			if (c.guidelines) this.guidelines = this.p.guidelines.toString();
			if (c.items || c.annotations) this.#readCounts();
			if (c.origin !== ORIGIN.STORAGE && this.ready) this.#summarySoon();
		});
		// Signed projects: the trusted schema and settings change when signatures are checked.
		this.#offGuard = docGuardOnChange(this.p.doc, () => {
			if (!this.ready) return;
			this.#readMeta();
			this.#readCounts();
		});
	}

	/** Resolves once the stored doc is loaded. */
	async open(): Promise<void> {
		performance.mark('quorum:open:start');
		await this.#persistence.whenSynced;
		performance.mark('quorum:open:loaded');
		this.#readMeta();
		this.guidelines = this.p.guidelines.toString();
		this.#readCounts();
		performance.mark('quorum:open:counted');
		this.missing = metaString(this.p, 'id') === '';
		this.ready = true;
	}

	#readMeta(): void {
		this.name = metaString(this.p, 'name');
		this.description = metaString(this.p, 'description');
		this.schema = schemaRead(this.p);
		this.settings = settingsRead(this.p);
		// A joined project arrives from a peer after open().
		if (this.ready && this.missing) this.missing = metaString(this.p, 'id') === '';
	}

	#readCounts(): void {
		this.itemCount = this.index.size;
		this.labeledCount = this.index.labeledCount;
		this.annotationCount = this.index.annotationCount;
		this.quarantined = this.index.quarantined.size;
		this.version++;
	}

	/** Keeps the projects page's counts and last activity current, at most twice a second. */
	#summarySoon(): void {
		clearTimeout(this.#summaryTimer);
		this.#summaryTimer = setTimeout(() => void this.summaryWrite(), 500);
	}

	async summaryWrite(): Promise<void> {
		await this.#deps.projects.update(this.id, {
			name: this.name,
			description: this.description,
			itemCount: this.index.size,
			labelCount: this.index.annotationCount,
			labeledCount: this.index.labeledCount,
			lastActivity: this.#deps.now()
		});
	}

	/** Adds this project to the device's project list if it is not there (a joined project). */
	async summaryEnsure(): Promise<void> {
		if (await this.#deps.projects.get(this.id)) return;
		const now = this.#deps.now();
		await this.#deps.projects.put({
			id: this.id,
			name: this.name,
			description: this.description,
			created: now,
			lastActivity: now,
			itemCount: this.index.size,
			labelCount: this.index.annotationCount,
			labeledCount: this.index.labeledCount
		});
	}

	schemaSet(schema: LabelSchema): void {
		metaSet(this.p, { schema });
	}

	settingsSet(patch: Partial<ProjectSettings>): void {
		metaSet(this.p, { settings: { ...this.settings, ...patch } });
	}

	rename(name: string, description?: string): void {
		metaSet(this.p, { name: name.trim(), description });
	}

	guidelinesSet(text: string): void {
		this.p.doc.transact(() => {
			const g = this.p.guidelines;
			g.delete(0, g.length);
			g.insert(0, text);
		}, ORIGIN.LOCAL);
	}

	/** Annotation count per label id, over all annotators and tasks. */
	labelCounts(): Map<string, number> {
		const counts = new Map<string, number>();
		for (const a of this.p.annotations.values()) {
			const labels = (a as { value?: { labels?: unknown } }).value?.labels;
			if (!Array.isArray(labels)) continue;
			for (const l of labels) if (typeof l === 'string') counts.set(l, (counts.get(l) ?? 0) + 1);
		}
		return counts;
	}

	/** Items in import order. Re-read after `version` changes. */
	itemAt(i: number): Item | undefined {
		const id = this.index.order[i];
		return id === undefined ? undefined : this.index.item(id);
	}

	/** Resolves once every change is stored; throws if a write failed (kept in memory). */
	flush(): Promise<void> {
		return this.#persistence.flush();
	}

	async destroy(): Promise<void> {
		clearTimeout(this.#summaryTimer);
		if (this.ready) await this.summaryWrite().catch(() => undefined);
		this.#unsub();
		this.#offGuard();
		this.index.destroy();
		await this.#persistence.destroy();
		this.p.doc.destroy();
	}
}
