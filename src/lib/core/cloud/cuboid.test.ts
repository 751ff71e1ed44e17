import { describe, expect, it } from 'vitest';
import type { Cuboid, LabelId } from '../types';
import { cuboidFit, cuboidHolds, cuboidIou, cuboidPointCount } from './cuboid';
import { kittiLabelRead, kittiLabelWrite } from './kitti-label';

const box = (o: Partial<Cuboid> = {}): Cuboid => ({
	id: 'c',
	label: 'car' as LabelId,
	x: 0,
	y: 0,
	z: 0,
	l: 1,
	w: 1,
	h: 1,
	yaw: 0,
	...o
});

describe('rotated 3D IoU, against worked examples', () => {
	it('is 1 for the same box and 0 for disjoint ones', () => {
		expect(cuboidIou(box(), box())).toBeCloseTo(1, 12);
		expect(cuboidIou(box(), box({ x: 3 }))).toBe(0);
		expect(cuboidIou(box(), box({ z: 1.5 }))).toBe(0);
	});
	it('two unit cubes half a side apart share 1/2 of 3/2: IoU 1/3', () => {
		expect(cuboidIou(box(), box({ x: 0.5 }))).toBeCloseTo(1 / 3, 12);
		expect(cuboidIou(box(), box({ z: 0.5 }))).toBeCloseTo(1 / 3, 12);
	});
	it('a unit square turned 45° over another shares a regular octagon of area 2(√2−1): IoU 1/√2', () => {
		const oct = 2 * (Math.SQRT2 - 1);
		expect(oct / (2 - oct)).toBeCloseTo(Math.SQRT1_2, 12);
		expect(cuboidIou(box(), box({ yaw: Math.PI / 4 }))).toBeCloseTo(Math.SQRT1_2, 10);
	});
	it('a 4×2 car turned 90° over itself shares a 2×2 square: 4h / (16h − 4h) = 1/3', () => {
		const car = box({ l: 4, w: 2, h: 1.5 });
		expect(cuboidIou(car, { ...car, yaw: Math.PI / 2 })).toBeCloseTo(1 / 3, 10);
		// Turned 180° it is the same box.
		expect(cuboidIou(car, { ...car, yaw: Math.PI })).toBeCloseTo(1, 10);
	});
	it('a box inside a bigger one: IoU is the volume ratio', () => {
		expect(cuboidIou(box({ l: 2, w: 2, h: 2 }), box({ yaw: 0.3 }))).toBeCloseTo(1 / 8, 10);
	});
});

describe('points in a cuboid', () => {
	// A 2 × 1 × 1 block of points on a 0.1 grid around (10, 5, 1), turned 30°, and far noise.
	const yaw = Math.PI / 6;
	const pts: number[] = [];
	for (let u = -1; u <= 1.0001; u += 0.1)
		for (let v = -0.5; v <= 0.5001; v += 0.1)
			for (let z = 0.5; z <= 1.5001; z += 0.1)
				pts.push(
					10 + u * Math.cos(yaw) - v * Math.sin(yaw),
					5 + u * Math.sin(yaw) + v * Math.cos(yaw),
					z
				);
	const inside = pts.length / 3;
	pts.push(30, 30, 0, -5, 2, 1);
	const positions = new Float32Array(pts);
	const n = positions.length / 3;

	it('counts the points inside, rotated', () => {
		const c = box({ x: 10, y: 5, z: 1, l: 2.05, w: 1.05, h: 1.05, yaw });
		expect(cuboidPointCount(c, positions, n)).toBe(inside);
		expect(cuboidHolds(c, 30, 30, 0)).toBe(false);
	});

	it('fits a loose cuboid to the block, keeping its yaw', () => {
		const rough = box({ x: 10.2, y: 4.9, z: 1.1, l: 2.3, w: 1.3, h: 1.3, yaw });
		const fit = cuboidFit(rough, positions, n);
		expect(fit.x).toBeCloseTo(10, 4);
		expect(fit.y).toBeCloseTo(5, 4);
		expect(fit.z).toBeCloseTo(1, 4);
		expect(fit.l).toBeCloseTo(2, 4);
		expect(fit.w).toBeCloseTo(1, 4);
		expect(fit.h).toBeCloseTo(1, 4);
		expect(fit.yaw).toBe(yaw);
		const empty = box({ x: 100 });
		expect(cuboidFit(empty, positions, n)).toBe(empty);
	});

	it('fits a cuboid in a million points within the bench budget (50 ms)', () => {
		const big = new Float32Array(3_000_000);
		for (let i = 0; i < big.length; i++) big[i] = ((i * 7919) % 10007) / 100 - 50;
		const t0 = performance.now();
		cuboidFit(box({ l: 10, w: 10, h: 10 }), big, 1_000_000);
		// Loose bound for a shared, loaded test machine; the bench measures the real figure.
		expect(performance.now() - t0).toBeLessThan(500);
	});
});

describe('KITTI labels', () => {
	it('reads a line of KITTI’s training labels into the LiDAR frame', () => {
		// Car line of the KITTI object benchmark's label format (camera frame, bottom centre).
		const line =
			'Car 0.00 0 -1.58 587.01 173.33 614.12 200.12 1.65 1.67 3.64 -0.65 1.71 46.70 -1.59\n';
		const ids = ['k1'];
		const { cuboids } = kittiLabelRead(
			line,
			(t) => (t === 'Car' ? ('car' as LabelId) : undefined),
			() => ids.shift()!
		);
		const c = cuboids[0]!;
		expect([c.x, c.y, c.z]).toEqual([46.7, 0.65, -1.71 + 1.65 / 2]);
		expect([c.l, c.w, c.h]).toEqual([3.64, 1.67, 1.65]);
		expect(c.yaw).toBeCloseTo(1.59 - Math.PI / 2, 10);
	});

	it('round-trips cuboids through a label file, leaving out unknown types and DontCare', () => {
		const cs = [
			box({ x: 12.3, y: -4.5, z: -0.8, l: 4.2, w: 1.8, h: 1.5, yaw: 2.9 }),
			box({ id: 'p', label: 'ped' as LabelId, x: 5, yaw: -3 })
		];
		const names: Record<string, string> = { car: 'Car', ped: 'Pedestrian walking' };
		const text = kittiLabelWrite(cs, (l) => names[l]!);
		expect(text.split('\n')[1]).toMatch(/^Pedestrian_walking 0\.00 0 -10 0\.00 0\.00 0\.00 0\.00 /);
		let k = 0;
		const back = kittiLabelRead(
			`${text}DontCare -1 -1 -10 1 2 3 4 -1 -1 -1 -1000 -1000 -1000 -10\nTram 0 0 0 0 0 0 0 1 1 1 0 0 0 0\n`,
			(t) =>
				t === 'Car'
					? ('car' as LabelId)
					: t === 'Pedestrian_walking'
						? ('ped' as LabelId)
						: undefined,
			() => `n${k++}`
		);
		expect(back.unknown).toEqual(['Tram']);
		expect(back.cuboids).toHaveLength(2);
		back.cuboids.forEach((c, i) => expect(cuboidIou(c, cs[i]!)).toBeGreaterThan(0.99));
		expect(() =>
			kittiLabelRead(
				'Car 1 2 3\n',
				() => 'car' as LabelId,
				() => 'x'
			)
		).toThrow(/line 1/);
	});
});
