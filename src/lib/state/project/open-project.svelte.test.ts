import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ProjectId } from '$lib/core/types';
import { fakeProjects, memoryPersist } from '$tests/helpers/session';
import type { AppState } from '../app.svelte';
import { ProjectSession } from '../project-session.svelte';
import { OpenProject } from './open-project.svelte';

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
	for (const c of cleanup) await c();
	cleanup = [];
});

/** An app without an identity (so no sync) that opens in-memory sessions. */
function appFake() {
	const opened: ProjectSession[] = [];
	const refreshed = vi.fn(async () => undefined);
	const app = {
		identity: undefined,
		sessionOpen: (id: ProjectId) => {
			const s = new ProjectSession(id, {
				projects: fakeProjects,
				now: () => 1,
				persist: memoryPersist
			});
			opened.push(s);
			return s;
		},
		projectsRefresh: refreshed
	} as unknown as AppState;
	return { app, opened, refreshed };
}

describe('open project', () => {
	it('shows the session once its doc is loaded, and closes it then refreshes the list', async () => {
		const { app, opened, refreshed } = appFake();
		const p = new OpenProject(app, 'p1' as ProjectId);
		expect(p.session).toBeUndefined();
		await vi.waitFor(() => expect(p.session).toBe(opened[0]));
		expect(p.sync).toBeUndefined();
		expect(p.error).toBe('');
		const destroyed = vi.spyOn(opened[0] as ProjectSession, 'destroy');
		await p.destroy();
		expect(p.session).toBeUndefined();
		expect(destroyed).toHaveBeenCalledOnce();
		expect(refreshed).toHaveBeenCalledOnce();
	});

	it('never shows a session closed before it finished opening', async () => {
		const { app } = appFake();
		const p = new OpenProject(app, 'p1' as ProjectId);
		await p.destroy();
		await new Promise((r) => setTimeout(r, 10));
		expect(p.session).toBeUndefined();
	});
});
