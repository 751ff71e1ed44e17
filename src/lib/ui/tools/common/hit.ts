/**
 * What a pointer went down on in an SVG stage, read from the nearest element with `data-hit`
 * (the layers mark regions; Handles.svelte marks handles, vertices and midpoints).
 */
import type { Handle } from '$lib/core/geometry/box';
import type { Hit } from '$lib/state/tools/image-editor.svelte';

export function hitOf(target: EventTarget | null): Hit {
	const t = (target as Element | null)?.closest?.('[data-hit]') as HTMLElement | SVGElement | null;
	const d = t?.dataset;
	if (!d?.hit || !d.id) return { kind: 'empty' };
	if (d.hit === 'handle') return { kind: 'handle', id: d.id, handle: d.handle as Handle };
	if (d.hit === 'vertex' || d.hit === 'midpoint')
		return { kind: d.hit, id: d.id, index: Number(d.index) };
	if (d.hit === 'rotate') return { kind: 'rotate', id: d.id };
	return { kind: 'region', id: d.id };
}
