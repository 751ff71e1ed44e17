import { afterEach, describe, expect, it } from 'vitest';
import { flushSync, mount, unmount } from 'svelte';
import type { MediaImportResult } from '$lib/state/import/media-job.svelte';
import MediaImport from './MediaImport.svelte';

let target: HTMLElement | undefined;
let app: Record<string, unknown> | undefined;
afterEach(() => {
	if (app) void unmount(app);
	app = undefined;
	target?.remove();
});

function show() {
	const props = $state({
		files: [] as File[],
		running: false,
		processed: 0,
		total: 0,
		result: undefined as MediaImportResult | undefined,
		onFiles: () => undefined,
		onClear: () => undefined,
		onRun: () => undefined,
		onUrls: () => undefined,
		labelHref: '/p/p1/label'
	});
	const el = document.createElement('div');
	target = el;
	document.body.append(el);
	app = mount(MediaImport, { target: el, props });
	flushSync();
	return { props, el };
}

describe('MediaImport', () => {
	it('puts the import button under the drop zone and focuses it once files are chosen', () => {
		const { props, el } = show();
		props.files = [new File([new Uint8Array(10)], 'a.png', { type: 'image/png' })];
		flushSync();
		const button = [...el.querySelectorAll('button')].find((b) =>
			b.textContent?.includes('Import 1 media file')
		);
		expect(document.activeElement).toBe(button);
		// Before the URL form, not below it.
		const urls = el.querySelector('form.urls') as HTMLElement;
		expect(button!.compareDocumentPosition(urls) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
	});

	it('reads in the singular for one, and offers to start labeling', () => {
		const { props, el } = show();
		props.result = { added: 1, duplicates: 1, problems: [{ file: 'x.mp3', reason: 'no audio' }] };
		flushSync();
		const status = el.querySelector('[data-testid="media-result"]')!.textContent!;
		expect(status.replace(/\s+/g, ' ').trim()).toBe(
			'1 media item added · 1 duplicate skipped · 1 file skipped'
		);
		const start = [...el.querySelectorAll('a')].find((a) => a.textContent === 'Start labeling');
		expect(start?.getAttribute('href')).toBe('/p/p1/label');
	});
});
