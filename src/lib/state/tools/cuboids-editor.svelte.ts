/**
 * The cuboids of one point cloud item for a cuboids task: add (drawn in the top view, or at a
 * point), select, move, resize and turn (keyboard nudges or exact numbers), snap to the points
 * inside, relabel, delete, and KITTI label files in and out. Every change is saved at once
 * through `save` (ORIGIN.LOCAL), so project-wide undo covers it.
 */
import { cuboidFit, cuboidPointCount } from '$lib/core/cloud/cuboid';
import { labelByHotkey } from '$lib/core/schema';
import { kittiLabelRead, kittiLabelWrite } from '$lib/core/cloud/kitti-label';
import type { AnnotationValue, Cuboid, CuboidsTask, LabelId, TaskId } from '$lib/core/types';

export interface CuboidsEditorDeps {
	task(): CuboidsTask;
	value(task: TaskId): AnnotationValue | undefined;
	save(task: TaskId, value: AnnotationValue | undefined): void;
	newId(): string;
}

/** Points of the frame, for snapping and counts. */
export interface CloudPoints {
	positions: Float32Array;
	count: number;
}

type Geometry = Pick<Cuboid, 'x' | 'y' | 'z' | 'l' | 'w' | 'h' | 'yaw'>;

export class CuboidsEditor {
	#d: CuboidsEditorDeps;
	#selected = $state<string | undefined>(undefined);
	#labelId = $state<LabelId | undefined>(undefined);
	#message = $state('');

	constructor(deps: CuboidsEditorDeps) {
		this.#d = deps;
		this.#labelId = deps.task().labels[0]?.id;
	}

	get cuboids(): Cuboid[] {
		const v = this.#d.value(this.#d.task().id);
		return v?.type === 'cuboids' ? v.cuboids : [];
	}
	get selected(): Cuboid | undefined {
		return this.cuboids.find((c) => c.id === this.#selected);
	}
	get labelId(): LabelId | undefined {
		return this.#labelId;
	}
	get message(): string {
		return this.#message;
	}
	labelName(id: LabelId): string {
		return this.#d.task().labels.find((l) => l.id === id)?.name ?? 'unknown label';
	}
	labelColour(id: LabelId): string {
		return this.#d.task().labels.find((l) => l.id === id)?.color ?? '#888888';
	}

	#save(cuboids: Cuboid[]): void {
		const t = this.#d.task();
		this.#d.save(t.id, cuboids.length ? { type: 'cuboids', cuboids } : undefined);
	}

	select(id: string | undefined): void {
		this.#selected = id;
	}

	/** The label of new cuboids; also relabels the selected one. */
	pick(label: LabelId): void {
		this.#labelId = label;
		const s = this.selected;
		if (s) this.#save(this.cuboids.map((c) => (c.id === s.id ? { ...c, label } : c)));
	}

	/** Picks the label whose hotkey is `key`; false when no label has it. */
	hotkey(key: string): boolean {
		const label = labelByHotkey(this.#d.task(), key);
		if (label) this.pick(label.id);
		return !!label;
	}

	/** Adds a cuboid with the current label; returns its id. */
	add(g: Geometry): string | undefined {
		if (!this.#labelId) {
			this.#message = 'Add a label to this task first (Schema page).';
			return undefined;
		}
		const c: Cuboid = { id: this.#d.newId(), label: this.#labelId, ...g };
		this.#save([...this.cuboids, c]);
		this.#selected = c.id;
		this.#message = `Cuboid added (${this.labelName(c.label)}).`;
		return c.id;
	}

	/** Changes the selected cuboid's geometry; sizes stay at least 1 cm. */
	set(patch: Partial<Geometry>): void {
		const s = this.selected;
		if (!s) return;
		const next = { ...s, ...patch };
		for (const k of ['l', 'w', 'h'] as const) next[k] = Math.max(0.01, next[k]);
		this.#save(this.cuboids.map((c) => (c.id === s.id ? next : c)));
	}

	/** Moves the selected cuboid by (dx, dy, dz) metres. */
	nudge(dx: number, dy: number, dz = 0): void {
		const s = this.selected;
		if (s) this.set({ x: s.x + dx, y: s.y + dy, z: s.z + dz });
	}

	/** Turns the selected cuboid by `da` radians, kept in (−π, π]. */
	turn(da: number): void {
		const s = this.selected;
		if (s) this.set({ yaw: Math.atan2(Math.sin(s.yaw + da), Math.cos(s.yaw + da)) });
	}

	/** Shrinks the selected cuboid to the points it holds (within 20 cm). */
	fit(points: CloudPoints): void {
		const s = this.selected;
		if (!s) return;
		const f = cuboidFit(s, points.positions, points.count);
		if (f === s) {
			this.#message = 'No points in or near this cuboid: move it over the object first.';
			return;
		}
		this.#save(this.cuboids.map((c) => (c.id === s.id ? f : c)));
		this.#message = `Fitted to ${cuboidPointCount(f, points.positions, points.count)} points.`;
	}

	remove(): void {
		const s = this.selected;
		if (!s) return;
		this.#save(this.cuboids.filter((c) => c.id !== s.id));
		this.#selected = undefined;
		this.#message = 'Cuboid deleted.';
	}

	/** This frame's cuboids as a KITTI label file. */
	kittiText(): string {
		return kittiLabelWrite(this.cuboids, (l) => this.labelName(l));
	}

	/** Adds the cuboids of a KITTI label file whose types match label names (spaces as _). */
	kittiImport(text: string, file: string): void {
		const labels = this.#d.task().labels;
		const norm = (s: string) => s.trim().replace(/\s+/g, '_').toLowerCase();
		try {
			const { cuboids, unknown } = kittiLabelRead(
				text,
				(type) => labels.find((l) => norm(l.name) === norm(type))?.id,
				() => this.#d.newId(),
				file
			);
			this.#save([...this.cuboids, ...cuboids]);
			const skipped = unknown.length
				? ` ${unknown.length} left out: no label named ${[...new Set(unknown)].join(', ')}.`
				: '';
			this.#message = `${cuboids.length} cuboids read from ${file}.${skipped}`;
		} catch (e) {
			this.#message = e instanceof Error ? e.message : String(e);
		}
	}
}
