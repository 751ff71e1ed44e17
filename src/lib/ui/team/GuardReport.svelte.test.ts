import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { userEvent } from 'vitest/browser';
import GuardReport from './GuardReport.svelte';

let target: HTMLElement;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

function show(props: {
	restored: number;
	invalid: number;
	since: number | undefined;
	onClear: () => void;
}) {
	target = document.createElement('div');
	document.body.append(target);
	app = mount(GuardReport, { target, props });
	flushSync();
	return target;
}

describe('GuardReport', () => {
	it('says how many labels were put back and values refused since when, and clears by keyboard', async () => {
		let cleared = 0;
		const since = new Date(2026, 10, 29, 15, 20).getTime();
		const el = show({ restored: 17, invalid: 5008, since, onClear: () => cleared++ });
		const note = el.querySelector('[data-testid="guard-restored"]')!;
		const text = note.textContent!.replace(/\s+/g, ' ').trim();
		expect(text).toMatch(/^Since .*29.*, on this device: 17 labels were put back after a peer/);
		expect(text).toContain('5,008 invalid values from peers were refused.');
		expect(note.querySelector('time')?.getAttribute('datetime')).toBe(
			new Date(since).toISOString()
		);
		const button = el.querySelector('button')!;
		expect(button.textContent).toBe('Clear');
		button.focus();
		expect(document.activeElement).toBe(button);
		// A native button: Enter and Space click it.
		await userEvent.keyboard('{Enter}');
		expect(cleared).toBe(1);
	});

	it('shows nothing when nothing was counted, and one count in the singular', () => {
		expect(
			show({ restored: 0, invalid: 0, since: undefined, onClear: () => {} }).textContent!.trim()
		).toBe('');
		void unmount(app!);
		app = undefined;
		target.remove();
		const el = show({ restored: 1, invalid: 0, since: 0, onClear: () => {} });
		const text = el.textContent!.replace(/\s+/g, ' ');
		expect(text).toContain('1 label was put back');
		expect(text).not.toContain('refused');
	});
});
