/**
 * Drawing and editing regions on one image for the boxes, polygons and keypoints tasks of a
 * schema: the active task and label, draw or edit mode, the selection, and the region being
 * dragged. A gesture edits a local draft; only its end is saved (one undo step per gesture,
 * through the `save` callback that writes my annotation with ORIGIN.LOCAL).
 */
import {
	rectClamp,
	rectCenter,
	rectFromCorners,
	rectResize,
	type Handle
} from '$lib/core/geometry/box';
import { polygonProblem, vertexDelete, vertexInsert, vertexMove } from '$lib/core/geometry/polygon';
import { labelByHotkey } from '$lib/core/schema';
import type {
	AnnotationValue,
	AttrValues,
	Box,
	BoxesTask,
	KeypointInstance,
	KeypointsTask,
	LabelId,
	Point,
	PolygonsTask,
	Shape,
	TaskId
} from '$lib/core/types';

export type ImageTask = BoxesTask | PolygonsTask | KeypointsTask;
export type Region = Box | Shape | KeypointInstance;

/** What a pointer went down on, read from the element's data attributes. */
export type Hit =
	| { kind: 'empty' }
	| { kind: 'region'; id: string }
	| { kind: 'handle'; id: string; handle: Handle }
	| { kind: 'rotate'; id: string }
	| { kind: 'vertex'; id: string; index: number }
	| { kind: 'midpoint'; id: string; index: number };

export interface ImageEditorDeps {
	tasks(): readonly ImageTask[];
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	size(): { w: number; h: number };
	newId(): string;
}

type Gesture =
	| { kind: 'draw-box'; anchor: Point }
	| { kind: 'move'; anchor: Point; orig: Region; moved: boolean }
	| { kind: 'resize'; anchor: Point; orig: Box; handle: Handle }
	| { kind: 'rotate'; orig: Box }
	| { kind: 'vertex'; orig: Shape | KeypointInstance; index: number; moved: boolean };

const MIN_BOX = 2;

export class ImageEditor {
	#d: ImageEditorDeps;
	#g: Gesture | undefined;
	taskId = $state<TaskId | undefined>(undefined);
	labelId = $state<LabelId | undefined>(undefined);
	mode = $state<'draw' | 'edit'>('draw');
	selected = $state<string | undefined>(undefined);
	/** Selected vertex (polygons) or point (keypoints) of the selected region. */
	vertex = $state<number | undefined>(undefined);
	/** The region under a gesture, shown instead of its saved version. */
	draft = $state.raw<Region | undefined>(undefined);
	/** Points of a polygon being drawn. */
	path = $state.raw<Point[]>([]);
	message = $state('');

	constructor(deps: ImageEditorDeps) {
		this.#d = deps;
		const first = deps.tasks()[0];
		this.taskId = first?.id;
		this.labelId = first?.labels[0]?.id;
	}

	get task(): ImageTask | undefined {
		return this.#d.tasks().find((t) => t.id === this.taskId);
	}

	taskSet(id: TaskId): void {
		this.#finishPath();
		this.taskId = id;
		this.labelId = this.task?.labels[0]?.id;
		this.message = '';
		this.selected = undefined;
		this.vertex = undefined;
	}

	/** Saved regions of a task. */
	regions(task: ImageTask): Region[] {
		const v = this.#d.value(task.id);
		if (!v) return [];
		if (v.type === 'boxes') return v.boxes;
		if (v.type === 'polygons') return v.shapes;
		if (v.type === 'keypoints') return v.instances;
		return [];
	}

	get selectedRegion(): Region | undefined {
		const t = this.task;
		return t && this.regions(t).find((r) => r.id === this.selected);
	}

	#write(task: ImageTask, regions: Region[]): void {
		let value: AnnotationValue | undefined;
		if (regions.length === 0) value = undefined;
		else if (task.type === 'boxes') value = { type: 'boxes', boxes: regions as Box[] };
		else if (task.type === 'polygons') value = { type: 'polygons', shapes: regions as Shape[] };
		else value = { type: 'keypoints', instances: regions as KeypointInstance[] };
		this.#d.save(task.id, value);
	}

	/** Replaces (or adds) one region of the active task and saves. */
	#put(r: Region): void {
		const t = this.task;
		if (!t) return;
		const list = this.regions(t);
		const i = list.findIndex((x) => x.id === r.id);
		this.#write(t, i < 0 ? [...list, r] : list.map((x) => (x.id === r.id ? r : x)));
	}

	#clampBox(b: Box): Box {
		const { w, h } = this.#d.size();
		return b.rotation ? b : rectClamp(b, w, h);
	}

	#clampPoint(p: Point): Point {
		const { w, h } = this.#d.size();
		return [Math.min(w, Math.max(0, p[0])), Math.min(h, Math.max(0, p[1]))];
	}

	down(p: Point, hit: Hit): void {
		const t = this.task;
		if (!t || !this.labelId) return;
		this.message = '';
		const region = 'id' in hit ? this.regions(t).find((r) => r.id === hit.id) : undefined;
		if (hit.kind === 'vertex' && region && !('x' in region)) {
			this.selected = region.id;
			this.vertex = hit.index;
			this.#g = { kind: 'vertex', orig: region, index: hit.index, moved: false };
			return;
		}
		if (hit.kind === 'midpoint' && region && 'closed' in region) {
			const shape = {
				...region,
				points: vertexInsert(region.points, hit.index, this.#clampPoint(p))
			};
			this.selected = region.id;
			this.vertex = hit.index + 1;
			this.draft = shape;
			this.#g = { kind: 'vertex', orig: shape, index: hit.index + 1, moved: true };
			return;
		}
		if (hit.kind === 'handle' && region && 'x' in region) {
			this.#g = { kind: 'resize', anchor: p, orig: region, handle: hit.handle };
			return;
		}
		if (hit.kind === 'rotate' && region && 'x' in region) {
			this.#g = { kind: 'rotate', orig: region };
			return;
		}
		if (hit.kind === 'region' && region && !this.path.length) {
			this.selected = region.id;
			this.vertex = undefined;
			this.#g = { kind: 'move', anchor: p, orig: region, moved: false };
			return;
		}
		if (this.mode !== 'draw') {
			this.selected = undefined;
			return;
		}
		const q = this.#clampPoint(p);
		if (t.type === 'boxes') {
			this.selected = undefined;
			this.#g = { kind: 'draw-box', anchor: q };
			this.draft = { id: this.#d.newId(), label: this.labelId, x: q[0], y: q[1], w: 0, h: 0 };
		} else if (t.type === 'polygons') this.#pathAdd(q, t);
		else this.#keypointPlace(q, t);
	}

	move(p: Point): void {
		const g = this.#g;
		if (!g) return;
		if (g.kind === 'draw-box' && this.draft && 'x' in this.draft) {
			const r = rectFromCorners(g.anchor, this.#clampPoint(p));
			this.draft = { ...this.draft, ...r };
		} else if (g.kind === 'move') {
			const dx = p[0] - g.anchor[0];
			const dy = p[1] - g.anchor[1];
			g.moved ||= Math.abs(dx) + Math.abs(dy) > 0.5;
			this.draft = this.#translate(g.orig, dx, dy);
		} else if (g.kind === 'resize') {
			const [dx, dy] = this.#local(g.orig, p[0] - g.anchor[0], p[1] - g.anchor[1]);
			this.draft = this.#clampBox(rectResize(g.orig, g.handle, dx, dy));
		} else if (g.kind === 'rotate') {
			const c = rectCenter(g.orig);
			const deg = (Math.atan2(p[1] - c[1], p[0] - c[0]) * 180) / Math.PI + 90;
			this.draft = { ...g.orig, rotation: Math.round(((deg % 360) + 360) % 360) };
		} else if (g.kind === 'vertex') {
			g.moved = true;
			this.draft = this.#vertexSet(g.orig, g.index, this.#clampPoint(p));
		}
	}

	up(): void {
		const g = this.#g;
		const d = this.draft;
		this.#g = undefined;
		this.draft = undefined;
		if (!g || !d) return;
		if (g.kind === 'draw-box') {
			if ('w' in d && (d.w < MIN_BOX || d.h < MIN_BOX)) return;
			this.#put(d);
			this.selected = d.id;
			return;
		}
		if ((g.kind === 'move' || g.kind === 'vertex') && !g.moved) return;
		if ('closed' in d && d.closed && polygonProblem(d.points, true) === 'self-intersecting') {
			this.message = 'That edit would make the polygon cross itself; it was not applied.';
			return;
		}
		this.#put(d);
	}

	/** Abandons the current gesture (e.g. a second finger starts a pinch). */
	cancel(): void {
		this.#g = undefined;
		this.draft = undefined;
	}

	get busy(): boolean {
		return this.#g !== undefined;
	}

	/** Rotates a delta into an unrotated box's own frame. */
	#local(b: Box, dx: number, dy: number): Point {
		const t = (-(b.rotation ?? 0) * Math.PI) / 180;
		return [dx * Math.cos(t) - dy * Math.sin(t), dx * Math.sin(t) + dy * Math.cos(t)];
	}

	#translate(r: Region, dx: number, dy: number): Region {
		if ('x' in r) return this.#clampBox({ ...r, x: r.x + dx, y: r.y + dy });
		if ('closed' in r)
			return { ...r, points: r.points.map(([x, y]) => this.#clampPoint([x + dx, y + dy])) };
		return {
			...r,
			points: r.points.map((k) =>
				k
					? { ...k, x: this.#clampPoint([k.x + dx, 0])[0], y: this.#clampPoint([0, k.y + dy])[1] }
					: k
			)
		};
	}

	#vertexSet(r: Shape | KeypointInstance, i: number, p: Point): Region {
		if ('closed' in r) return { ...r, points: vertexMove(r.points, i, p) };
		const points = r.points.slice();
		points[i] = { x: p[0], y: p[1], visible: points[i]?.visible ?? true };
		return { ...r, points };
	}

	#pathAdd(q: Point, t: PolygonsTask): void {
		const first = this.path[0];
		const tol = 8 / Math.max(1, this.#scale);
		if (
			t.shape === 'polygon' &&
			first &&
			this.path.length >= 3 &&
			Math.hypot(q[0] - first[0], q[1] - first[1]) < tol
		) {
			this.#finishPath();
			return;
		}
		this.path = [...this.path, q];
	}

	/** The view's scale, so closing a polygon by tapping its first point works at any zoom. */
	#scale = 1;
	scaleSet(s: number): void {
		this.#scale = s;
	}

	/** Ends the polygon or polyline being drawn; returns false when it was not valid. */
	#finishPath(): boolean {
		const t = this.task;
		const pts = this.path;
		if (!t || t.type !== 'polygons' || pts.length === 0 || !this.labelId) return false;
		const closed = t.shape === 'polygon';
		const problem = polygonProblem(pts, closed);
		this.path = [];
		if (problem) {
			this.message = `Shape not added: ${problem.replace(/-/g, ' ')}.`;
			return false;
		}
		const s: Shape = { id: this.#d.newId(), label: this.labelId, points: pts, closed };
		this.#put(s);
		this.selected = s.id;
		return true;
	}

	finish(): boolean {
		return this.#finishPath();
	}

	/** The instance being placed: the selected one if it has unplaced points, else a new one. */
	#keypointPlace(q: Point, t: KeypointsTask): void {
		const sel = this.selectedRegion;
		let inst: KeypointInstance;
		if (sel && 'points' in sel && !('closed' in sel) && sel.points.length < t.points.length)
			inst = sel;
		else inst = { id: this.#d.newId(), label: this.labelId as LabelId, points: [] };
		inst = { ...inst, points: [...inst.points, { x: q[0], y: q[1], visible: true }] };
		this.#put(inst);
		this.selected = inst.id;
		this.vertex = inst.points.length - 1;
	}

	/** Name of the next keypoint to place, if an instance is under way. */
	get nextKeypoint(): string | undefined {
		const t = this.task;
		if (!t || t.type !== 'keypoints') return undefined;
		const sel = this.selectedRegion;
		const n = sel && 'points' in sel && !('closed' in sel) ? sel.points.length : 0;
		return t.points[n < t.points.length ? n : 0];
	}

	/** Marks the next keypoint as not visible in the image (not placed). */
	keypointSkip(): void {
		const t = this.task;
		const sel = this.selectedRegion;
		if (!t || t.type !== 'keypoints' || !this.labelId) return;
		let inst: KeypointInstance =
			sel && !('x' in sel) && !('closed' in sel) && sel.points.length < t.points.length
				? sel
				: { id: this.#d.newId(), label: this.labelId, points: [] };
		inst = { ...inst, points: [...inst.points, null] };
		this.#put(inst);
		this.selected = inst.id;
	}

	labelSet(id: LabelId): void {
		this.labelId = id;
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
		this.selected = id;
		this.vertex = undefined;
		const r = this.selectedRegion;
		if (r) this.labelId = r.label;
	}

	/** Deletes the selected vertex (polygons, keeping a valid shape) or the selected region. */
	remove(): void {
		const t = this.task;
		const r = this.selectedRegion;
		if (!t || !r) return;
		if (this.vertex !== undefined && 'closed' in r && r.points.length > (r.closed ? 3 : 2)) {
			this.#put({ ...r, points: vertexDelete(r.points, this.vertex) });
			this.vertex = undefined;
			return;
		}
		this.#write(
			t,
			this.regions(t).filter((x) => x.id !== r.id)
		);
		this.selected = undefined;
		this.vertex = undefined;
	}

	/** Moves the selection by `(dx, dy)` image pixels; with `resize`, grows the box instead. */
	nudge(dx: number, dy: number, resize = false): void {
		const r = this.selectedRegion;
		if (!r) return;
		if (resize && 'x' in r) {
			this.#put(
				this.#clampBox({ ...r, w: Math.max(MIN_BOX, r.w + dx), h: Math.max(MIN_BOX, r.h + dy) })
			);
			return;
		}
		if (this.vertex !== undefined && !('x' in r)) {
			const cur = 'closed' in r ? r.points[this.vertex] : r.points[this.vertex];
			if (!cur) return;
			const [x, y] = Array.isArray(cur) ? cur : [cur.x, cur.y];
			this.#put(this.#vertexSet(r, this.vertex, this.#clampPoint([x + dx, y + dy])));
			return;
		}
		this.#put(this.#translate(r, dx, dy));
	}

	rotate(deg: number): void {
		const r = this.selectedRegion;
		if (!r || !('x' in r) || this.task?.type !== 'boxes' || !this.task.rotation) return;
		this.#put({ ...r, rotation: ((((r.rotation ?? 0) + deg) % 360) + 360) % 360 });
	}

	/** Adds a box in the middle of the visible area: drawing without a pointer. */
	boxAddAt(center: Point, size: number): void {
		const t = this.task;
		if (!t || t.type !== 'boxes' || !this.labelId) return;
		const b = this.#clampBox({
			id: this.#d.newId(),
			label: this.labelId,
			x: center[0] - size / 2,
			y: center[1] - size / 2,
			w: size,
			h: size
		});
		this.#put(b);
		this.selected = b.id;
	}

	/** Adds a vertex or keypoint at `p`, as a tap in draw mode does. */
	pointAdd(p: Point): void {
		const t = this.task;
		if (!t) return;
		if (t.type === 'polygons') this.#pathAdd(this.#clampPoint(p), t);
		else if (t.type === 'keypoints') this.#keypointPlace(this.#clampPoint(p), t);
	}

	/** Handles a key pressed on the canvas; returns true when it was used. */
	key(
		e: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
		center: Point,
		step: number
	): boolean {
		if (e.ctrlKey || e.metaKey || e.altKey) return false;
		const t = this.task;
		const big = e.shiftKey ? 10 : 1;
		const k = e.key;
		const arrows: Record<string, Point> = {
			ArrowLeft: [-1, 0],
			ArrowRight: [1, 0],
			ArrowUp: [0, -1],
			ArrowDown: [0, 1]
		};
		const dir = arrows[k];
		if (dir && this.selected) {
			const resize = e.shiftKey && t?.type === 'boxes';
			this.nudge(dir[0] * step * (resize ? 1 : big), dir[1] * step * (resize ? 1 : big), resize);
			return true;
		}
		if ((k === 'Delete' || k === 'Backspace') && this.path.length) {
			this.path = this.path.slice(0, -1);
			return true;
		}
		if ((k === 'Delete' || k === 'Backspace') && this.selected) {
			this.remove();
			return true;
		}
		if (k === 'Escape') {
			this.path = [];
			this.cancel();
			this.selected = undefined;
			return true;
		}
		if (k === 'Enter' && this.path.length) {
			this.#finishPath();
			return true;
		}
		if (k === 'n' || k === 'N') {
			if (t?.type === 'boxes') this.boxAddAt(center, step * 40);
			else this.pointAdd(center);
			return true;
		}
		if (k === 'e' || k === 'E') {
			this.mode = this.mode === 'draw' ? 'edit' : 'draw';
			return true;
		}
		if (k === 'Tab' && !e.shiftKey && t) {
			const list = this.regions(t);
			if (!list.length) return false;
			const i = list.findIndex((r) => r.id === this.selected);
			if (i === list.length - 1) return false;
			this.select(list[i + 1]?.id);
			return true;
		}
		if (k === '[' || k === ']') {
			this.rotate(k === ']' ? 5 : -5);
			return true;
		}
		if (k === 'v' || k === 'V') {
			this.#visibilityToggle();
			return true;
		}
		const label = t && labelByHotkey(t, k);
		if (label) {
			this.labelSet(label.id);
			return true;
		}
		return false;
	}

	#visibilityToggle(): void {
		const r = this.selectedRegion;
		if (!r || 'x' in r || 'closed' in r || this.vertex === undefined) return;
		const pt = r.points[this.vertex];
		if (!pt) return;
		const points = r.points.slice();
		points[this.vertex] = { ...pt, visible: !pt.visible };
		this.#put({ ...r, points });
	}
}
