/** Keypoint instances (poses): placing their points in order, skipping one, showing or hiding one. */
import type { KeypointInstance, KeypointsTask } from '$lib/core/types';
import type { Region } from './regions';

function isInstance(r: Region | undefined): r is KeypointInstance {
	return !!r && !('x' in r) && !('closed' in r);
}

/** The selected instance if it still has points to place. */
export function keypointOpen(
	sel: Region | undefined,
	t: KeypointsTask
): KeypointInstance | undefined {
	return isInstance(sel) && sel.points.length < t.points.length ? sel : undefined;
}

/** Name of the next point to place on the selected instance (the first one for a new instance). */
export function keypointNext(sel: Region | undefined, t: KeypointsTask): string | undefined {
	const n = isInstance(sel) ? sel.points.length : 0;
	return t.points[n < t.points.length ? n : 0];
}

/** The instance with point `i` shown or hidden; undefined when there is no such point. */
export function keypointVisibilityToggle(
	r: Region | undefined,
	i: number | undefined
): KeypointInstance | undefined {
	if (!isInstance(r) || i === undefined) return undefined;
	const pt = r.points[i];
	if (!pt) return undefined;
	const points = r.points.slice();
	points[i] = { ...pt, visible: !pt.visible };
	return { ...r, points };
}
