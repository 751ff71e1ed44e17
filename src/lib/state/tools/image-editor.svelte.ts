/**
 * Drawing and editing regions on one image for the boxes, polygons and keypoints tasks of a
 * schema: the active task and label, draw or edit mode, the selection, and the region being
 * dragged. A gesture edits a local draft (image/gesture.ts); only its end is saved (one undo step
 * per gesture, through the `save` callback that writes my annotation with ORIGIN.LOCAL).
 */
import { polygonProblem, vertexDelete } from '$lib/core/geometry/polygon';
import type {
	AnnotationValue,
	AttrValues,
	KeypointsTask,
	LabelId,
	Point,
	PolygonsTask,
	Shape,
	TaskId
} from '$lib/core/types';
import { gestureDraft, gestureStart, type Gesture } from './image/gesture';
import { keypointNext, keypointOpen, keypointVisibilityToggle } from './image/keypoints';
import { imageKey, type KeyPress } from './image/keys';
import {
	MIN_BOX,
	boxClamp,
	boxRotate,
	pointClamp,
	regionNudge,
	regionsOf,
	regionsValue,
	type Hit,
	type ImageTask,
	type Region
} from './image/regions';

export type { Hit, ImageTask, Region } from './image/regions';

export interface ImageEditorDeps {
	tasks(): readonly ImageTask[];
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	size(): { w: number; h: number };
	newId(): string;
	/** The view's scale (screen px per image px), so closing a polygon works at any zoom. */
	scale?(): number;
}

export class ImageEditor {
	readonly #d: ImageEditorDeps;
	#g: Gesture | undefined;
	#taskId = $state<TaskId | undefined>(undefined);
	#labelId = $state<LabelId | undefined>(undefined);
	#mode = $state<'draw' | 'edit'>('draw');
	#selected = $state<string | undefined>(undefined);
	/** The region just drawn (selected for nudging, not chosen): picking a label is for the next one. */
	#drawn: string | undefined;
	#vertex = $state<number | undefined>(undefined);
	#draft = $state.raw<Region | undefined>(undefined);
	#path = $state.raw<Point[]>([]);
	#message = $state('');

	constructor(deps: ImageEditorDeps) {
		this.#d = deps;
		const first = deps.tasks()[0];
		this.#taskId = first?.id;
		this.#labelId = first?.labels[0]?.id;
	}

	get taskId(): TaskId | undefined {
		return this.#taskId;
	}

	/** The label new regions get (and the selected region's label). */
	get labelId(): LabelId | undefined {
		return this.#labelId;
	}

	get mode(): 'draw' | 'edit' {
		return this.#mode;
	}

	get selected(): string | undefined {
		return this.#selected;
	}

	/** Selected vertex (polygons) or point (keypoints) of the selected region. */
	get vertex(): number | undefined {
		return this.#vertex;
	}

	/** The region under a gesture, shown instead of its saved version. */
	get draft(): Region | undefined {
		return this.#draft;
	}

	/** Points of a polygon being drawn. */
	get path(): readonly Point[] {
		return this.#path;
	}

	/** Why the last edit was not applied, or ''. */
	get message(): string {
		return this.#message;
	}

	get task(): ImageTask | undefined {
		return this.#d.tasks().find((t) => t.id === this.#taskId);
	}

	get busy(): boolean {
		return this.#g !== undefined;
	}

	taskSet(id: TaskId): void {
		this.#finishPath();
		this.#taskId = id;
		this.#labelId = this.task?.labels[0]?.id;
		this.#message = '';
		this.#selected = undefined;
		this.#vertex = undefined;
	}

	modeToggle(): void {
		this.#mode = this.#mode === 'draw' ? 'edit' : 'draw';
	}

	/** Saved regions of a task. */
	regions(task: ImageTask): Region[] {
		return regionsOf(this.#d.value(task.id));
	}

	get selectedRegion(): Region | undefined {
		const t = this.task;
		return t && this.regions(t).find((r) => r.id === this.#selected);
	}

	#write(task: ImageTask, regions: Region[]): void {
		this.#d.save(task.id, regionsValue(task, regions));
	}

	/** Replaces (or adds) one region of the active task and saves. */
	#put(r: Region): void {
		const t = this.task;
		if (!t) return;
		const list = this.regions(t);
		const i = list.findIndex((x) => x.id === r.id);
		this.#write(t, i < 0 ? [...list, r] : list.map((x) => (x.id === r.id ? r : x)));
	}

	#clamp(p: Point): Point {
		return pointClamp(p, this.#d.size());
	}

	// ---- pointer gestures ----

	down(p: Point, hit: Hit): void {
		const t = this.task;
		if (!t || !this.#labelId) return;
		this.#message = '';
		const region = 'id' in hit ? this.regions(t).find((r) => r.id === hit.id) : undefined;
		const start = region && gestureStart(region, p, hit, this.#path.length > 0, this.#d.size());
		if (start) {
			this.#g = start.g;
			if (start.select) {
				this.#drawn = undefined;
				this.#selected = start.select.id;
				this.#vertex = start.select.vertex;
			}
			if (start.draft) this.#draft = start.draft;
			return;
		}
		if (this.#mode !== 'draw') {
			this.#selected = undefined;
			return;
		}
		const q = this.#clamp(p);
		if (t.type === 'boxes') {
			this.#selected = undefined;
			this.#g = { kind: 'draw-box', anchor: q };
			this.#draft = { id: this.#d.newId(), label: this.#labelId, x: q[0], y: q[1], w: 0, h: 0 };
		} else if (t.type === 'polygons') this.#pathAdd(q, t);
		else this.#keypointPlace(q, t);
	}

	move(p: Point): void {
		if (this.#g) this.#draft = gestureDraft(this.#g, this.#draft, p, this.#d.size());
	}

	up(): void {
		const g = this.#g;
		const d = this.#draft;
		this.#g = undefined;
		this.#draft = undefined;
		if (!g || !d) return;
		if (g.kind === 'draw-box') {
			if ('w' in d && (d.w < MIN_BOX || d.h < MIN_BOX)) return;
			this.#put(d);
			this.#selected = this.#drawn = d.id;
			return;
		}
		if ((g.kind === 'move' || g.kind === 'vertex') && !g.moved) return;
		if ('closed' in d && d.closed && polygonProblem(d.points, true) === 'self-intersecting') {
			this.#message = 'That edit would make the polygon cross itself; it was not applied.';
			return;
		}
		this.#put(d);
	}

	/** Abandons the current gesture (e.g. a second finger starts a pinch). */
	cancel(): void {
		this.#g = undefined;
		this.#draft = undefined;
	}

	/** Drops the shape being drawn, the gesture and the selection. */
	escape(): void {
		this.#path = [];
		this.cancel();
		this.#selected = undefined;
	}

	// ---- polygons and keypoints ----

	#pathAdd(q: Point, t: PolygonsTask): void {
		const first = this.#path[0];
		const tol = 8 / Math.max(1, this.#d.scale?.() ?? 1);
		if (
			t.shape === 'polygon' &&
			first &&
			this.#path.length >= 3 &&
			Math.hypot(q[0] - first[0], q[1] - first[1]) < tol
		) {
			this.#finishPath();
			return;
		}
		this.#path = [...this.#path, q];
	}

	/** Removes the last point of the shape being drawn. */
	pathBack(): void {
		this.#path = this.#path.slice(0, -1);
	}

	/** Ends the polygon or polyline being drawn; returns false when it was not valid. */
	#finishPath(): boolean {
		const t = this.task;
		const pts = this.#path;
		if (!t || t.type !== 'polygons' || pts.length === 0 || !this.#labelId) return false;
		const closed = t.shape === 'polygon';
		const problem = polygonProblem(pts, closed);
		this.#path = [];
		if (problem) {
			this.#message = `Shape not added: ${problem.replace(/-/g, ' ')}.`;
			return false;
		}
		const s: Shape = { id: this.#d.newId(), label: this.#labelId, points: pts, closed };
		this.#put(s);
		this.#selected = this.#drawn = s.id;
		return true;
	}

	finish(): boolean {
		return this.#finishPath();
	}

	/** Places the next point of the instance under way (the selected one, or a new one). */
	#keypointPlace(q: Point, t: KeypointsTask): void {
		const inst = keypointOpen(this.selectedRegion, t) ?? {
			id: this.#d.newId(),
			label: this.#labelId as LabelId,
			points: []
		};
		const next = { ...inst, points: [...inst.points, { x: q[0], y: q[1], visible: true }] };
		this.#put(next);
		this.#selected = next.id;
		this.#vertex = next.points.length - 1;
	}

	/** Name of the next keypoint to place, if an instance is under way. */
	get nextKeypoint(): string | undefined {
		const t = this.task;
		return t?.type === 'keypoints' ? keypointNext(this.selectedRegion, t) : undefined;
	}

	/** Marks the next keypoint as not visible in the image (not placed). */
	keypointSkip(): void {
		const t = this.task;
		if (!t || t.type !== 'keypoints' || !this.#labelId) return;
		const inst = keypointOpen(this.selectedRegion, t) ?? {
			id: this.#d.newId(),
			label: this.#labelId,
			points: []
		};
		const next = { ...inst, points: [...inst.points, null] };
		this.#put(next);
		this.#selected = next.id;
	}

	/** Shows or hides the selected keypoint. */
	visibilityToggle(): void {
		const r = keypointVisibilityToggle(this.selectedRegion, this.#vertex);
		if (r) this.#put(r);
	}

	// ---- selection and edits without a pointer ----

	/** Picks the label of the next region, and relabels the region the person selected. */
	labelSet(id: LabelId): void {
		this.#labelId = id;
		if (this.#selected !== undefined && this.#selected === this.#drawn) {
			this.#selected = this.#drawn = undefined;
			this.#vertex = undefined;
			return;
		}
		const r = this.selectedRegion;
		if (r && r.label !== id) this.#put({ ...r, label: id });
	}

	attrSet(id: string, value: boolean | string): void {
		const r = this.selectedRegion;
		if (!r) return;
		const attrs: AttrValues = { ...r.attrs, [id]: value };
		this.#put({ ...r, attrs });
	}

	select(id: string | undefined): void {
		this.#drawn = undefined;
		this.#selected = id;
		this.#vertex = undefined;
		const r = this.selectedRegion;
		if (r) this.#labelId = r.label;
	}

	/** Deletes the selected vertex (polygons, keeping a valid shape) or the selected region. */
	remove(): void {
		const t = this.task;
		const r = this.selectedRegion;
		if (!t || !r) return;
		if (this.#vertex !== undefined && 'closed' in r && r.points.length > (r.closed ? 3 : 2)) {
			this.#put({ ...r, points: vertexDelete(r.points, this.#vertex) });
			this.#vertex = undefined;
			return;
		}
		this.#write(
			t,
			this.regions(t).filter((x) => x.id !== r.id)
		);
		this.#selected = undefined;
		this.#vertex = undefined;
	}

	/** Moves the selection by `(dx, dy)` image pixels; with `resize`, grows the box instead. */
	nudge(dx: number, dy: number, resize = false): void {
		const region = this.selectedRegion;
		if (!region) return;
		const size = this.#d.size();
		const r = regionNudge({ region, vertex: this.#vertex, dx, dy, resize, size });
		if (r) this.#put(r);
	}

	rotate(deg: number): void {
		const r = this.selectedRegion;
		if (!r || !('x' in r) || this.task?.type !== 'boxes' || !this.task.rotation) return;
		this.#put(boxRotate(r, deg));
	}

	/** Adds a box in the middle of the visible area: drawing without a pointer. */
	boxAddAt(center: Point, size: number): void {
		const t = this.task;
		if (!t || t.type !== 'boxes' || !this.#labelId) return;
		const b = boxClamp(
			{
				id: this.#d.newId(),
				label: this.#labelId,
				x: center[0] - size / 2,
				y: center[1] - size / 2,
				w: size,
				h: size
			},
			this.#d.size()
		);
		this.#put(b);
		this.#selected = this.#drawn = b.id;
	}

	/** Adds a vertex or keypoint at `p`, as a tap in draw mode does. */
	pointAdd(p: Point): void {
		const t = this.task;
		if (!t) return;
		if (t.type === 'polygons') this.#pathAdd(this.#clamp(p), t);
		else if (t.type === 'keypoints') this.#keypointPlace(this.#clamp(p), t);
	}

	/** Handles a key pressed on the canvas (image/keys.ts); returns true when it was used. */
	key(e: KeyPress, center: Point, step: number): boolean {
		return imageKey(this, e, center, step);
	}
}
