import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { isTask } from '../validate/schema';
import { isItem } from '../validate/items';
import { isAnnotationValue } from '../validate/values';
import { taskNew } from '../tasks';
import type { TaskId } from '../types';
import { cloudDecode, cloudEncode, cloudInfoOf } from './cloud-blob';
import { cloudItem } from './cloud-item';
import { cloudColours } from './cloud-colour';

const cloud = {
	count: 3,
	positions: new Float32Array([0, 0, 0, 1, 2, 3, -1, 5, 0.5]),
	origin: [2230738, 252070, -2] as [number, number, number],
	intensity: new Float32Array([1, 2, 3]),
	rgb: new Uint8Array([255, 0, 0, 0, 255, 0, 0, 0, 255])
};

describe('point cloud blob', () => {
	it('round-trips positions, origin, intensity and colours', () => {
		const back = cloudDecode(cloudEncode(cloud));
		expect(back.count).toBe(3);
		expect(Array.from(back.positions)).toEqual(Array.from(cloud.positions));
		expect(back.origin).toEqual(cloud.origin);
		expect(Array.from(back.intensity!)).toEqual([1, 2, 3]);
		expect(Array.from(back.rgb!)).toEqual(Array.from(cloud.rgb));
		const plain = cloudDecode(cloudEncode({ ...cloud, intensity: undefined, rgb: undefined }));
		expect(plain.intensity).toBeUndefined();
		expect(plain.rgb).toBeUndefined();
	});

	it('refuses damaged or foreign bytes', () => {
		const b = cloudEncode(cloud);
		expect(() => cloudDecode(b.subarray(0, b.length - 1))).toThrow(/truncated/);
		expect(() => cloudDecode(new Uint8Array(20))).toThrow(FormatError);
	});

	it('makes a valid item whose info holds the bounds, and cuboids validate', () => {
		const info = cloudInfoOf(cloud, { name: 'drive', frame: 4 });
		expect(info).toMatchObject({ count: 3, min: [-1, 0, 0], max: [1, 5, 3], frame: 4 });
		const item = cloudItem({ sha256: 'a'.repeat(64), size: 10, name: 'x.pcd', seq: 1, info });
		expect(isItem(item)).toBe(true);
		expect(isItem({ ...item, cloud: { ...info, min: [0, 0] } })).toBe(false);
		const c = { id: 'c1', label: 'car', x: 1, y: 2, z: 0, l: 4, w: 2, h: 1.5, yaw: 0.3 };
		expect(isAnnotationValue({ type: 'cuboids', cuboids: [c] })).toBe(true);
		expect(isAnnotationValue({ type: 'cuboids', cuboids: [{ ...c, l: -1 }] })).toBe(false);
		expect(isTask(taskNew('cuboids', 't' as TaskId, 'Objects'))).toBe(true);
	});
});

describe('point colours', () => {
	it('ramps height from blue (low) to red (high), and uses the file colours when asked', () => {
		const n = 100;
		const positions = new Float32Array(n * 3);
		for (let i = 0; i < n; i++) positions[i * 3 + 2] = i;
		const c = { count: n, positions, origin: [0, 0, 0] as [number, number, number] };
		const col = cloudColours(c, 'height');
		expect(col[2]!).toBeGreaterThan(col[0]!); // lowest point: blue
		expect(col[(n - 1) * 3]!).toBeGreaterThan(col[(n - 1) * 3 + 2]!); // highest: red
		expect(Array.from(cloudColours(cloud, 'rgb').subarray(0, 3))).toEqual([1, 0, 0]);
		// No intensity in the cloud: falls back to height.
		expect(Array.from(cloudColours(c, 'intensity'))).toEqual(Array.from(col));
	});
});
