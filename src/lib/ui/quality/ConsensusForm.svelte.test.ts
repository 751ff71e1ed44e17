import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { userEvent } from 'vitest/browser';
import {
	answersEncode,
	guardResult,
	majorityVoteEncoded,
	type GuardedResult
} from '$lib/core/quality/aggregate';
import type { TaskConsensus } from '$lib/core/types';
import ConsensusForm from './ConsensusForm.svelte';

let target: HTMLElement | undefined;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

function show() {
	const saves: TaskConsensus[] = [];
	const props = $state({
		method: 'mv' as TaskConsensus['method'],
		threshold: 0.8,
		overlap: 3,
		canReview: true,
		projectId: 'p1',
		aggregateError: undefined as string | undefined,
		aggregateGuard: undefined as GuardedResult | undefined,
		binary: false,
		onSave: (c: TaskConsensus) => void saves.push(c)
	});
	const el = document.createElement('div');
	target = el;
	document.body.append(el);
	app = mount(ConsensusForm, { target: el, props });
	flushSync();
	const select = el.querySelector('select') as HTMLSelectElement;
	const input = el.querySelector('input') as HTMLInputElement;
	const status = el.querySelector('[role="status"]') as HTMLElement;
	const save = el.querySelector('button[type="submit"]') as HTMLButtonElement;
	return { props, saves, select, input, status, save };
}

describe('ConsensusForm', () => {
	it('names the method just saved, while the settings in force still hold the old one', async () => {
		const f = show();
		expect(f.select.value).toBe('mv');
		expect(f.input.value).toBe('80');
		await userEvent.selectOptions(f.select, 'ds');
		await userEvent.fill(f.input, '70');
		await userEvent.click(f.save);
		expect(f.saves).toEqual([{ method: 'ds', threshold: 0.7 }]);
		expect(f.status.textContent).toBe(
			'Saved: Dawid–Skene, items with at least 70% agreement are accepted.'
		);
		// The settings arrive (signed, or from the doc): the form shows them, the message stays.
		f.props.method = 'ds';
		f.props.threshold = 0.7;
		flushSync();
		expect([f.select.value, f.input.value]).toEqual(['ds', '70']);
		expect(f.status.textContent).toContain('Dawid–Skene');
		// A peer saves another method: the form follows it.
		f.props.method = 'glad';
		flushSync();
		expect(f.select.value).toBe('glad');
	});

	it('refuses a threshold outside 0–100% and saves nothing', async () => {
		const f = show();
		await userEvent.fill(f.input, '120');
		// The input's max stops a click; a submit that skips the browser's check still saves nothing.
		await userEvent.click(f.save);
		expect(f.saves).toEqual([]);
		f.save.form?.dispatchEvent(new SubmitEvent('submit', { cancelable: true }));
		flushSync();
		expect(f.saves).toEqual([]);
		expect(f.status.textContent).toBe('Enter a threshold from 0 to 100%.');
	});

	it('says when the model fell back to majority vote, and why', () => {
		const f = show();
		expect(f.props.aggregateGuard).toBeUndefined();
		expect(document.querySelector('[data-testid="aggregate-fallback"]')).toBeNull();
		// Two annotators agree on every item; a result with the two classes swapped is permuted.
		const answers = ['a', 'b', 'c', 'd'].flatMap((item, i) =>
			['w1', 'w2'].map((worker) => ({ item, worker, label: i % 2 ? 'yes' : 'no' }))
		);
		const enc = answersEncode(answers);
		const mv = majorityVoteEncoded(enc);
		const swapped = mv.labels.map((l) => (l === 'yes' ? 'no' : 'yes'));
		f.props.aggregateGuard = guardResult(enc, { ...mv, method: 'ds', labels: swapped });
		flushSync();
		const note = document.querySelector('[data-testid="aggregate-fallback"]') as HTMLElement;
		expect(note.textContent?.trim()).toBe(
			'Dawid–Skene: its classes look permuted (the crowd mostly answers yes where it inferred no, no where it inferred yes). Majority vote is used instead.'
		);
	});

	it('says that majority vote sends tied items to review at any threshold', async () => {
		const f = show();
		const rule = () => target?.querySelector('[data-testid="tie-rule"]')?.textContent ?? '';
		expect(rule()).toMatch(/tie.*goes to review at any threshold, 0% included/s);
		await userEvent.selectOptions(f.select, 'ds');
		expect(rule()).toBe('');
	});

	it('offers the tie rule: a seeded tie-break is saved with its seed and said', async () => {
		const f = show();
		const ties = target?.querySelector('[data-testid="tie-select"]') as HTMLSelectElement;
		expect(ties.value).toBe('review');
		await userEvent.selectOptions(ties, 'seed');
		const seed = target?.querySelectorAll('input')[1] as HTMLInputElement;
		await userEvent.fill(seed, '7');
		await userEvent.fill(f.input, '0');
		await userEvent.click(f.save);
		expect(f.saves).toEqual([{ method: 'mv', threshold: 0, ties: 'seed', seed: 7 }]);
		expect(f.status.textContent).toBe(
			'Saved: majority vote, items with at least 0% agreement are accepted; ties are broken with seed 7.'
		);
		const rule = target?.querySelector('[data-testid="tie-rule"]')?.textContent ?? '';
		expect(rule).toContain('quorum aggregate --ties seed --seed 7');
		// Another method has no tie rule to save.
		await userEvent.selectOptions(f.select, 'ds');
		await userEvent.click(f.save);
		expect(f.saves[1]).toEqual({ method: 'ds', threshold: 0 });
	});

	it('offers the CLI’s methods, KOS only for a task of two labels, each with what it assumes', async () => {
		const f = show();
		const options = () => [...f.select.options].map((o) => o.value);
		expect(options()).toEqual(['mv', 'wawa', 'zbs', 'ds', 'glad', 'mace']);
		f.props.binary = true;
		flushSync();
		expect(options()).toEqual(['mv', 'wawa', 'zbs', 'ds', 'glad', 'mace', 'kos']);
		await userEvent.selectOptions(f.select, 'wawa');
		const hint = () => target?.querySelector('[data-testid="method-hint"]')?.textContent ?? '';
		expect(hint()).toMatch(/agree with the majority/);
		await userEvent.click(f.save);
		expect(f.saves).toEqual([{ method: 'wawa', threshold: 0.8 }]);
		expect(f.status.textContent).toBe(
			'Saved: Wawa (agreement-weighted vote), items with at least 80% agreement are accepted.'
		);
		await userEvent.selectOptions(f.select, 'kos');
		expect(hint()).toMatch(/two labels/);
		// Saved earlier, then the task got a third label: KOS stays listed, and the form says why
		// majority vote decides.
		f.props.method = 'kos';
		f.props.binary = false;
		flushSync();
		expect(f.select.value).toBe('kos');
		expect(target?.textContent).toContain('KOS works on tasks with exactly two labels');
	});
});
