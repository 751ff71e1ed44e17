import { describe, expect, it } from 'vitest';
import { brushDab, brushLine, brushStrokeEnd, brushStrokeNew } from './brush';
import { maskPlaneNew } from './plane';

const count = (d: Uint16Array, v: number) => d.reduce((n, x) => n + (x === v ? 1 : 0), 0);

describe('brush', () => {
	it('paints a disc of the radius with a hard brush', () => {
		const p = maskPlaneNew(100, 100);
		const s = brushStrokeNew(p);
		brushDab(p, s, { x: 50, y: 50, r: 20, hardness: 1 }, { value: 1 });
		const area = count(p.data, 1);
		expect(Math.abs(area - Math.PI * 400) / (Math.PI * 400)).toBeLessThan(0.02);
	});

	it('paints a narrower core with a soft brush, which builds up where it passes again', () => {
		const p = maskPlaneNew(100, 100);
		const s = brushStrokeNew(p);
		brushDab(p, s, { x: 50, y: 50, r: 20, hardness: 0 }, { value: 1 });
		const once = count(p.data, 1);
		// Coverage reaches one half at half the radius: a disc of radius 10.
		expect(Math.abs(once - Math.PI * 100) / (Math.PI * 100)).toBeLessThan(0.05);
		brushDab(p, s, { x: 50, y: 50, r: 20, hardness: 0 }, { value: 1 });
		expect(count(p.data, 1)).toBeGreaterThan(once * 1.5);
	});

	it('erases only the mask it is told to, and leaves other masks alone', () => {
		const p = maskPlaneNew(40, 10);
		p.data.fill(1, 0, 200);
		p.data.fill(2, 200, 400);
		const s = brushStrokeNew(p);
		brushLine(p, s, { ax: 0, ay: 5, bx: 40, by: 5, ra: 30, rb: 30, first: true }, 1, {
			value: 0,
			only: 2
		});
		expect(count(p.data, 1)).toBe(200);
		expect(count(p.data, 2)).toBe(0);
	});

	it('draws a line without gaps and widens it with pressure', () => {
		const p = maskPlaneNew(200, 40);
		const s = brushStrokeNew(p);
		brushLine(p, s, { ax: 10, ay: 20, bx: 190, by: 20, ra: 2, rb: 10, first: true }, 1, {
			value: 1
		});
		for (let x = 10; x < 190; x++) expect(p.data[20 * 200 + x]).toBe(1);
		const col = (x: number) =>
			[...Array(40).keys()].filter((y) => p.data[y * 200 + x] === 1).length;
		expect(col(180)).toBeGreaterThan(col(20) * 2);
	});

	it('clears its coverage at the end of a stroke so the next stroke starts fresh', () => {
		const p = maskPlaneNew(30, 30);
		const s = brushStrokeNew(p);
		brushDab(p, s, { x: 15, y: 15, r: 5, hardness: 1 }, { value: 1 });
		brushStrokeEnd(p, s);
		expect(s.cov.every((c) => c === 0)).toBe(true);
		brushDab(p, s, { x: 15, y: 15, r: 5, hardness: 1 }, { value: 0 });
		expect(count(p.data, 1)).toBe(0);
	});
});
