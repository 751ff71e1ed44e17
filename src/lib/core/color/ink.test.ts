import { describe, expect, it } from 'vitest';
import { PALETTE } from '../schema';
import { inkOn, luminance } from './ink';

const ratio = (a: number, b: number) => (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);

describe('inkOn', () => {
	it('gives every palette colour a text colour with at least 4.5:1 contrast', () => {
		for (const c of PALETTE) {
			const l = luminance(c) as number;
			const ink = luminance(inkOn(c)) as number;
			expect(ratio(l, ink), c).toBeGreaterThanOrEqual(4.5);
		}
		expect(inkOn('#16a34a')).toBe('#000');
		expect(inkOn('#2563eb')).toBe('#fff');
		expect(inkOn('#fff')).toBe('#000');
		expect(inkOn('not a colour')).toBe('#fff');
	});
});
