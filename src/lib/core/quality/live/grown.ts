/** A copy of `a` with room for at least `n` entries (capacity doubles), or `a` if it has room. */
export function grown<T extends Int32Array | Float64Array | Uint8Array>(
	a: T,
	n: number,
	fill = 0
): T {
	if (a.length >= n) return a;
	const b = new (a.constructor as new (n: number) => T)(Math.max(n, a.length * 2, 16));
	b.set(a);
	if (fill !== 0) b.fill(fill, a.length);
	return b;
}
