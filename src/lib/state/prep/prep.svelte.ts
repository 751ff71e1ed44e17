/**
 * The data-preparation report of a project (or of one import): scans items in chunks, yielding to
 * the page between them so it never freezes, hashes images perceptually, and applies the user's
 * decisions (keep, mark, drop) through the shared doc. Dropping refuses items anyone has labeled.
 */
import type { PrepAction, PrepMark } from '$lib/core/prep/marks';
import { prepMarkKey } from '$lib/core/prep/marks';
import {
	prepScan,
	type PrepFinding,
	type PrepFindingKind,
	type PrepItem,
	type PrepProgress,
	type PrepReport
} from '$lib/core/prep/report';
import type { AnnotatorId, EpochMs, Item, ItemId } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { ProjectSession } from '../project-session.svelte';
import { itemPreview, prepItemOf } from './prep-items';

export { imageGray32 } from './prep-items';

export interface PrepDeps {
	blobs?: BlobsRepo;
	/** Grey levels of an image, 32×32 (tests may pass their own decoder). */
	imageGray?: (blob: Blob) => Promise<Float64Array>;
	now?: () => number;
}

const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));
/** Items hashed between progress reports (and yields to the page). */
const CHUNK = 500;
/** The scan yields to the page after this long (ms). */
const SLICE_MS = 30;

export class PrepSession {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: PrepDeps;
	#cancel = false;
	/** The marks as last read, and the `prep` stamp they were read at. */
	#marks: { stamp: number; map: ReadonlyMap<string, PrepMark> } | undefined;

	#running = $state(false);
	#progress = $state.raw<PrepProgress | undefined>();
	#report = $state.raw<PrepReport | undefined>();
	#message = $state('');
	#error = $state('');

	constructor(session: ProjectSession, me: AnnotatorId, deps: PrepDeps = {}) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
	}

	get running(): boolean {
		return this.#running;
	}

	get progress(): PrepProgress | undefined {
		return this.#progress;
	}

	get report(): PrepReport | undefined {
		return this.#report;
	}

	/** The outcome of the last action, in words (e.g. why a drop was refused). */
	get message(): string {
		return this.#message;
	}

	get error(): string {
		return this.#error;
	}

	/** Everyone's decisions on findings, by `kind/item` (a view of the doc's prep marks). */
	get marks(): ReadonlyMap<string, PrepMark> {
		this.#s.track('prep');
		const stamp = this.#s.store.stamp('prep');
		if (this.#marks?.stamp !== stamp) {
			const map = new Map(this.#s.store.prepMarks().map((m) => [prepMarkKey(m), m]));
			this.#marks = { stamp, map };
		}
		return this.#marks.map;
	}

	cancel(): void {
		this.#cancel = true;
	}

	/** Scans the items with `seq ≥ fromSeq` (all by default). */
	async run(
		opts: { fromSeq?: number; importDuplicates?: number; importEmpty?: number } = {}
	): Promise<void> {
		this.#running = true;
		this.#cancel = false;
		this.#error = '';
		try {
			const store = this.#s.store;
			const items: Item[] = [];
			for (const id of store.order) {
				const it = store.item(id);
				if (it && it.seq >= (opts.fromSeq ?? -Infinity)) items.push(it);
			}
			const prep = await this.#prepItems(items);
			if (!prep) return;
			const gen = prepScan(prep, {
				...this.#classLabels(items),
				importDuplicates: opts.importDuplicates ?? 0,
				importEmpty: opts.importEmpty ?? 0
			});
			let last = performance.now();
			for (;;) {
				const step = gen.next();
				if (step.done) {
					this.#report = step.value;
					break;
				}
				this.#progress = step.value;
				if (this.#cancel) return;
				if (performance.now() - last > SLICE_MS) {
					await yieldToPage();
					last = performance.now();
				}
			}
		} catch (e) {
			this.#error = `The scan stopped: ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			this.#running = false;
		}
	}

	/** The items as the scan reads them; undefined if cancelled. */
	async #prepItems(items: readonly Item[]): Promise<PrepItem[] | undefined> {
		const prep: PrepItem[] = [];
		let done = 0;
		for (const it of items) {
			prep.push(await prepItemOf(it, this.#deps));
			if (++done % CHUNK === 0 || (it.media && 'blob' in it.media)) {
				this.#progress = { done, total: items.length, phase: 'images' };
				if (this.#cancel) return undefined;
				if (done % CHUNK === 0) await yieldToPage();
			}
		}
		return prep;
	}

	/** The first classification task's label names, and every label given to `items` in it. */
	#classLabels(items: readonly Item[]): { labels: string[]; classes: string[] } {
		const labels: string[] = [];
		const classes: string[] = [];
		const store = this.#s.store;
		const task = store.schema.tasks.find((t) => t.type === 'classification');
		if (!task || task.type !== 'classification') return { labels, classes };
		const name = new Map(task.labels.map((l) => [l.id as string, l.name]));
		classes.push(...task.labels.map((l) => l.name));
		const inScope = new Set(items.map((i) => i.id));
		for (const a of store.annotationsAll())
			if (a.task === task.id && inScope.has(a.item) && a.value.type === 'classification')
				for (const l of a.value.labels) labels.push(name.get(l) ?? l);
		return { labels, classes };
	}

	/** A short preview of an item for the report (a view: follows the project's items). */
	preview(id: string): string {
		return itemPreview(this.#s.item(id as ItemId));
	}

	/** Whether the item is still in the project (a view: follows the project's items). */
	exists(id: string): boolean {
		return this.#s.has(id as ItemId);
	}

	mark(finding: PrepFinding, item: string): PrepMark | undefined {
		return this.marks.get(prepMarkKey({ item: item as ItemId, kind: finding.kind }));
	}

	/** Who has labeled an item (names), or gave it a gold answer or a review: dropping it would lose that. */
	labeledBy(id: string): string[] {
		const store = this.#s.store;
		const names = new Map(this.#s.collab?.members().map((m) => [m.id as string, m.name]) ?? []);
		const who = new Set(
			store
				.annotationsOf(id as ItemId)
				.map((a) => (a.annotator === this.#me ? 'you' : (names.get(a.annotator) ?? a.annotator)))
		);
		const { decisions, gold } = store.reviews();
		if (decisions.some((d) => d.item === id)) who.add('a reviewer');
		if (gold.some((g) => g.item === id)) who.add('gold answers');
		return [...who];
	}

	/** Records keep or mark (or clears the decision with `undefined`). */
	decide(
		kind: PrepFindingKind,
		item: string,
		action: Exclude<PrepAction, 'drop'> | undefined
	): void {
		this.#message = '';
		const store = this.#s.store;
		if (!action) return store.prepUnmark({ item: item as ItemId, kind });
		store.prepMark({
			item: item as ItemId,
			kind,
			action,
			by: this.#me,
			at: (this.#deps.now ?? Date.now)() as EpochMs
		});
	}

	/** Deletes an item, unless someone labeled it; returns whether it was dropped. */
	drop(kind: PrepFindingKind, item: string): boolean {
		const who = this.labeledBy(item);
		if (who.length > 0) {
			this.#message = `Not dropped: this item has work by ${who.join(', ')}. Mark it instead, or ask them first.`;
			return false;
		}
		const at = (this.#deps.now ?? Date.now)() as EpochMs;
		const store = this.#s.store;
		const shown = itemPreview(store.item(item as ItemId));
		store.batch(() => {
			store.itemsDrop(new Set([item as ItemId]));
			store.prepMark({ item: item as ItemId, kind, action: 'drop', by: this.#me, at });
		});
		this.#message = `Dropped “${shown}”.`;
		return true;
	}

	destroy(): void {
		this.#cancel = true;
	}
}
