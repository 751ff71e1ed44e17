/**
 * KITTI object labels (`label_2/*.txt`): one object a line, `type truncated occluded alpha
 * left top right bottom height width length x y z rotation_y`, the location being the bottom
 * centre of the box in camera coordinates. Without a calibration file the LiDAR-to-camera
 * transform is KITTI's axis layout only (camera x = −lidar y, y = −lidar z, z = lidar x, no
 * translation), and rotation_y = −yaw − π/2. The 2D box is written as 0 0 0 0 and alpha as −10
 * (unknown), truncation and occlusion as 0. Pure.
 */
import { FormatError } from '../errors';
import type { Cuboid, LabelId } from '../types';

const fmt = (v: number) => (Math.abs(v) < 5e-7 ? '0.00' : v.toFixed(2));
const wrap = (a: number) => Math.atan2(Math.sin(a), Math.cos(a));

/** The label file of one frame's cuboids; `name` gives each label's KITTI type (spaces become _). */
export function kittiLabelWrite(cuboids: readonly Cuboid[], name: (l: LabelId) => string): string {
	return cuboids
		.map((c) => {
			const type = name(c.label).trim().replace(/\s+/g, '_') || 'DontCare';
			const loc = [-c.y, -(c.z - c.h / 2), c.x];
			const ry = wrap(-c.yaw - Math.PI / 2);
			return [
				type,
				'0.00',
				'0',
				'-10',
				'0.00 0.00 0.00 0.00',
				...[c.h, c.w, c.l, ...loc, ry].map(fmt)
			].join(' ');
		})
		.map((l) => `${l}\n`)
		.join('');
}

/**
 * The cuboids of a KITTI label file. `label` maps a type to a label id (undefined: the line is
 * counted in `unknown` and left out; `DontCare` lines are always left out). `newId` names each.
 */
export function kittiLabelRead(
	text: string,
	label: (type: string) => LabelId | undefined,
	newId: () => string,
	file = 'label.txt'
): { cuboids: Cuboid[]; unknown: string[] } {
	const cuboids: Cuboid[] = [];
	const unknown: string[] = [];
	text.split(/\r?\n/).forEach((line, i) => {
		const w = line.trim().split(/\s+/);
		if (!line.trim() || w[0] === 'DontCare') return;
		if (w.length < 15)
			throw new FormatError(
				file,
				i + 1,
				`a KITTI label line has 15 or 16 fields, this one ${w.length}`
			);
		const v = w.slice(8, 15).map(Number);
		if (!v.every(Number.isFinite))
			throw new FormatError(file, i + 1, 'size, location or rotation is not a number');
		const [h, wd, l, cx, cy, cz, ry] = v as [
			number,
			number,
			number,
			number,
			number,
			number,
			number
		];
		const id = label(w[0]!);
		if (!id) {
			unknown.push(w[0]!);
			return;
		}
		cuboids.push({
			id: newId(),
			label: id,
			x: cz,
			y: -cx,
			z: -cy + h / 2,
			l,
			w: wd,
			h,
			yaw: wrap(-ry - Math.PI / 2)
		});
	});
	return { cuboids, unknown };
}
