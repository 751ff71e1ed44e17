/** RGBA colours of a plane's masks: the label's colour at the label's (or the task's) opacity. */
import type { MaskMeta } from '$lib/core/mask/value';
import type { MasksTask } from '$lib/core/types';

function rgbOf(hex: string): [number, number, number] {
	const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})/i.exec(hex);
	return m
		? [parseInt(m[1] ?? '0', 16), parseInt(m[2] ?? '0', 16), parseInt(m[3] ?? '0', 16)]
		: [128, 128, 128];
}

/**
 * A little-endian RGBA word per plane value `k` (index 0: transparent), ready to write into a
 * `Uint32Array` view of an `ImageData`.
 */
export function maskPalette(task: MasksTask, masks: readonly MaskMeta[]): Uint32Array {
	const out = new Uint32Array(masks.length + 1);
	masks.forEach((m, i) => {
		const label = task.labels.find((l) => l.id === m.label);
		const [r, g, b] = rgbOf(label?.color ?? '#888888');
		const a = Math.round(255 * (task.opacities?.[m.label] ?? task.opacity));
		out[i + 1] = ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
	});
	return out;
}
