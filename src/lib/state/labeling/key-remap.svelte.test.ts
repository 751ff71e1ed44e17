import { describe, expect, it } from 'vitest';
import { KeyRemap } from './key-remap.svelte';

function prefs() {
	const m = new Map<string, unknown>();
	return {
		prefGet: <T>(k: string) => Promise.resolve(structuredClone(m.get(k)) as T | undefined),
		prefSet: (k: string, v: unknown) => {
			m.set(k, structuredClone(v));
			return Promise.resolve();
		}
	};
}

describe('KeyRemap', () => {
	it('keeps my keys per project on this device and resets them', async () => {
		const p = prefs();
		const a = new KeyRemap('p1', p);
		await a.load();
		await a.assign('1', 'j');
		expect(a.resolve('j')).toBe('1');
		expect(a.mine('1')).toBe('j');
		const again = new KeyRemap('p1', p);
		await again.load();
		expect(again.mine('1')).toBe('j');
		expect(again.isChanged).toBe(true);
		const other = new KeyRemap('p2', p);
		await other.load();
		expect(other.mine('1')).toBe('1');
		await again.reset();
		const after = new KeyRemap('p1', p);
		await after.load();
		expect(after.isChanged).toBe(false);
	});

	it('passes on keys it did not send itself only when they are mine for another action', async () => {
		const r = new KeyRemap('p1', prefs());
		await r.load();
		await r.assign('1', 'j');
		// Events made by script (like the one translate sends) are never translated again.
		const e = new KeyboardEvent('keydown', { key: 'j', cancelable: true });
		r.translate(e);
		expect(e.defaultPrevented).toBe(false);
	});
});
