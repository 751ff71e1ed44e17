/**
 * The projects page's counts: written within half a second of the first change however fast
 * labels come (a wait restarted by each label never wrote), and corrected when the project opens
 * (a quick reload closed the page before the last write).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EpochMs, LabelId, ProjectId, TaskId } from '$lib/core/types';
import type { ProjectSummary, ProjectsRepo } from '$lib/storage/projects-repo';
import type { ProjectStore } from '$lib/sync/project-store';
import { labelOf, memoryPersist, textItems } from '$tests/helpers/session';
import { ProjectSession } from './project-session.svelte';

const ID = 'p1' as ProjectId;
const task = {
	id: 'sent' as TaskId,
	type: 'classification' as const,
	name: 'Sentiment',
	multi: false,
	labels: [{ id: 'pos' as LabelId, name: 'Positive', color: '#16a34a', hotkey: '1' }]
};

function repoWith(row: ProjectSummary): ProjectsRepo & { row: ProjectSummary } {
	const r = {
		row,
		list: async () => [r.row],
		get: async () => r.row,
		put: async (x: ProjectSummary) => void (r.row = x),
		update: async (_: string, patch: Partial<ProjectSummary>) =>
			void (r.row = { ...r.row, ...patch }),
		remove: async () => undefined
	};
	return r;
}

const stale: ProjectSummary = {
	id: ID,
	name: 'P',
	description: '',
	created: 0,
	lastActivity: 7,
	itemCount: 40,
	labelCount: 0,
	labeledCount: 0
};

/** A session whose stored doc already holds 40 items and `labels` labels. */
function sessionOf(projects: ProjectsRepo, labels: number): ProjectSession {
	return new ProjectSession(ID, {
		projects,
		now: () => 1000,
		persist: (_id: ProjectId, store: ProjectStore) => {
			store.init({
				id: ID,
				name: 'P',
				description: '',
				created: 0 as EpochMs,
				schema: { tasks: [task] }
			});
			store.itemsAdd(textItems(40));
			for (let i = 0; i < labels; i++) store.label(labelOf(`i${i}`, 'ann', 'pos'));
			return memoryPersist();
		}
	});
}

let open: ProjectSession | undefined;
afterEach(async () => {
	vi.useRealTimers();
	await open?.destroy();
	open = undefined;
});

describe('project summary', () => {
	it('corrects stale counts when the project opens, leaving the last activity', async () => {
		const repo = repoWith(stale);
		open = sessionOf(repo, 30);
		await open.open();
		expect(repo.row).toMatchObject({
			labelCount: 30,
			labeledCount: 30,
			itemCount: 40,
			lastActivity: 7
		});
	});

	it('writes the counts while someone labels every 100 ms, not only after a pause', async () => {
		vi.useFakeTimers();
		const repo = repoWith(stale);
		open = sessionOf(repo, 0);
		await open.open();
		for (let i = 0; i < 30; i++) {
			open.store.label(labelOf(`i${i}`, 'ann', 'pos'));
			await vi.advanceTimersByTimeAsync(100);
		}
		expect(repo.row.labelCount).toBeGreaterThanOrEqual(25);
		expect(repo.row.lastActivity).toBe(1000);
	});
});
