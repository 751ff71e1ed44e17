import { describe, expect, it } from 'vitest';
import { maskFill, maskHolesFill } from './fill';
import { maskPlaneNew } from './plane';

/** A plane from rows of digits. */
function planeOf(rows: string[]) {
	const p = maskPlaneNew(rows[0]?.length ?? 0, rows.length);
	rows.forEach((r, y) => [...r].forEach((c, x) => (p.data[y * p.w + x] = Number(c))));
	return p;
}
const rowsOf = (p: ReturnType<typeof planeOf>) =>
	Array.from({ length: p.h }, (_, y) => [...p.data.slice(y * p.w, (y + 1) * p.w)].join(''));

describe('mask fill', () => {
	it('fills the 4-connected area under the click, not what touches it only by a corner', () => {
		const p = planeOf(['11100', '10100', '11100', '00011']);
		const rect = maskFill(p, 1, 1, 2);
		expect(rowsOf(p)).toEqual(['11100', '12100', '11100', '00011']);
		expect(rect).toEqual({ x0: 1, y0: 1, x1: 2, y1: 2 });
		maskFill(p, 4, 0, 3);
		// The zeros at the bottom left meet the others only at a corner: they stay.
		expect(rowsOf(p)).toEqual(['11133', '12133', '11133', '00011']);
	});

	it('fills the holes of one mask and leaves areas that reach the edge', () => {
		const p = planeOf(['011110', '010010', '012010', '011110', '000000', '111000']);
		maskHolesFill(p, 1);
		expect(rowsOf(p)).toEqual(['011110', '011110', '011110', '011110', '000000', '111000']);
	});

	it('does nothing outside the image or on the same value', () => {
		const p = planeOf(['11', '11']);
		expect(maskFill(p, 5, 0, 2)).toBeUndefined();
		expect(maskFill(p, 0, 0, 1)).toBeUndefined();
		expect(maskHolesFill(p, 1)).toBeUndefined();
	});
});
