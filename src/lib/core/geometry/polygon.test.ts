import { describe, expect, it } from 'vitest';
import type { Point } from '../types';
import {
	edgeNearest,
	polygonArea,
	polygonClipConvex,
	polygonContains,
	polygonProblem,
	vertexDelete,
	vertexInsert,
	vertexMove
} from './polygon';

const square: Point[] = [
	[0, 0],
	[10, 0],
	[10, 10],
	[0, 10]
];

describe('polygons', () => {
	it('computes signed area by the shoelace formula', () => {
		expect(polygonArea(square)).toBe(100);
		expect(polygonArea([...square].reverse())).toBe(-100);
		expect(
			polygonArea([
				[0, 0],
				[4, 0],
				[0, 3]
			])
		).toBe(6);
	});

	it('finds invalid shapes: too few points, zero area, self-intersection', () => {
		expect(polygonProblem(square)).toBeUndefined();
		expect(polygonProblem(square.slice(0, 2))).toBe('too-few-points');
		expect(
			polygonProblem([
				[0, 0],
				[5, 5],
				[10, 10]
			])
		).toBe('zero-area');
		const bowtie: Point[] = [
			[0, 0],
			[10, 10],
			[10, 0],
			[0, 10]
		];
		expect(polygonProblem(bowtie)).toBe('self-intersecting');
		expect(polygonProblem(bowtie, false)).toBe('self-intersecting');
		expect(polygonProblem(square.slice(0, 3), false)).toBeUndefined();
		expect(polygonProblem([[0, 0]], false)).toBe('too-few-points');
	});

	it('tests whether a point is inside', () => {
		expect(polygonContains(square, [5, 5])).toBe(true);
		expect(polygonContains(square, [15, 5])).toBe(false);
		const ell: Point[] = [
			[0, 0],
			[10, 0],
			[10, 2],
			[2, 2],
			[2, 10],
			[0, 10]
		];
		expect(polygonContains(ell, [5, 5])).toBe(false);
		expect(polygonContains(ell, [1, 5])).toBe(true);
	});

	it('clips by a convex polygon', () => {
		const shifted: Point[] = square.map(([x, y]) => [x + 5, y + 5]);
		expect(Math.abs(polygonArea(polygonClipConvex(square, shifted)))).toBeCloseTo(25);
		expect(
			polygonClipConvex(
				square,
				square.map(([x, y]) => [x + 20, y])
			)
		).toEqual([]);
	});

	it('edits vertices without mutating the input', () => {
		const moved = vertexMove(square, 1, [12, 0]);
		expect(moved[1]).toEqual([12, 0]);
		expect(square[1]).toEqual([10, 0]);
		expect(vertexInsert(square, 0, [5, -1])).toHaveLength(5);
		expect(vertexInsert(square, 0, [5, -1])[1]).toEqual([5, -1]);
		expect(vertexDelete(square, 0)).toEqual(square.slice(1));
	});

	it('finds the nearest edge for inserting a vertex', () => {
		expect(edgeNearest(square, [5, -1], true)).toEqual({ index: 0, distance: 1 });
		expect(edgeNearest(square, [-1, 5], true).index).toBe(3);
		expect(edgeNearest(square, [-1, 5], false).index).toBe(0);
	});
});
