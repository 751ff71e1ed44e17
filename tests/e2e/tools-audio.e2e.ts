/**
 * Audio: import a WAV synthesized here, waveform (wavesurfer.js, lazy), segments by keyboard
 * marks and by dragging on the waveform, relabel, per-segment transcription, speed, undo,
 * reload and export — on a laptop, then with the buttons by touch on a phone.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { mediaImport, mouseDrag, projectNew, shot, taskAdd, wavMake } from './tools';

async function setup(page: Page, url: string, name: string): Promise<void> {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, name, '');
	await mediaImport(page, [
		{ name: 'tones.wav', mimeType: 'audio/wav', buffer: wavMake(2) },
		{ name: 'clip.mp3', mimeType: 'audio/mpeg', buffer: Buffer.from('no audio in here') }
	]);
	await expect(page.getByTestId('media-result')).toContainText('1 media item added');
	await taskAdd(page, 'Audio segments', 'Sounds', ['speech', 'music']);
	await taskAdd(page, 'Transcription', 'Words', []);
	await page
		.getByRole('region', { name: /^Words/ })
		.getByLabel('Transcribe')
		.selectOption('segment');
	await page.goto(page.url().replace(/\/schema$/, '/label'));
	await expect(page.getByTestId('audio-time')).toContainText('/ 0:02.000');
}

const seg = (page: Page, n: number) =>
	page.getByRole('button', { name: new RegExp(`^Segment ${n}:`) });

test.describe('audio segments with mouse and keyboard', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('mark, drag, relabel, transcribe, undo, reload, export', async ({ page, app }) => {
		await setup(page, app.url, 'Tones');
		await expectAxeClean(page, 'label page with audio');

		// Keyboard: M at 0 s, seek one second, M again.
		await page.getByTestId('audio-player').focus();
		await page.keyboard.press('m');
		await page.keyboard.press('ArrowRight');
		await expect(page.getByTestId('audio-time')).toContainText('0:01.000 /');
		await page.keyboard.press('m');
		await expect(seg(page, 1)).toHaveText('Segment 1: speech, 0:00.000–0:01.000');

		// Mouse: drag across the last part of the waveform.
		const wave = await page.getByTestId('audio-player').boundingBox();
		if (!wave) throw new Error('no waveform');
		const y = wave.y + wave.height / 2;
		await mouseDrag(
			page,
			{ x: wave.x + wave.width * 0.65, y },
			{ x: wave.x + wave.width * 0.9, y }
		);
		await expect(seg(page, 2)).toContainText('Segment 2: speech, 0:01.');

		// Select it, relabel with a hotkey on the player, transcribe it.
		await seg(page, 2).click();
		await page.getByTestId('audio-player').focus();
		await page.keyboard.press('2');
		await expect(seg(page, 2)).toContainText('music');
		await page.getByLabel('Transcription of segment 2').fill('la la la');
		await page.getByLabel('Transcription of segment 2').blur();
		await page.getByTestId('audio-player').focus();
		await page.keyboard.press(']');
		await expect(page.getByRole('combobox', { name: /^Speed/ })).toHaveValue('1.25');
		await shot(page, 'audio-laptop');

		// Undo the transcription and the relabel, redo both.
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(page.getByLabel('Transcription of segment 2')).toHaveValue('');
		await page.getByRole('button', { name: 'Undo' }).click();
		await expect(seg(page, 2)).toContainText('speech');
		await page.getByRole('button', { name: 'Redo' }).click();
		await page.getByRole('button', { name: 'Redo' }).click();
		await expect(seg(page, 2)).toContainText('music');

		await page.reload();
		await expect(seg(page, 1)).toHaveText('Segment 1: speech, 0:00.000–0:01.000');
		await expect(seg(page, 2)).toContainText('music');
		await seg(page, 2).click();
		await expect(page.getByLabel('Transcription of segment 2')).toHaveValue('la la la');
		await expectAxeClean(page, 'audio with a selected segment');

		await page
			.getByRole('navigation', { name: 'Project' })
			.getByRole('link', { name: 'Export' })
			.click();
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: /Download JSONL/ }).click();
		const rows = readFileSync(await (await download).path(), 'utf8')
			.trim()
			.split('\n')
			.map((l) => JSON.parse(l) as { annotations: { task: string }[] });
		expect(rows[0]?.annotations.map((x) => x.task).sort()).toEqual([
			'audio-segments-2',
			'transcription-3'
		]);
	});
});

test.describe('audio segments by touch on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('mark with buttons, delete, undo, reload', async ({ page, app }) => {
		await setup(page, app.url, 'Phone tones');
		await expectAxeClean(page, 'audio on a phone');
		await page.getByRole('button', { name: 'Mark start' }).tap();
		await page.getByRole('button', { name: 'Forward one second' }).tap();
		await page.getByRole('button', { name: 'Mark end' }).tap();
		await expect(seg(page, 1)).toHaveText('Segment 1: speech, 0:00.000–0:01.000');
		await seg(page, 1).tap();
		await page.getByRole('button', { name: 'Delete segment' }).tap();
		await expect(seg(page, 1)).toHaveCount(0);
		await page.getByRole('button', { name: 'Undo' }).tap();
		await expect(seg(page, 1)).toBeVisible();
		await shot(page, 'audio-phone');
		await page.reload();
		await expect(seg(page, 1)).toHaveText('Segment 1: speech, 0:00.000–0:01.000');
	});
});
