import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import ProjectNav from './ProjectNav.svelte';

let target: HTMLElement | undefined;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

describe('ProjectNav', () => {
	it('names no two tabs alike (no "Label" beside "Labels")', () => {
		target = document.body.appendChild(document.createElement('div'));
		app = mount(ProjectNav, { target, props: { id: 'p1', name: 'P', here: 'label' } });
		flushSync();
		const names = [...target.querySelectorAll('nav a')].map((a) => a.textContent!.trim());
		expect(names).toContain('Tasks');
		const stem = (s: string) => s.toLowerCase().replace(/s$/, '');
		expect(new Set(names.map(stem)).size).toBe(names.length);
	});
});
