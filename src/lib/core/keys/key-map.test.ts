import { describe, expect, it } from 'vitest';
import { keyMapAssign, keyMapMine, keyMapResolve, type KeyMap } from './key-map';

/** Every key resolves to one project key and back. */
function isPermutation(map: KeyMap): boolean {
	const to = Object.values(map);
	return (
		new Set(to).size === to.length && to.every((k) => keyMapResolve(map, keyMapMine(map, k)) === k)
	);
}

describe('key map', () => {
	it('moves an action to a free key, and its old key to nothing of its own', () => {
		const m = keyMapAssign({}, '1', 'j');
		expect(keyMapResolve(m, 'j')).toBe('1');
		expect(keyMapMine(m, '1')).toBe('j');
		// 1 now does what j did (nothing in this view): the two swap places.
		expect(keyMapResolve(m, '1')).toBe('j');
		expect(isPermutation(m)).toBe(true);
	});

	it('swaps two actions when one takes the key of the other', () => {
		const m = keyMapAssign({}, '1', '2');
		expect(keyMapResolve(m, '2')).toBe('1');
		expect(keyMapResolve(m, '1')).toBe('2');
	});

	it('stays a permutation over a chain of changes, and actions given back their keys have them', () => {
		let m: KeyMap = {};
		m = keyMapAssign(m, '1', 'j');
		m = keyMapAssign(m, '2', 'k');
		m = keyMapAssign(m, 's', '1');
		m = keyMapAssign(m, '1', 'k');
		expect(isPermutation(m)).toBe(true);
		expect(keyMapResolve(m, 'k')).toBe('1');
		m = keyMapAssign(m, '1', '1');
		m = keyMapAssign(m, '2', '2');
		m = keyMapAssign(m, 's', 's');
		expect(isPermutation(m)).toBe(true);
		for (const k of '12s') expect(keyMapResolve(m, k)).toBe(k);
	});

	it('refuses keys that cannot move and takes upper case as lower', () => {
		expect(() => keyMapAssign({}, '1', 'Enter')).toThrow(RangeError);
		expect(() => keyMapAssign({}, '?', 'a')).toThrow(RangeError);
		expect(keyMapResolve(keyMapAssign({}, '1', 'J'), 'j')).toBe('1');
	});
});
