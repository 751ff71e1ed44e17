import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { DashboardFigures } from '$lib/core/quality/live/dashboard';
import SummaryCards from './SummaryCards.svelte';

let target: HTMLElement | undefined;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

function show(alpha: number, fleiss: number): HTMLElement {
	const figures = {
		status: { accepted: 0, reviewed: 0, review: 0, pending: 3 },
		alpha,
		fleiss,
		answers: 3,
		labels: []
	} as unknown as DashboardFigures;
	target = document.body.appendChild(document.createElement('div'));
	app = mount(SummaryCards, { target, props: { figures, projectId: 'p1', label: (k) => k } });
	flushSync();
	return target;
}

describe('SummaryCards', () => {
	it('says why α and κ show — instead of a figure', () => {
		const el = show(NaN, NaN);
		expect(el.textContent).toContain('— Krippendorff’s α');
		expect(el.querySelector('[data-testid="agreement-why"]')?.textContent).toMatch(
			/two or more annotators and more than one\s+label/
		);
	});

	it('says nothing more when both are figures', () => {
		expect(show(0.61, 0.58).querySelector('[data-testid="agreement-why"]')).toBeNull();
	});
});
