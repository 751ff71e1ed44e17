import { describe, expect, it } from 'vitest';
import type { Cuboid, LabelId } from '../../types';
import { cuboidAgreementByLabel, cuboidMatches } from './cuboids';

const c = (label: string, x: number, o: Partial<Cuboid> = {}): Cuboid => ({
	id: `${label}${x}`,
	label: label as LabelId,
	x,
	y: 0,
	z: 0,
	l: 4,
	w: 2,
	h: 1.5,
	yaw: 0,
	...o
});

describe('cuboid agreement', () => {
	it('matches the same car from two annotators and not a car to a pedestrian', () => {
		// B's car is 0.4 m further along x: overlap 3.6 of 4 m, IoU 3.6 / 4.4 = 9/11.
		const a = [c('car', 0), c('ped', 20, { l: 0.6, w: 0.6 })];
		const b = [c('car', 0.4), c('car', 20, { l: 0.6, w: 0.6 })];
		const m = cuboidMatches(a, b);
		expect(m).toHaveLength(1);
		expect(m[0]![2]).toBeCloseTo(9 / 11, 10);
		const by = cuboidAgreementByLabel([{ a, b }]);
		expect(by.get('car' as LabelId)).toEqual({
			matches: 1,
			countA: 1,
			countB: 2,
			f1: 2 / 3,
			meanIou: m[0]![2]
		});
		expect(by.get('ped' as LabelId)).toMatchObject({ matches: 0, countA: 1, countB: 0, f1: 0 });
	});

	it('a box turned 90° (IoU 1/3) does not match at the default threshold', () => {
		expect(cuboidMatches([c('car', 0)], [c('car', 0, { yaw: Math.PI / 2 })])).toEqual([]);
		expect(cuboidMatches([c('car', 0)], [c('car', 0, { yaw: Math.PI / 2 })], 0.3)).toHaveLength(1);
	});
});
