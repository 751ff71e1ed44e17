/**
 * A person's own keys for one project's labeling view: which key they press for what the
 * project's key does. The map is a permutation of single keys (pressed → project key), so
 * giving an action a key that another action had swaps the two, and no key ever does two things.
 */

/** Pressed key → the project's key it stands for; keys not in the map stand for themselves. */
export type KeyMap = Readonly<Record<string, string>>;

/** Keys a person can move: digits and letters (the view's `?`, arrows and Enter stay put). */
export function keyIsRemappable(key: string): boolean {
	return /^[0-9a-z]$/.test(key);
}

/** The project's key that pressing `pressed` stands for. */
export function keyMapResolve(map: KeyMap, pressed: string): string {
	return map[pressed] ?? pressed;
}

/** The key a person presses for the project's key `key`. */
export function keyMapMine(map: KeyMap, key: string): string {
	for (const [pressed, to] of Object.entries(map)) if (to === key) return pressed;
	return key in map ? '' : key;
}

/**
 * Makes `pressed` do what the project's key `key` does; the action `pressed` had before moves to
 * the key that `key`'s action leaves, so the map stays a permutation. Throws for keys that
 * cannot move. Returns a new map; identities are dropped.
 */
export function keyMapAssign(map: KeyMap, key: string, pressed: string): KeyMap {
	const p = pressed.toLowerCase();
	if (!keyIsRemappable(key) || !keyIsRemappable(p))
		throw new RangeError(`Only digits and letters can be given to an action, not “${pressed}”.`);
	const old = keyMapMine(map, key);
	const displaced = keyMapResolve(map, p);
	const next: Record<string, string> = { ...map, [p]: key };
	if (old !== p) next[old] = displaced;
	for (const [k, v] of Object.entries(next)) if (k === v) delete next[k];
	return next;
}
