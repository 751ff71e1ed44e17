import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import CreateProjectForm from './CreateProjectForm.svelte';

let target: HTMLElement | undefined;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

describe('CreateProjectForm', () => {
	it('suggests labels as a placeholder: a project created without typing any gets none', () => {
		const created: { labels: string[] }[] = [];
		target = document.body.appendChild(document.createElement('div'));
		app = mount(CreateProjectForm, {
			target,
			props: { onCreate: async (p: { labels: string[] }) => void created.push(p) }
		});
		flushSync();
		const labels = target.querySelector('#new-project-labels') as HTMLInputElement;
		expect(labels.value).toBe('');
		expect(labels.placeholder).toContain('positive, negative, neutral');
		(target.querySelector('input[type="text"]') as HTMLInputElement).value = 'Street photos';
		target.querySelector('input[type="text"]')!.dispatchEvent(new Event('input'));
		target.querySelector('form')!.requestSubmit();
		flushSync();
		expect(created.map((p) => p.labels)).toEqual([[]]);
	});
});
