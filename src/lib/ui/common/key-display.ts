/**
 * How a project key shows to this person: the labeling page sets it from their own key map
 * (state/labeling/key-remap.svelte.ts), so every tool's label picker shows and announces the key
 * they press. Without it a key shows as it is.
 */
import { getContext, setContext } from 'svelte';

const KEY = Symbol('key-display');

export type KeyDisplay = (projectKey: string) => string;

export function keyDisplaySet(fn: KeyDisplay): void {
	setContext(KEY, fn);
}

export function keyDisplay(): KeyDisplay {
	return getContext<KeyDisplay | undefined>(KEY) ?? ((k) => k);
}
