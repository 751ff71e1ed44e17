import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import { heldOutReport } from '$lib/core/quality/calibration/held-out';
import { overconfident } from '$tests/helpers/overconfident';
import ModelReport from './ModelReport.svelte';

let target: HTMLElement | undefined;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

function show(beats: boolean) {
	const K = 3;
	const { probs, labels } = overconfident(4, 600, K);
	const fold = Int32Array.from(labels, (_, i) => i % 5);
	const report = { ...heldOutReport({ probs, K, labels, fold, ran: 5 }), beatsBaseline: beats };
	const el = document.createElement('div');
	target = el;
	document.body.append(el);
	app = mount(ModelReport, { target: el, props: { report, labels: ['red', 'green', 'blue'] } });
	flushSync();
	return { el, report };
}

describe('ModelReport', () => {
	it('draws one reliability bar per filled bin, and the per-label and confusion tables', async () => {
		const { el, report } = show(true);
		const filled = report.reliability.filter((b) => b.count > 0).length;
		await expect
			.poll(() => el.querySelectorAll('.plot svg [aria-label="rect"] rect').length)
			.toBe(filled);
		// Every bar inside the plot's frame (the x axis spans the chart's width).
		const svg = el.querySelector('.plot svg') as SVGSVGElement;
		const frame = svg.getBoundingClientRect();
		for (const r of svg.querySelectorAll('[aria-label="rect"] rect')) {
			const b = r.getBoundingClientRect();
			expect(b.width).toBeGreaterThan(0);
			expect(b.height).toBeGreaterThan(0);
			expect(b.left).toBeGreaterThanOrEqual(frame.left);
			expect(b.right).toBeLessThanOrEqual(frame.right);
			expect(b.top).toBeGreaterThanOrEqual(frame.top);
		}
		expect(el.querySelector('[data-testid="model-baseline"]')?.textContent).toContain(
			'Its suggestions are shown.'
		);
		const perLabel = [...el.querySelectorAll('[data-testid="per-label"] tbody tr')].map((r) =>
			r.querySelector('th')?.textContent?.trim()
		);
		expect(perLabel).toEqual(['red', 'green', 'blue']);
		const cells = [...el.querySelectorAll('[data-testid="confusion"] tbody td')].map((c) =>
			Number(c.textContent)
		);
		expect(cells).toEqual(report.confusion.flat());
		expect(cells.reduce((a, b) => a + b, 0)).toBe(600);
	});

	it('says the model suggests nothing while it does not beat the baseline', () => {
		const { el } = show(false);
		expect(el.querySelector('[data-testid="model-baseline"]')?.textContent).toMatch(
			/no better, so it suggests nothing/
		);
	});
});
