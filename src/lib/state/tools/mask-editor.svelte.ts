/**
 * Painting the masks of one masks task on one image: brush, eraser and fill, their size and
 * hardness, the label or instance being painted, and whether a finger paints (else it pans). The
 * pixels live in a plane (core/mask/plane.ts) that is not reactive; the canvas redraws what
 * `onPaint` reports. A stroke edits the plane; only its end is saved, as one undo step, through
 * `save` (my annotation, ORIGIN.LOCAL). Big mask codes go to blobs before the value is saved.
 */
import { brushLine, brushStrokeEnd, brushStrokeNew, type BrushStroke } from '$lib/core/mask/brush';
import { maskFill, maskHolesFill } from '$lib/core/mask/fill';
import { maskSmooth } from '$lib/core/mask/smooth';
import { maskPlaneDrop, maskPlaneNew, type MaskPlane, type PixelRect } from '$lib/core/mask/plane';
import { masksValueFrom, type MaskMeta } from '$lib/core/mask/value';
import type { AnnotationValue, LabelId, MasksTask, MasksValue, Point } from '$lib/core/types';
import { masksKey, planeLoad, type MaskBlobStore } from './mask/plane-load';

export type { MaskBlobStore } from './mask/plane-load';
export type MaskTool = 'brush' | 'eraser' | 'fill';

export interface MaskEditorDeps {
	task(): MasksTask;
	value(): AnnotationValue | undefined;
	save(value: MasksValue | undefined): void;
	size(): { w: number; h: number };
	newId(): string;
	/** Where big mask codes are stored; without it every code stays inline. */
	blobs?: MaskBlobStore;
}

/** Brush sizes (diameter, image pixels) the size control offers. */
export const BRUSH_MIN = 1;
export const BRUSH_MAX = 400;

export class MaskEditor {
	readonly #d: MaskEditorDeps;
	#plane: MaskPlane;
	#stroke: BrushStroke | undefined;
	#metas = $state.raw<MaskMeta[]>([]);
	#tool = $state<MaskTool>('brush');
	#size = $state(24);
	#hardness = $state(1);
	#labelId = $state<LabelId | undefined>(undefined);
	#selected = $state<string | undefined>(undefined);
	#armed = $state(false);
	#message = $state('');
	#painting = $state(false);
	#loadedKey: string | undefined;
	#loadToken = 0;
	#last: { p: Point; r: number } | undefined;
	#saving: Promise<void> = Promise.resolve();
	readonly #listeners = new Set<(rect: PixelRect | undefined) => void>();

	constructor(deps: MaskEditorDeps) {
		this.#d = deps;
		const { w, h } = deps.size();
		this.#plane = maskPlaneNew(w, h);
		this.#labelId = deps.task().labels[0]?.id;
	}

	get tool(): MaskTool {
		return this.#tool;
	}
	get size(): number {
		return this.#size;
	}
	get hardness(): number {
		return this.#hardness;
	}
	get labelId(): LabelId | undefined {
		return this.#labelId;
	}
	/** The instance being painted (instance mode), or undefined: the next stroke starts a new one. */
	get selected(): string | undefined {
		return this.#selected;
	}
	/** Whether a finger paints; otherwise one finger pans and two pinch. */
	get armed(): boolean {
		return this.#armed;
	}
	get message(): string {
		return this.#message;
	}
	get painting(): boolean {
		return this.#painting;
	}
	/** The masks, in paint order (mask `k` of the plane is `masks[k - 1]`). */
	get masks(): readonly MaskMeta[] {
		return this.#metas;
	}
	get plane(): MaskPlane {
		return this.#plane;
	}

	/** Tells `fn` the rectangle of pixels that changed (undefined: all of them); returns unsubscribe. */
	onPaint(fn: (rect: PixelRect | undefined) => void): () => void {
		this.#listeners.add(fn);
		return () => this.#listeners.delete(fn);
	}

	#tell(rect: PixelRect | undefined): void {
		for (const fn of this.#listeners) fn(rect);
	}

	toolSet(t: MaskTool): void {
		this.#tool = t;
	}
	sizeSet(px: number): void {
		this.#size = Math.min(BRUSH_MAX, Math.max(BRUSH_MIN, Math.round(px)));
	}
	hardnessSet(h: number): void {
		this.#hardness = Math.min(1, Math.max(0, h));
	}
	armedSet(on: boolean): void {
		this.#armed = on;
	}

	labelSet(id: LabelId): void {
		this.#labelId = id;
		const k = this.#selectedK();
		if (this.#d.task().mode !== 'instance' || k === 0) return;
		this.#metas = this.#metas.map((m, i) => (i === k - 1 ? { ...m, label: id } : m));
		this.#commit();
	}

	select(id: string | undefined): void {
		this.#selected = id;
		const m = this.#metas.find((x) => x.id === id);
		if (m) this.#labelId = m.label;
	}

	/** Sets an attribute of the selected instance. */
	attrSet(id: string, v: boolean | string): void {
		const k = this.#selectedK();
		if (k === 0) return;
		this.#metas = this.#metas.map((m, i) =>
			i === k - 1 ? { ...m, attrs: { ...m.attrs, [id]: v } } : m
		);
		this.#commit();
	}

	/** The next stroke starts a new instance (instance mode). */
	instanceNew(): void {
		this.#selected = undefined;
	}

	/**
	 * Reads the saved value into the plane when it changed under the editor (first open, undo,
	 * redo, a peer's edit); its own saves are not read back.
	 */
	async load(): Promise<void> {
		const v = this.#d.value();
		const key = masksKey(v);
		if (key === this.#loadedKey || this.#last) return;
		const token = ++this.#loadToken;
		try {
			const { plane, metas } = await planeLoad(v, this.#d.size(), this.#d.blobs);
			if (token !== this.#loadToken || this.#last) return;
			this.#plane = plane;
			this.#metas = metas;
			this.#loadedKey = key;
			if (this.#selected && !metas.some((m) => m.id === this.#selected)) this.#selected = undefined;
			this.#message = '';
			this.#tell(undefined);
		} catch (e) {
			if (token === this.#loadToken) this.#message = e instanceof Error ? e.message : String(e);
		}
	}

	/** The plane value `k` the brush paints: the label's mask or the selected instance, made if new. */
	#inkK(): number {
		const label = this.#labelId;
		if (!label) return 0;
		if (this.#d.task().mode === 'semantic') {
			const i = this.#metas.findIndex((m) => m.label === label);
			if (i >= 0) return i + 1;
		} else {
			const k = this.#selectedK();
			if (k > 0) return k;
		}
		const meta = { id: this.#d.newId(), label };
		this.#metas = [...this.#metas, meta];
		if (this.#d.task().mode === 'instance') this.#selected = meta.id;
		return this.#metas.length;
	}

	#selectedK(): number {
		return this.#metas.findIndex((m) => m.id === this.#selected) + 1;
	}

	// ---- pointer gestures (image pixels; `pressure` 0–1 only from a pen) ----

	down(p: Point, pressure?: number): void {
		this.#message = '';
		if (!this.#labelId) {
			this.#message = 'Add a label to this task first.';
			return;
		}
		if (this.#tool === 'fill') {
			this.#fillAt(p);
			return;
		}
		this.#stroke ??= brushStrokeNew(this.#plane);
		this.#painting = true;
		const r = this.#radius(pressure);
		this.#last = { p, r };
		this.#line(p, r, true);
	}

	move(p: Point, pressure?: number): void {
		if (!this.#last) return;
		const r = this.#radius(pressure);
		this.#line(p, r, false);
		this.#last = { p, r };
	}

	up(): void {
		if (!this.#last) return;
		this.#last = undefined;
		this.#painting = false;
		if (this.#stroke) brushStrokeEnd(this.#plane, this.#stroke);
		this.#commit();
	}

	/** Abandons a stroke (a second finger starts a pinch): the saved masks come back. */
	cancel(): void {
		if (!this.#last) return;
		this.#last = undefined;
		this.#painting = false;
		if (this.#stroke) brushStrokeEnd(this.#plane, this.#stroke);
		this.#loadedKey = undefined;
		void this.load();
	}

	#radius(pressure: number | undefined): number {
		const scale = pressure === undefined || pressure <= 0 ? 1 : Math.min(1, pressure);
		return Math.max(0.5, (this.#size / 2) * scale);
	}

	#line(p: Point, r: number, first: boolean): void {
		const last = this.#last;
		const stroke = this.#stroke;
		if (!last || !stroke) return;
		const erase = this.#tool === 'eraser';
		const value = erase ? 0 : this.#inkK();
		const only = erase && this.#d.task().mode === 'instance' ? this.#selectedK() : 0;
		const seg = { ax: last.p[0], ay: last.p[1], bx: p[0], by: p[1], ra: last.r, rb: r, first };
		const ink = only > 0 ? { value, only } : { value };
		const rect = brushLine(this.#plane, stroke, seg, this.#hardness, ink);
		if (rect) this.#tell(rect);
	}

	#fillAt(p: Point): void {
		const k = this.#inkK();
		const rect = maskFill(this.#plane, Math.floor(p[0]), Math.floor(p[1]), k);
		if (!rect) return;
		this.#tell(rect);
		this.#commit();
	}

	/** Fills the holes of the mask being painted (the label's, or the selected instance). */
	holesFill(): void {
		const k = this.#d.task().mode === 'semantic' ? this.#labelK() : this.#selectedK();
		if (k === 0) return;
		const rect = maskHolesFill(this.#plane, k);
		if (!rect) {
			this.#message = 'That mask has no holes.';
			return;
		}
		this.#tell(rect);
		this.#commit();
	}

	/**
	 * Smooths the outline of the mask being painted: traced, simplified by `tol` pixels and filled
	 * again, so bumps and notches under that size go and no pixel farther from the border moves.
	 */
	smooth(tol = 1.5): void {
		const k = this.#d.task().mode === 'semantic' ? this.#labelK() : this.#selectedK();
		if (k === 0) return;
		if (!maskSmooth(this.#plane, k, tol)) return;
		this.#tell(undefined);
		this.#commit();
	}

	#labelK(): number {
		return this.#metas.findIndex((m) => m.label === this.#labelId) + 1;
	}

	/** Deletes a mask (an instance, or one label's mask). */
	remove(id: string): void {
		const k = this.#metas.findIndex((m) => m.id === id) + 1;
		if (k === 0) return;
		maskPlaneDrop(this.#plane, k);
		this.#metas = this.#metas.filter((m) => m.id !== id);
		if (this.#selected === id) this.#selected = undefined;
		this.#tell(undefined);
		this.#commit();
	}

	/** Encodes the plane and saves it; saves run one after another so their order holds. */
	#commit(): void {
		const { value, blobs } = masksValueFrom(
			this.#plane,
			this.#metas,
			this.#d.blobs ? undefined : Infinity
		);
		const kept = new Set(value.masks.map((m) => m.id));
		if (kept.size < this.#metas.length) {
			for (let k = this.#metas.length; k >= 1; k--)
				if (!kept.has((this.#metas[k - 1] as MaskMeta).id)) maskPlaneDrop(this.#plane, k);
			this.#metas = this.#metas.filter((m) => kept.has(m.id));
			if (this.#selected && !kept.has(this.#selected)) this.#selected = undefined;
		}
		const out = value.masks.length > 0 ? value : undefined;
		this.#loadedKey = masksKey(out);
		const blobStore = this.#d.blobs;
		this.#saving = this.#saving.then(async () => {
			try {
				if (blobs.length > 0 && blobStore) await blobStore.put(blobs);
				this.#d.save(out);
			} catch (e) {
				this.#message = `The masks could not be saved: ${e instanceof Error ? e.message : String(e)}`;
			}
		});
	}

	/** Resolves once every save asked for so far is done. */
	saved(): Promise<void> {
		return this.#saving;
	}
}
