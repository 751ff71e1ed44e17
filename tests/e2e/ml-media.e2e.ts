/**
 * Media pre-labels as a user meets them, with the network off after the first load: spans
 * suggested after labeling a few items by keyboard, accepted with A (and undone); speech and
 * silence segments suggested for a generated WAV and accepted. Axe-clean, laptop and phone.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { csvFile, importFiles } from './pages';
import { mediaImport, projectNew, shot, taskAdd, wavMake } from './tools';

/** Four items to label (a person's name at token `nameAt`), then items where those names come back. */
const LABELED: [text: string, nameAt: number][] = [
	['Alice Moreau joined the team today.', 0],
	['Today Bruno Okafor sent the report.', 1],
	['The office called Chloe Tanaka twice.', 3],
	['Yesterday Dmitri Silva signed the contract.', 1]
];
const UNLABELED = [
	'Yesterday Alice Moreau met Bruno Okafor at noon.',
	'The budget was approved without questions.',
	'Chloe Tanaka wrote to Dmitri Silva again.'
];

async function offline(page: Page, context: BrowserContext): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	await context.setOffline(true);
}

const nav = (page: Page, name: string) =>
	page.getByRole('navigation', { name: 'Project' }).getByRole('link', { name, exact: true });

for (const device of [
	{ name: 'laptop', viewport: { width: 1280, height: 800 } },
	{ name: 'phone', viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true }
]) {
	test.describe(`media pre-labels on a ${device.name}`, () => {
		const { name: _n, ...use } = device;
		test.use(use);

		test('spans: label a few, train and suggest, accept with A, undo — offline', async ({
			page,
			context,
			app
		}) => {
			test.setTimeout(120_000);
			await page.goto(app.url);
			await welcome(page, 'Ada');
			await offline(page, context);
			await projectNew(page, 'People', '');
			await importFiles(
				page,
				[csvFile('people.csv', [...LABELED.map((x) => x[0]), ...UNLABELED])],
				{ textField: 'text' }
			);
			await expect(page.getByRole('heading', { name: 'Import finished' })).toBeVisible();
			await taskAdd(page, 'Text spans (NER, keywords)', 'Entities', ['PER', 'ORG']);

			// Before any span is labeled, the model says what it needs.
			await nav(page, 'Model').click();
			const entities = page.getByRole('region', { name: /^Entities/ });
			await entities.getByRole('button', { name: 'Train and suggest' }).click();
			await expect(entities.getByRole('alert')).toContainText('Label some spans in “Entities”');
			await expectAxeClean(page, 'model page with a spans task');

			// Label the person's name in the first four items by keyboard (arrows, Shift+arrow, 1).
			await nav(page, 'Label').click();
			for (const [text, at] of LABELED) {
				await expect(page.getByTestId('span-text')).toHaveText(text);
				await page.getByTestId('span-text').focus();
				for (let k = 0; k <= at; k++) await page.keyboard.press('ArrowRight');
				await page.keyboard.press('Shift+ArrowRight');
				await page.keyboard.press('1');
				await expect(page.getByRole('status').filter({ hasText: 'Labeled “' })).toContainText(
					`Labeled “${text
						.split(' ')
						.slice(at, at + 2)
						.join(' ')}” as PER`
				);
				await page.getByRole('button', { name: /^Next/ }).click();
			}

			await nav(page, 'Model').click();
			await entities.getByRole('button', { name: 'Train and suggest' }).click();
			await expect(entities.getByTestId('media-message')).toContainText(
				/Trained on 4 items .* Suggested spans for [23] of 3 unlabeled items/,
				{ timeout: 60_000 }
			);
			await expect(entities.getByTestId('media-count')).toContainText(/[23] suggestions/);
			await expectAxeClean(page, 'model page after suggesting');
			await shot(page, `ml-media-model-${device.name}`);

			// The first unlabeled item shows the suggestion; A accepts it as my spans.
			await nav(page, 'Label').click();
			await expect(page.getByTestId('span-text')).toHaveText(UNLABELED[0] as string);
			const sugg = page.getByTestId('media-suggestion');
			await expect(sugg).toContainText('suggests 2 spans (PER');
			await expectAxeClean(page, 'label page with a media suggestion');
			await shot(page, `ml-media-suggestion-${device.name}`);
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
			await page.keyboard.press('a');
			await expect(sugg).toHaveCount(0);
			const count = page.getByText(/^2 spans/);
			await count.click();
			const spans = page.getByRole('list', { name: 'Entities: spans' });
			await expect(spans).toContainText('PER: Alice Moreau');
			await expect(spans).toContainText('PER: Bruno Okafor');

			// Undo takes the accepted suggestion back, and the suggestion returns.
			await page.getByRole('button', { name: /^Undo/ }).click();
			await expect(count).toHaveCount(0);
			await expect(sugg).toBeVisible();
			await sugg.getByRole('button', { name: /^Accept/ }).click();
			await expect(page.getByText(/^2 spans/)).toBeVisible();
		});

		test('audio: speech and silence suggested for a WAV and accepted — offline', async ({
			page,
			context,
			app
		}) => {
			test.setTimeout(120_000);
			await page.goto(app.url);
			await welcome(page, 'Ada');
			await offline(page, context);
			await projectNew(page, 'Tones', '');
			await mediaImport(page, [{ name: 'tones.wav', mimeType: 'audio/wav', buffer: wavMake(2) }]);
			await taskAdd(page, 'Audio segments', 'Turns', ['speech', 'silence']);
			await nav(page, 'Model').click();
			const turns = page.getByRole('region', { name: /^Turns/ });
			await turns.getByRole('button', { name: 'Suggest', exact: true }).click();
			await expect(turns.getByTestId('media-message')).toContainText(
				'Suggested segments for 1 of 1 unlabeled items.',
				{ timeout: 60_000 }
			);
			await expectAxeClean(page, 'model page with an audio task');

			await nav(page, 'Label').click();
			const sugg = page.getByTestId('media-suggestion');
			await expect(sugg).toContainText('suggests 3 segments (2 speech, 1 silence)');
			await shot(page, `ml-media-audio-${device.name}`);
			await sugg.getByRole('button', { name: /^Accept/ }).click();
			await expect(sugg).toHaveCount(0);
			const seg = (n: number) => page.getByRole('button', { name: new RegExp(`^Segment ${n}:`) });
			await expect(seg(1)).toContainText(/speech, 0:00\.000–0:00\.6\d\d/);
			await expect(seg(2)).toContainText('silence');
			await expect(seg(3)).toContainText(/speech, 0:01\.3\d\d–0:02\.000/);
			await expectAxeClean(page, 'audio with accepted segments');
		});
	});
}

test.describe('image boxes from the COCO detector', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('weights load once online, are cached, and the detector runs again offline', async ({
		page,
		context,
		app
	}) => {
		test.setTimeout(180_000);
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await projectNew(page, 'Street', '');
		await mediaImport(page, [
			{
				name: 'samples.jpg',
				mimeType: 'image/jpeg',
				buffer: readFileSync('node_modules/@vladmandic/human/assets/samples.jpg')
			}
		]);
		await taskAdd(page, 'Bounding boxes', 'Objects', ['Pedestrian', 'car']);
		await nav(page, 'Model').click();
		const objects = page.getByRole('region', { name: /^Objects/ });
		await expect(
			objects.getByText(/COCO classes → labels \(2 mapped: person, car\)/)
		).toBeVisible();
		await objects.getByRole('button', { name: 'Suggest', exact: true }).click();
		await expect(objects.getByTestId('media-message')).toContainText(
			'Suggested boxes for 1 of 1 unlabeled images.',
			{ timeout: 90_000 }
		);
		// The worker's weight files went through the service worker into its runtime cache.
		const cached = await page.evaluate(async () => {
			const c = await caches.open('quorum-ml-weights');
			return (await c.keys()).map((r) => new URL(r.url).pathname.split('/').pop());
		});
		expect(cached.some((n) => n?.startsWith('centernet'))).toBe(true);

		// Offline, after a reload (a new worker): the detector loads its weights from the cache.
		await context.setOffline(true);
		await page.reload();
		await objects.getByRole('button', { name: 'Clear suggestions' }).click();
		await objects.getByRole('button', { name: 'Suggest', exact: true }).click();
		await expect(objects.getByTestId('media-message')).toContainText(
			'Suggested boxes for 1 of 1 unlabeled images.',
			{ timeout: 90_000 }
		);
		await expectAxeClean(page, 'model page with a boxes task');
		await shot(page, 'ml-media-boxes-model');
		await nav(page, 'Label').click();
		const sugg = page.getByTestId('media-suggestion');
		await expect(sugg).toContainText(/suggests \d+ box(es)? \(Pedestrian 0\.\d\d/);
		await page.keyboard.press('a');
		await expect(sugg).toHaveCount(0);
		await expectAxeClean(page, 'image with accepted boxes');
		await shot(page, 'ml-media-boxes-label');
	});
});

/** A 64×64 PNG of one colour with seeded noise, drawn in the page. */
/** `n` PNG files alternating red-0.png, blue-1.png, … (each with its own noise). */
async function redBluePngs(
	page: Page,
	n: number
): Promise<{ name: string; mimeType: string; buffer: Buffer }[]> {
	const files = [];
	for (let i = 0; i < n; i++) {
		const red = i % 2 === 0;
		files.push({
			name: `${red ? 'red' : 'blue'}-${i}.png`,
			mimeType: 'image/png',
			buffer: await solidPng(page, red ? [200, 40, 40] : [40, 60, 200], i + 1)
		});
	}
	return files;
}

async function solidPng(page: Page, rgb: number[], seed: number): Promise<Buffer> {
	const bytes = await page.evaluate(
		async ({ rgb, seed }) => {
			const c = new OffscreenCanvas(64, 64);
			const g = c.getContext('2d') as OffscreenCanvasRenderingContext2D;
			const img = g.createImageData(64, 64);
			let s = seed;
			for (let i = 0; i < img.data.length; i += 4) {
				s = (s * 1103515245 + 12345) >>> 0;
				const n = ((s >>> 16) % 60) - 30;
				for (let k = 0; k < 3; k++) img.data[i + k] = (rgb[k] as number) + n;
				img.data[i + 3] = 255;
			}
			g.putImageData(img, 0, 0);
			const blob = await c.convertToBlob({ type: 'image/png' });
			return [...new Uint8Array(await blob.arrayBuffer())];
		},
		{ rgb, seed }
	);
	return Buffer.from(bytes);
}

test.describe('image labels for the first classification task', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('the image model suggests, A accepts for that task; after a reload offline the saved model suggests without training', async ({
		page,
		context,
		app
	}) => {
		test.setTimeout(300_000);
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Colours', 'Red, Blue');
		await mediaImport(page, await redBluePngs(page, 8));

		// Label four images by keyboard (1 = Red, 2 = Blue), reading each one's name.
		await nav(page, 'Label').click();
		const image = page.getByTestId('item-image');
		for (let i = 0; i < 4; i++) {
			const name = (await image.getAttribute('alt')) ?? '';
			await page.keyboard.press(name.startsWith('red') ? '1' : '2');
			await expect(page.getByTestId('done-count')).toHaveText(String(i + 1));
			await expect(image).not.toHaveAttribute('alt', name);
		}

		// The image model of the task trains on them and suggests for the other four.
		await nav(page, 'Model').click();
		const colours = page.getByRole('region', { name: /^Label · image labels/ });
		await colours.getByRole('button', { name: 'Train and suggest' }).click();
		await expect(colours.getByTestId('media-message')).toContainText(
			/Trained on 4 images .* Suggested a label for 4 of 4 unlabeled images/,
			{ timeout: 150_000 }
		);
		await expect(colours.getByTestId('media-saved')).toContainText(
			'Saved model: trained on 4 images'
		);

		// In the label view the suggestion names the image model; the media view above the image
		// shows none for this task. A accepts it as my answer to this task.
		await nav(page, 'Label').click();
		const name = (await image.getAttribute('alt')) ?? '';
		const want = name.startsWith('red') ? 'Red' : 'Blue';
		const sugg = page.getByTestId('suggestion');
		await expect(sugg).toContainText(`Suggestion: ${want}`);
		await expect(sugg.getByTestId('suggestion-from')).toContainText(
			/Image model trained on 4 images, /
		);
		await expect(page.getByTestId('media-suggestion')).toHaveCount(0);
		await expectAxeClean(page, 'label page with an image-label suggestion');
		await shot(page, 'ml-media-image-label-suggestion');
		// A accepts it and moves on (auto-advance); the next image has its own suggestion.
		await page.keyboard.press('a');
		await expect(page.getByTestId('done-count')).toHaveText('5');
		await expect(image).not.toHaveAttribute('alt', name);
		await expect(sugg).toHaveCount(1);
		// Back on the accepted image: my answer is the suggested label, the suggestion is gone.
		await page.keyboard.press('ArrowLeft');
		await expect(image).toHaveAttribute('alt', name);
		await expect(sugg).toHaveCount(0);
		await expect(page.getByRole('button', { name: want, exact: true })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(page.getByText('Your answer is an accepted suggestion')).toBeVisible();
		await page.keyboard.press('ArrowRight');
		await expect(image).not.toHaveAttribute('alt', name);

		// Offline, after a reload (a new page and worker): the saved model is offered and reused.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await context.setOffline(true);
		await nav(page, 'Model').click();
		await page.reload();
		await expect(colours.getByTestId('media-saved')).toContainText(
			'Suggest uses it without training'
		);
		await colours.getByRole('button', { name: 'Clear suggestions' }).click();
		await expect(colours.getByTestId('media-count')).toContainText('0 suggestions');
		await expect(colours.getByRole('button', { name: 'Train again' })).toBeVisible();
		await colours.getByRole('button', { name: 'Suggest', exact: true }).click();
		await expect(colours.getByTestId('media-message')).toContainText(
			/Used the saved model \(trained on 4 images .*, no training\)\. Suggested a label for 3 of 3 unlabeled images/,
			{ timeout: 150_000 }
		);
		await expectAxeClean(page, 'model page with a saved image model');
		await shot(page, 'ml-media-image-saved-model');
		await nav(page, 'Label').click();
		await expect(sugg).toContainText('Suggestion:');
		await expect(sugg.getByTestId('suggestion-from')).toContainText(
			/Image model trained on 4 images, /
		);
	});
});

for (const device of [
	{ name: 'laptop', viewport: { width: 1280, height: 800 } },
	{ name: 'phone', viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true }
]) {
	test.describe(`two models for one task of an image with a caption, on a ${device.name}`, () => {
		const { name: _n, ...use } = device;
		test.use(use);

		test('the text and the image model each keep their suggestion; A takes the most confident, the other can be chosen', async ({
			page,
			app
		}) => {
			test.setTimeout(300_000);
			await page.goto(app.url);
			const media: Record<string, Buffer> = {};
			const rows: string[] = [];
			const caption = (i: number) =>
				i % 2 === 0 ? `a ripe tomato, bright red, number ${i}` : `the deep blue sea, number ${i}`;
			for (let i = 0; i < 14; i++) {
				const red = i % 2 === 0;
				media[`c${i}.png`] = await solidPng(page, red ? [200, 40, 40] : [40, 60, 200], i + 1);
				rows.push(`https://media.example/c${i}.png,"${caption(i)}"`);
			}
			await page.route('https://media.example/**', (route) => {
				const body = media[new URL(route.request().url()).pathname.slice(1)];
				if (!body) return route.fulfill({ status: 404 });
				return route.fulfill({
					status: 200,
					contentType: 'image/png',
					body,
					headers: { 'access-control-allow-origin': '*' }
				});
			});
			await welcome(page, 'Ada');
			await projectNew(page, 'Pairs', 'Red, Blue');
			await page.getByLabel('Read a CSV or JSONL file').setInputFiles({
				name: 'pairs.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from(`image,caption\n${rows.join('\n')}\n`)
			});
			await expect(page.getByTestId('media-result')).toContainText('14 media items added');

			// Label ten pairs by keyboard (1 = Red, 2 = Blue), reading each caption.
			await nav(page, 'Label').click();
			const text = page.getByText(/number \d+$/);
			for (let i = 0; i < 10; i++) {
				const t = (await text.textContent()) ?? '';
				await page.keyboard.press(t.includes('tomato') ? '1' : '2');
				await expect(page.getByTestId('done-count')).toHaveText(String(i + 1));
				await expect(text).not.toHaveText(t);
			}

			// Both models of the task learn: the text model from the captions, the image model from
			// the images. Every suggestion of the text model at or above 50% is shown.
			await nav(page, 'Model').click();
			const slider = page.getByLabel(/^Suggest only at or above \d+% confidence/);
			await slider.focus();
			await page.keyboard.press('ArrowLeft');
			await page.keyboard.press('ArrowLeft');
			await expect(page.getByText('Suggest only at or above 50% confidence')).toBeVisible();
			await page.getByRole('button', { name: 'Train model' }).click();
			await expect(page.getByTestId('model-info')).toContainText('Trained on 10 items', {
				timeout: 90_000
			});
			const images = page.getByRole('region', { name: /^Label · image labels/ });
			await images.getByRole('button', { name: 'Train and suggest' }).click();
			await expect(images.getByTestId('media-message')).toContainText(
				/Trained on 10 images .* Suggested a label for 4 of 4 unlabeled images/,
				{ timeout: 150_000 }
			);
			// The image model's run left the text model's suggestions: both are counted apart.
			await expect(images.getByTestId('media-count')).toContainText('4 suggestions');
			await expect(page.getByTestId('suggested-count')).toContainText(/^4 unlabeled items/);

			// Each model's suggestion for the next pair, most confident first, naming its model.
			await nav(page, 'Label').click();
			const sugg = page.getByTestId('suggestion');
			const options = sugg.getByTestId('suggestion-option');
			await expect(options).toHaveCount(2);
			const froms = await sugg.getByTestId('suggestion-from').allTextContents();
			expect(froms.some((f) => /Text model trained /.test(f))).toBe(true);
			expect(froms.some((f) => /Image model trained on 10 images, /.test(f))).toBe(true);
			const conf = async () =>
				(await options.locator('.conf').allTextContents()).map((c) => parseInt(c, 10));
			const [first, second] = await conf();
			expect(first).toBeGreaterThanOrEqual(second as number);
			await expectAxeClean(page, 'label page with two models suggesting');
			await shot(page, `ml-two-models-${device.name}`);

			// A accepts the most confident.
			await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
			const shown = (await text.textContent()) ?? '';
			await page.keyboard.press('a');
			await expect(page.getByTestId('done-count')).toHaveText('11');
			await expect(text).not.toHaveText(shown);
			await page.keyboard.press('ArrowLeft');
			await expect(text).toHaveText(shown);
			await expect(sugg).toHaveCount(0);
			await expect(page.getByText('Your answer is an accepted suggestion')).toContainText(
				`(${first}% confident)`
			);

			// On the next pair, the less confident one is chosen with its own Accept.
			await page.keyboard.press('ArrowRight');
			await expect(text).not.toHaveText(shown);
			const next = (await text.textContent()) ?? '';
			await expect(options).toHaveCount(2);
			const [, other] = await conf();
			await options
				.nth(1)
				.getByRole('button', { name: /^Accept/ })
				.click();
			await expect(page.getByTestId('done-count')).toHaveText('12');
			await page.keyboard.press('ArrowLeft');
			await expect(text).toHaveText(next);
			await expect(page.getByText('Your answer is an accepted suggestion')).toContainText(
				`(${other}% confident)`
			);

			// Clearing the image model's suggestions leaves the text model's.
			await nav(page, 'Model').click();
			await images.getByRole('button', { name: 'Clear suggestions' }).click();
			await expect(images.getByTestId('media-count')).toContainText('0 suggestions');
			await nav(page, 'Label').click();
			await expect(options).toHaveCount(1);
			await expect(sugg.getByTestId('suggestion-from')).toContainText('Text model trained');
		});
	});
}

/**
 * A tiny TF.js layers model (model.json + weights): the mean colour of an 8×8 image, then a
 * softmax that says “reddish” when red outweighs blue and “bluish” otherwise.
 */
function tinyColourModel(): { json: Buffer; weights: Buffer } {
	const dense = {
		name: 'd',
		trainable: true,
		dtype: 'float32',
		units: 2,
		activation: 'softmax',
		use_bias: true,
		kernel_initializer: { class_name: 'Zeros', config: {} },
		bias_initializer: { class_name: 'Zeros', config: {} },
		kernel_regularizer: null,
		bias_regularizer: null,
		activity_regularizer: null,
		kernel_constraint: null,
		bias_constraint: null
	};
	const model = {
		format: 'layers-model',
		generatedBy: 'quorum-e2e',
		convertedBy: null,
		modelTopology: {
			class_name: 'Sequential',
			config: {
				name: 'tiny',
				layers: [
					{
						class_name: 'GlobalAveragePooling2D',
						config: {
							name: 'gap',
							trainable: true,
							batch_input_shape: [null, 8, 8, 3],
							dtype: 'float32',
							data_format: 'channels_last'
						}
					},
					{ class_name: 'Dense', config: dense }
				]
			},
			keras_version: 'tfjs-layers 4.22.0',
			backend: 'tensor_flow.js'
		},
		weightsManifest: [
			{
				paths: ['tiny.weights.bin'],
				weights: [
					{ name: 'd/kernel', shape: [3, 2], dtype: 'float32' },
					{ name: 'd/bias', shape: [2], dtype: 'float32' }
				]
			}
		],
		userDefinedMetadata: { classes: ['reddish', 'bluish'] }
	};
	const w = new Float32Array([6, -6, 0, 0, -6, 6, 0, 0]);
	return {
		json: Buffer.from(JSON.stringify(model)),
		weights: Buffer.from(w.buffer)
	};
}

test.describe('bring a model, on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('load a TF.js model from files, map its classes, suggest and accept; it stays after a reload offline', async ({
		page,
		context,
		app
	}) => {
		test.setTimeout(240_000);
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Colours', 'Red, Blue');
		await mediaImport(page, await redBluePngs(page, 4));

		await nav(page, 'Model').click();
		const region = page.getByRole('region', { name: /^Label · image labels/ });
		await page.getByText('Bring your own image model').click();
		await page.getByLabel('Model name').fill('tiny');
		const { json, weights } = tinyColourModel();
		await page.getByLabel('Files: model.json and weights').setInputFiles([
			{ name: 'model.json', mimeType: 'application/json', buffer: json },
			{ name: 'tiny.weights.bin', mimeType: 'application/octet-stream', buffer: weights }
		]);
		await page.getByRole('button', { name: 'Load model' }).click();
		await expect(page.getByRole('status').filter({ hasText: 'Loaded “tiny”' })).toContainText(
			'Loaded “tiny”: 2 classes (reddish, bluish), input 8×8.',
			{ timeout: 60_000 }
		);
		await expectAxeClean(page, 'model page with a loaded model on a phone');
		// Nothing of the Model page is wider than the phone.
		const wide = await page.evaluate(() => {
			// The innermost elements reaching past the phone's width, and how far.
			const over = (e: Element) => e.getBoundingClientRect().right > 376;
			return [...document.querySelectorAll('body *')]
				.filter((e) => over(e) && ![...e.children].some(over))
				.map((e) => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().right}`)
				.slice(0, 8);
		});
		expect(wide).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await shot(page, 'ml-byo-loaded-phone');

		// Choose it for the task and map its classes to the labels.
		await region.getByLabel(/^Model/).selectOption({ label: 'Your model: tiny' });
		await region.getByLabel('Label for class reddish').selectOption({ label: 'Red' });
		await region.getByLabel('Label for class bluish').selectOption({ label: 'Blue' });
		await region.getByRole('button', { name: 'Suggest', exact: true }).click();
		await expect(region.getByTestId('media-message')).toContainText(
			'Suggested a label for 4 of 4 unlabeled images.',
			{ timeout: 90_000 }
		);
		await shot(page, 'ml-byo-suggested-phone');

		// The label view names the model; A accepts its label.
		await nav(page, 'Label').click();
		const image = page.getByTestId('item-image');
		const name = (await image.getAttribute('alt')) ?? '';
		const sugg = page.getByTestId('suggestion');
		await expect(sugg).toContainText(name.startsWith('red') ? 'Red' : 'Blue');
		await expect(sugg.getByTestId('suggestion-from')).toContainText('Your model “tiny”');
		await expectAxeClean(page, 'label page with a suggestion of a loaded model on a phone');
		await shot(page, 'ml-byo-label-phone');
		await page.keyboard.press('a');
		await expect(page.getByTestId('done-count')).toHaveText('1');

		// Offline, after a reload: the model is still on this device and suggests again.
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await context.setOffline(true);
		await nav(page, 'Model').click();
		await page.reload();
		await region.getByRole('button', { name: 'Clear suggestions' }).click();
		await region.getByRole('button', { name: 'Suggest', exact: true }).click();
		await expect(region.getByTestId('media-message')).toContainText(
			'Suggested a label for 3 of 3 unlabeled images.',
			{ timeout: 90_000 }
		);
	});
});
