/**
 * The data-preparation report of a project (or of one import): scans items in chunks, yielding to
 * the page between them so it never freezes, hashes images perceptually, and applies the user's
 * decisions (keep, mark, drop) through the shared doc. Dropping refuses items anyone has labeled.
 */
import { grayResize, phash, PHASH_SIDE } from '$lib/core/prep/phash';
import { prepScan, type PrepItem, type PrepProgress, type PrepReport } from '$lib/core/prep/report';
import type { PrepAction, PrepMark } from '$lib/core/prep/marks';
import { prepMarkKey } from '$lib/core/prep/marks';
import type { PrepFinding, PrepFindingKind } from '$lib/core/prep/report';
import type { AnnotatorId, EpochMs, Item, ItemId } from '$lib/core/types';
import {
	itemsDrop,
	prepMap,
	prepMarkDelete,
	prepMarksRead,
	prepMarkWrite,
	reviewsRead
} from '$lib/sync/doc';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import type { ProjectSession } from './project-session.svelte';

export interface PrepDeps {
	blobs?: BlobsRepo;
	/** Grey levels of an image, 32×32 (tests may pass their own decoder). */
	imageGray?: (blob: Blob) => Promise<Float64Array>;
	now?: () => number;
}

/** Decodes an image and reduces it to 32×32 grey levels with the browser's own resampling. */
export async function imageGray32(blob: Blob): Promise<Float64Array> {
	const bmp = await createImageBitmap(blob);
	try {
		const canvas = new OffscreenCanvas(PHASH_SIDE, PHASH_SIDE);
		const ctx = canvas.getContext('2d');
		if (!ctx) throw new Error('No 2D canvas in this browser');
		ctx.drawImage(bmp, 0, 0, PHASH_SIDE, PHASH_SIDE);
		const data = ctx.getImageData(0, 0, PHASH_SIDE, PHASH_SIDE).data;
		return grayResize(data, PHASH_SIDE, PHASH_SIDE);
	} finally {
		bmp.close();
	}
}

const yieldToPage = () => new Promise<void>((r) => setTimeout(r, 0));

export class PrepSession {
	#s: ProjectSession;
	#me: AnnotatorId;
	#deps: PrepDeps;
	#cancel = false;
	#unobserve: () => void;

	running = $state(false);
	progress = $state.raw<PrepProgress | undefined>();
	report = $state.raw<PrepReport | undefined>();
	marks = $state.raw<ReadonlyMap<string, PrepMark>>(new Map());
	/** The outcome of the last action, in words (e.g. why a drop was refused). */
	message = $state('');
	error = $state('');

	constructor(session: ProjectSession, me: AnnotatorId, deps: PrepDeps = {}) {
		this.#s = session;
		this.#me = me;
		this.#deps = deps;
		const map = prepMap(session.p);
		const read = () =>
			(this.marks = new Map(prepMarksRead(session.p).map((m) => [prepMarkKey(m), m])));
		read();
		map.observe(read);
		this.#unobserve = () => map.unobserve(read);
	}

	cancel(): void {
		this.#cancel = true;
	}

	/** Scans the items with `seq ≥ fromSeq` (all by default). */
	async run(
		opts: { fromSeq?: number; importDuplicates?: number; importEmpty?: number } = {}
	): Promise<void> {
		this.running = true;
		this.#cancel = false;
		this.error = '';
		try {
			const ids = this.#s.index.order;
			const items: Item[] = [];
			for (const id of ids) {
				const it = this.#s.index.item(id);
				if (it && it.seq >= (opts.fromSeq ?? -Infinity)) items.push(it);
			}
			const prep: PrepItem[] = [];
			let done = 0;
			for (const it of items) {
				prep.push(await this.#prepItem(it));
				if (++done % 500 === 0 || (it.media && 'blob' in it.media)) {
					this.progress = { done, total: items.length, phase: 'images' };
					if (this.#cancel) return;
					if (done % 500 === 0) await yieldToPage();
				}
			}
			const labels: string[] = [];
			const classes: string[] = [];
			const task = this.#s.schema.tasks.find((t) => t.type === 'classification');
			if (task && task.type === 'classification') {
				const name = new Map(task.labels.map((l) => [l.id as string, l.name]));
				classes.push(...task.labels.map((l) => l.name));
				const inScope = new Set(items.map((i) => i.id));
				for (const a of this.#s.p.annotations.values())
					if (a.task === task.id && inScope.has(a.item) && a.value.type === 'classification')
						for (const l of a.value.labels) labels.push(name.get(l) ?? l);
			}
			const gen = prepScan(prep, {
				labels,
				classes,
				importDuplicates: opts.importDuplicates ?? 0,
				importEmpty: opts.importEmpty ?? 0
			});
			let last = performance.now();
			for (;;) {
				const step = gen.next();
				if (step.done) {
					this.report = step.value;
					break;
				}
				this.progress = step.value;
				if (this.#cancel) return;
				if (performance.now() - last > 30) {
					await yieldToPage();
					last = performance.now();
				}
			}
		} catch (e) {
			this.error = `The scan stopped: ${e instanceof Error ? e.message : String(e)}`;
		} finally {
			this.running = false;
		}
	}

	async #prepItem(it: Item): Promise<PrepItem> {
		const texts = [
			it.text,
			...Object.values(it.fields ?? {}).map((f) => (f.kind === 'text' ? f.text : undefined))
		].filter((t): t is string => t !== undefined);
		const out: PrepItem = { id: it.id, kind: it.kind };
		if (texts.length) out.text = texts.join('\n');
		const media = it.media;
		if (!media || !('blob' in media)) return out;
		out.blob = media.blob;
		out.size = media.size;
		if (it.kind !== 'image' || !this.#deps.blobs) return out;
		const row = await this.#deps.blobs.get(media.blob).catch(() => undefined);
		if (!row) return out; // Not on this device yet (a peer's): not broken, just not here.
		try {
			out.phash = phash(await (this.#deps.imageGray ?? imageGray32)(row.blob));
		} catch {
			out.broken = `The image ${media.name} cannot be decoded (${media.mime}, ${media.size.toLocaleString('en')} bytes)`;
		}
		return out;
	}

	/** A short preview of an item for the report. */
	preview(id: string): string {
		const it = this.#s.index.item(id as ItemId);
		if (!it) return '(dropped)';
		const t = it.text ?? Object.values(it.fields ?? {}).find((f) => f.kind === 'text');
		const text = typeof t === 'string' ? t : t && 'text' in t ? t.text : undefined;
		if (text !== undefined) return text.length > 140 ? `${text.slice(0, 139)}…` : text || '(empty)';
		return it.media && 'name' in it.media && it.media.name ? it.media.name : it.kind;
	}

	exists(id: string): boolean {
		return this.#s.index.has(id as ItemId);
	}

	mark(finding: PrepFinding, item: string): PrepMark | undefined {
		return this.marks.get(prepMarkKey({ item: item as ItemId, kind: finding.kind }));
	}

	/** Who has labeled an item (names), or gave it a gold answer or a review: dropping it would lose that. */
	labeledBy(id: string): string[] {
		const names = new Map(this.#s.collab?.members().map((m) => [m.id as string, m.name]) ?? []);
		const who = new Set(
			this.#s.index
				.annotationsOf(id as ItemId)
				.map((a) => (a.annotator === this.#me ? 'you' : (names.get(a.annotator) ?? a.annotator)))
		);
		const { decisions, gold } = reviewsRead(this.#s.p);
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
		this.message = '';
		if (!action) return prepMarkDelete(this.#s.p, { item: item as ItemId, kind });
		prepMarkWrite(this.#s.p, {
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
			this.message = `Not dropped: this item has work by ${who.join(', ')}. Mark it instead, or ask them first.`;
			return false;
		}
		const at = (this.#deps.now ?? Date.now)() as EpochMs;
		this.#s.p.doc.transact(() => {
			itemsDrop(this.#s.p, new Set([item as ItemId]));
			prepMarkWrite(this.#s.p, { item: item as ItemId, kind, action: 'drop', by: this.#me, at });
		});
		this.message = `Dropped “${this.preview(item)}”.`;
		return true;
	}

	destroy(): void {
		this.#cancel = true;
		this.#unobserve();
	}
}
