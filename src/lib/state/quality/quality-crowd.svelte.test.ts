/**
 * The quality state on a real crowd dataset (TEMP, Snow et al. 2008: 462 items, 10 answers each),
 * imported from a Label Studio export as a user would, in a signed project as the app makes it
 * (the owner's ProjectSync signs the member list, settings and reviews). After a new threshold or
 * method is saved, the open view shows what a fresh view (a reload) shows: the figures follow the
 * settings they depend on.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { aggregateGuarded, answersEncode } from '$lib/core/quality/aggregate';
import type { AnnotatorId, TaskConsensus } from '$lib/core/types';
import { crowdAnswers, crowdItemText, crowdLabelStudio } from '$tests/helpers/crowd-label-studio';
import { dataRead } from '$tests/helpers/shared-data-browser';
import { acceptedOfProject } from '../export/accepted';
import { InteropImportJob } from '../interop/job.svelte';
import type { ProjectSession } from '../project-session.svelte';
import { answerKey } from './keys';
import { QualityState } from './quality.svelte';
import { noBlobs, sessionWithSchema } from '$tests/helpers/session';
import { ProjectSync } from '../team/project-sync.svelte';

const ME = { id: 'owner-1' as AnnotatorId, name: 'Ada', color: '#3b3bb3' };
const NAMES = { '1': 'before', '2': 'after' };

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
	for (const c of cleanup.reverse()) await c();
	cleanup = [];
});

function prefs() {
	const m = new Map<string, unknown>();
	return {
		get: async <T>(k: string) => m.get(k) as T | undefined,
		set: async (k: string, v: unknown) => void m.set(k, v)
	};
}

/**
 * TEMP imported from its Label Studio export, with the Quality view open when the page loads: the
 * owner's ProjectSync then checks and signs the project in the background, as the app does.
 */
async function tempProject() {
	const answers = crowdAnswers(await dataRead('crowd', 'temp', 'answers.csv'));
	const s = await sessionWithSchema([], {
		id: `crowd-${Math.random().toString(36).slice(2)}` as never
	});
	cleanup.push(() => s.destroy());
	s.store.memberUpsert({ id: ME.id, name: ME.name, color: ME.color, role: 'owner' });
	const job = new InteropImportJob(s, ME.id, { blobs: noBlobs, now: () => 1000 });
	const json = crowdLabelStudio({ dataset: 'temp', answers, names: NAMES });
	await job.take([new File([json], 'temp.json', { type: 'application/json' })]);
	const done = await job.apply();
	expect(done).toMatchObject({ added: 462, annotations: 4620 });
	const q = quality(s);
	const sync = new ProjectSync(s, ME, { prefs: prefs() });
	cleanup.push(() => sync.destroy());
	await sync.start();
	await expect.poll(() => sync.secured, { timeout: 10_000 }).toBe(true);
	return { s, q, answers };
}

function quality(s: ProjectSession): QualityState {
	const q = new QualityState(s, ME.id);
	cleanup.push(() => q.destroy());
	return q;
}

/** A view opened after the settings are stored (as after a reload), with its model run. */
function reloaded(s: ProjectSession): QualityState {
	const q = new QualityState(s, ME.id);
	q.heavyRun();
	q.destroy();
	return q;
}

/** Waits until the project's (signed) settings hold `c` for the only task. */
async function saved(s: ProjectSession, c: TaskConsensus) {
	const task = s.schema.tasks[0]?.id as string;
	await expect.poll(() => s.settings.consensus?.[task], { timeout: 10_000 }).toEqual(c);
}

const outcomeLabels = (q: QualityState) =>
	Object.fromEntries(
		[...q.outcomes.all()].map((o) => [o.item, `${q.labelName(o.label)} by ${o.method}`])
	);

describe('quality state on TEMP, a signed project', () => {
	it('shows the counts of a newly saved threshold, as a reload does', async () => {
		const { s, q, answers } = await tempProject();
		expect(q.figures.status).toMatchObject({ accepted: 218, review: 244, pending: 0 });
		q.consensusSet({ method: 'mv', threshold: 0.7 });
		await saved(s, { method: 'mv', threshold: 0.7 });
		// At 70% an item is accepted when at least 7 of its 10 answers agree (counted from the data).
		const counts = new Map<string, Map<string, number>>();
		for (const a of answers) {
			const c = counts.get(a.item) ?? new Map<string, number>();
			c.set(a.label, (c.get(a.label) ?? 0) + 1);
			counts.set(a.item, c);
		}
		const accepted = [...counts.values()].filter((c) => Math.max(...c.values()) >= 7).length;
		expect(accepted).not.toBe(218);
		const want = { accepted, review: 462 - accepted, reviewed: 0, pending: 0 };
		expect(reloaded(s).figures.status).toEqual(want);
		await expect.poll(() => q.figures.status, { timeout: 5_000 }).toEqual(want);
		expect(s.item(s.order[0]!)?.text).toBe(crowdItemText('temp', answers[0]!.item));
	});

	it('shows the labels of a newly saved method, as a reload does', async () => {
		const { s, q } = await tempProject();
		q.consensusSet({ method: 'ds', threshold: 0.8 });
		await saved(s, { method: 'ds', threshold: 0.8 });
		const ds = outcomeLabels(reloaded(s));
		await expect.poll(() => outcomeLabels(q), { timeout: 5_000 }).toEqual(ds);
		q.consensusSet({ method: 'glad', threshold: 0.8 });
		await saved(s, { method: 'glad', threshold: 0.8 });
		const glad = outcomeLabels(reloaded(s));
		// GLAD and Dawid–Skene disagree on some items, so a stale view shows.
		const differ = Object.keys(glad).filter(
			(i) => glad[i]?.split(' by ')[0] !== ds[i]?.split(' by ')[0]
		);
		expect(differ.length).toBeGreaterThan(0);
		expect(Object.values(glad).filter((l) => l.endsWith('by glad')).length).toBe(462);
		await expect.poll(() => outcomeLabels(q), { timeout: 5_000 }).toEqual(glad);
		expect(q.consensus).toEqual({ method: 'glad', threshold: 0.8 });
		// The export, which computes the outcomes anew, says what the view says.
		const exported = new Map(
			acceptedOfProject(s, ME.id).map((a) => [
				a.item as string,
				a.value.type === 'classification' ? answerKey(a.value.labels) : ''
			])
		);
		const accepted = [...q.outcomes.all()].filter((o) => o.status === 'accepted');
		expect(accepted.length).toBeGreaterThan(0);
		expect(new Map(accepted.map((o) => [o.item, o.label]))).toEqual(exported);
	});

	it('labels by the CLI’s other methods too (Wawa, zero-based skill), as core does; KOS with its guard', async () => {
		const { s, q, answers } = await tempProject();
		const itemOf = (id: string) => (s.item(id as never)?.text ?? '').replace('temp item ', '');
		const enc = () => answersEncode(answers, ['1', '2']);
		for (const method of ['wawa', 'zbs'] as const) {
			q.consensusSet({ method, threshold: 0.5 });
			await saved(s, { method, threshold: 0.5 });
			const core = aggregateGuarded(enc(), method);
			expect(core.fellBack).toBe(false);
			const want = Object.fromEntries(
				core.result.items.map((item, i) => [
					item,
					`${NAMES[core.result.labels[i] as '1' | '2']} by ${method}`
				])
			);
			await expect
				.poll(
					() =>
						Object.fromEntries(
							[...reloaded(s).outcomes.all()].map((o) => [
								itemOf(o.item),
								`${q.labelName(o.label)} by ${o.method}`
							])
						),
					{ timeout: 5_000 }
				)
				.toEqual(want);
		}
		// KOS runs on this two-label task; on TEMP the guard rail finds it explains the answers
		// worse than majority vote and falls back, in the view as in the CLI.
		q.consensusSet({ method: 'kos', threshold: 0.5 });
		await saved(s, { method: 'kos', threshold: 0.5 });
		const core = aggregateGuarded(enc(), 'kos');
		expect(core.fellBack).toBe(true);
		const view = reloaded(s);
		expect(view.aggregateError).toBeUndefined();
		expect(view.aggregateGuard?.fellBack).toBe(true);
		expect(view.aggregateGuard?.warnings.map((w) => w.type)).toEqual(
			core.warnings.map((w) => w.type)
		);
	});
});
