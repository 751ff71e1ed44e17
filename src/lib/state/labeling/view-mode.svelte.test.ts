import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/core/types';
import { ViewMode } from './view-mode.svelte';

function prefs() {
	const m = new Map<string, unknown>();
	return {
		m,
		prefGet: <T>(k: string) => Promise.resolve(m.get(k) as T | undefined),
		prefSet: (k: string, v: unknown) => {
			m.set(k, structuredClone(v));
			return Promise.resolve();
		}
	};
}

describe('ViewMode', () => {
	it('gives annotators the annotator screen and others the full view until they choose', async () => {
		const p = prefs();
		let role: Role | undefined = 'annotator';
		const mode = new ViewMode('p1', { ...p, role: () => role });
		await mode.load();
		expect(mode.isAnnotator).toBe(true);
		role = 'owner';
		expect(mode.isAnnotator).toBe(false);
		role = undefined;
		expect(mode.mode).toBe('full');
	});

	it('starts a newcomer to a shared project on the annotator screen before their role arrives', async () => {
		const p = prefs();
		let role: Role | undefined = undefined;
		let joining = true;
		const mode = new ViewMode('p1', { ...p, role: () => role, joining: () => joining });
		await mode.load();
		expect(mode.mode).toBe('annotator');
		// The role arrives: an annotator stays, a reviewer named by the owner gets the full view.
		role = 'annotator';
		expect(mode.mode).toBe('annotator');
		role = 'reviewer';
		expect(mode.mode).toBe('full');
		// A project of my own (not joined) with no member record for me keeps the full view.
		role = undefined;
		joining = false;
		expect(mode.mode).toBe('full');
	});

	it('keeps a choice and the vibration option per project on this device', async () => {
		const p = prefs();
		const owner = new ViewMode('p1', { ...p, role: () => 'owner' });
		await owner.load();
		await owner.modeSet('annotator');
		await owner.vibrateSet(true);
		const again = new ViewMode('p1', { ...p, role: () => 'owner' });
		await again.load();
		expect(again.isAnnotator).toBe(true);
		expect(again.vibrate).toBe(true);
		const other = new ViewMode('p2', { ...p, role: () => 'owner' });
		await other.load();
		expect(other.isAnnotator).toBe(false);
		expect(other.vibrate).toBe(false);
	});
});
