/**
 * Interop formats as a user meets them (issue 9): a Label Studio export imported and exported back
 * keeps every annotation; a zip of images with COCO boxes imports media and boxes together and
 * exports as YOLO with the images; CoNLL export; an encrypted export re-imported with its
 * passphrase (and refused with a wrong one); a malformed file names file, place and reason and
 * imports nothing. Screenshots of the import preview and the export page on a laptop and a phone.
 */
import { readFileSync } from 'node:fs';
import { unzipSync, zipSync } from 'fflate';
import type { FileChooser, Locator, Page } from '@playwright/test';
import { expect, expectAxeClean, test, welcome } from './fixtures';
import { pngMake, projectNew, shot } from './tools';

const LS = 'tests/fixtures/interop/label-studio.json';
const LS_DIR = 'tests/fixtures/interop/ls-images';
const LS_IMAGES = `${LS_DIR}/label-studio-images.json`;

type LsResult = { from_name: string; type: string; value: Record<string, unknown> };
/** Every Label Studio result as (task data, who, from_name, type, value), numbers rounded. */
function lsResults(json: string): string[] {
	const tasks = JSON.parse(json) as {
		data: Record<string, unknown>;
		annotations: { completed_by: unknown; result: LsResult[] }[];
		predictions: { model_version: string; score: number; result: LsResult[] }[];
	}[];
	const round = (v: unknown): unknown =>
		typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : Array.isArray(v) ? v.map(round) : v;
	const out: string[] = [];
	for (const t of tasks) {
		const key = String(t.data.text ?? t.data.image);
		const add = (who: string, r: LsResult) => {
			const v = Object.fromEntries(
				Object.entries(r.value)
					.filter(([k]) => k !== 'width' || r.type !== 'keypointlabels')
					.map(([k, x]) => [k, round(x)])
			);
			out.push(JSON.stringify([key, who, r.from_name, r.type, v]));
		};
		for (const a of t.annotations ?? []) {
			const c = a.completed_by;
			const who = String(typeof c === 'object' && c ? (c as { id: number }).id : c);
			a.result.forEach((r) => add(who, r));
		}
		for (const p of t.predictions ?? [])
			p.result.forEach((r) => add(`${p.model_version}@${p.score}`, r));
	}
	return out.sort();
}

async function pick(page: Page, files: Parameters<Page['setInputFiles']>[1]): Promise<void> {
	await page.getByLabel('Files to import', { exact: true }).setInputFiles(files);
}

/** A new project with the path-only Label Studio export picked: its preview and Images box. */
async function lsImagesPicked(page: Page, url: string, project: string) {
	await page.goto(url);
	await welcome(page, 'Ada');
	await projectNew(page, project, 'a, b');
	await pick(page, LS_IMAGES);
	const preview = page.getByRole('region', { name: 'Preview: label-studio-images.json' });
	return { preview, images: preview.getByRole('region', { name: 'Images' }) };
}

/** Adds `files` through the Images box's button and file chooser. */
async function imagesAdd(
	page: Page,
	images: Locator,
	files: Parameters<FileChooser['setFiles']>[0]
): Promise<void> {
	const chooser = page.waitForEvent('filechooser');
	await images.getByRole('button', { name: 'Add images or a zip…' }).click();
	await (await chooser).setFiles(files);
}

/**
 * After a reload, COCO with the images: street, park and beach byte for byte, four images and the
 * street car's box. Returns the annotations file for more checks.
 */
async function lsImagesCocoCheck(page: Page) {
	await page.reload();
	const coco = await exportFile(page, /^COCO/, {
		which: 'Each annotator’s raw labels',
		media: true
	});
	const files = unzipSync(new Uint8Array(coco.bytes));
	for (const n of ['street.jpg', 'park.jpg', 'beach.png'])
		expect(
			Buffer.from(files[`images/${n}`] as Uint8Array).equals(readFileSync(`${LS_DIR}/images/${n}`)),
			n
		).toBe(true);
	const doc = JSON.parse(new TextDecoder().decode(files['annotations.json'])) as {
		images: { file_name: string }[];
		annotations: { bbox: number[]; segmentation: number[][] }[];
	};
	expect(doc.images).toHaveLength(4);
	expect(doc.annotations.map((a) => a.bbox)).toContainEqual([96, 180, 128, 120]);
	return doc;
}

async function exportFile(
	page: Page,
	format: RegExp,
	opts: { which?: string; media?: boolean; passphrase?: string } = {}
): Promise<{ name: string; bytes: Buffer }> {
	await page.getByRole('link', { name: 'Export', exact: true }).click();
	await page.getByRole('radio', { name: format }).check();
	if (opts.which) await page.getByRole('radio', { name: opts.which }).check();
	if (opts.media) await page.getByLabel(/Include the images/).check();
	if (opts.passphrase) {
		await page.getByLabel(/Encrypt the file/).check();
		await page.getByLabel('Passphrase (at least 8 characters)').fill(opts.passphrase);
		await page.getByLabel('Passphrase again').fill(opts.passphrase);
	}
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: /^Download / }).click()
	]);
	await expect(page.getByText(/^Exported \d+ items to /)).toBeVisible();
	return {
		name: download.suggestedFilename(),
		bytes: readFileSync((await download.path()) as string)
	};
}

/** A zip of two generated images with COCO boxes (car ×2 on street.png, person on people.png). */
async function cocoZip(page: Page): Promise<{ zip: Buffer; street: Buffer }> {
	const street = await pngMake(page, 400, 300, 1);
	const people = await pngMake(page, 400, 300, 2);
	const coco = {
		images: [
			{ id: 1, file_name: 'street.png', width: 400, height: 300 },
			{ id: 2, file_name: 'people.png', width: 400, height: 300 }
		],
		categories: [
			{ id: 1, name: 'car' },
			{ id: 2, name: 'person' }
		],
		annotations: [
			{ id: 1, image_id: 1, category_id: 1, bbox: [40, 60, 100, 80] },
			{ id: 2, image_id: 1, category_id: 1, bbox: [200, 100, 60, 40] },
			{ id: 3, image_id: 2, category_id: 2, bbox: [10, 20, 30, 120] }
		]
	};
	const zip = Buffer.from(
		zipSync({
			'images/street.png': street,
			'images/people.png': people,
			'annotations/instances.json': new TextEncoder().encode(JSON.stringify(coco))
		})
	);
	return { zip, street };
}

/** Imports the COCO zip and opens the Label page on its first image. */
async function importedToLabel(page: Page): Promise<void> {
	const { zip } = await cocoZip(page);
	await pick(page, { name: 'streets.zip', mimeType: 'application/zip', buffer: zip });
	await page
		.getByRole('region', { name: 'Preview: streets.zip' })
		.getByRole('button', { name: 'Import', exact: true })
		.click();
	await page.getByRole('link', { name: 'Start labeling' }).click();
	await expect(page.getByTestId('image-stage')).toBeVisible();
}

test.describe('interop on a laptop', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('Label Studio round trip, CoNLL export, encrypted export re-imported', async ({
		page,
		app
	}) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Reviews', 'Positive, Negative');
		await pick(page, LS);
		const preview = page.getByRole('region', { name: 'Preview: label-studio.json' });
		await expect(preview).toBeVisible();
		await expect(preview.getByText('Label Studio. Nothing is written')).toBeVisible();
		const perTask = preview.getByRole('table', { name: 'Annotations per task' });
		await expect(perTask.getByRole('row', { name: /sentiment.*classification/ })).toBeVisible();
		await expect(perTask.getByRole('row', { name: /objects.*boxes/ })).toBeVisible();
		await expectAxeClean(page, 'import preview');
		await shot(page, 'interop-import-preview-laptop');

		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		const done = page.getByRole('region', { name: 'Imported label-studio.json' });
		await expect(done.getByRole('status')).toContainText('2 items added');
		await expect(done.getByRole('status')).toContainText('8 annotations');

		// Exported back (raw labels), every annotation and prediction is there as it was.
		const ls = await exportFile(page, /Label Studio JSON/, {
			which: 'Each annotator’s raw labels'
		});
		expect(ls.name).toMatch(/\.label-studio\.json$/);
		const want = lsResults(readFileSync(LS, 'utf8'));
		expect(want.length).toBeGreaterThan(8);
		expect(lsResults(ls.bytes.toString('utf8'))).toEqual(want);
		await expectAxeClean(page, 'export page');
		await shot(page, 'interop-export-laptop');

		// CoNLL of the spans task: one token a line, IOB2 tags.
		const conll = (
			await exportFile(page, /CoNLL IOB2/, { which: 'Each annotator’s raw labels' })
		).bytes.toString('utf8');
		expect(conll).toContain('# text = Great food and the best Margherita in town.');
		expect(conll).toMatch(/^Great\tB-Aspect$/m);
		expect(conll).toMatch(/^food\tI-Aspect$/m);
		expect(conll).toMatch(/^Margherita\tB-Dish$/m);

		// Encrypted export: no plain text inside; re-imported in a new project with the passphrase.
		const sealed = await exportFile(page, /Label Studio JSON/, {
			which: 'Each annotator’s raw labels',
			passphrase: 'correct horse battery'
		});
		expect(sealed.name).toMatch(/\.label-studio\.json\.qsealed$/);
		expect(sealed.bytes.includes(Buffer.from('Margherita'))).toBe(false);
		await page.goto(app.url);
		await projectNew(page, 'Reviews copy', 'Positive, Negative');
		await pick(page, {
			name: sealed.name,
			mimeType: 'application/octet-stream',
			buffer: sealed.bytes
		});
		const enc = page.getByRole('region', { name: 'Encrypted file' });
		await enc.getByLabel('Passphrase').fill('wrong horse battery');
		await enc.getByRole('button', { name: 'Open' }).click();
		await expect(enc.getByRole('alert')).toContainText('passphrase is wrong');
		await expect(enc.getByRole('alert')).toContainText('Nothing was imported');
		await enc.getByLabel('Passphrase').fill('correct horse battery');
		await enc.getByRole('button', { name: 'Open' }).click();
		const p2 = page.getByRole('region', { name: /^Preview: .*\.label-studio\.json$/ });
		await p2.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByText(/8 annotations/)).toBeVisible();
		const back = await exportFile(page, /Label Studio JSON/, {
			which: 'Each annotator’s raw labels'
		});
		expect(lsResults(back.bytes.toString('utf8'))).toEqual(want);
	});

	test('a zip of images with COCO boxes imports both; YOLO export with the images', async ({
		page,
		app
	}) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Streets', 'outdoor, indoor');
		const street = await pngMake(page, 400, 300, 1);
		const people = await pngMake(page, 400, 300, 2);
		const coco = {
			images: [
				{ id: 1, file_name: 'street.png', width: 400, height: 300 },
				{ id: 2, file_name: 'people.png', width: 400, height: 300 }
			],
			categories: [
				{ id: 1, name: 'car' },
				{ id: 2, name: 'person' }
			],
			annotations: [
				{ id: 1, image_id: 1, category_id: 1, bbox: [40, 60, 100, 80] },
				{ id: 2, image_id: 1, category_id: 1, bbox: [200, 100, 60, 40] },
				{ id: 3, image_id: 2, category_id: 2, bbox: [10, 20, 30, 120] }
			]
		};
		const zip = Buffer.from(
			zipSync({
				'images/street.png': street,
				'images/people.png': people,
				'images/broken.png': new Uint8Array(street.subarray(0, 80)),
				'annotations/instances.json': new TextEncoder().encode(JSON.stringify(coco))
			})
		);
		await pick(page, { name: 'streets.zip', mimeType: 'application/zip', buffer: zip });
		const preview = page.getByRole('region', { name: 'Preview: streets.zip' });
		await expect(preview.getByText('2 new items (2 with their media)')).toBeVisible();
		await expect(preview.getByRole('row', { name: /Boxes.*boxes.*2.*3/ })).toBeVisible();
		await expect(preview.getByText(/streets\.zip\/images\/broken\.png, file/)).toBeVisible();
		await expect(preview.getByRole('row', { name: /car.*2/ })).toBeVisible();
		await preview.getByRole('button', { name: 'Import', exact: true }).click();

		// The first image is shown with its imported boxes.
		const sample = page.getByTestId('import-sample');
		await expect(sample.locator('rect')).toHaveCount(2);
		await expect(page.getByText('street.png: 2 boxes (car, car)')).toBeVisible();
		await expect(sample.locator('rect').first()).toHaveAttribute('x', '40');
		await expect(sample.locator('rect').first()).toHaveAttribute('width', '100');
		await shot(page, 'interop-zip-imported-laptop');

		// Stored for good: after a reload, YOLO with the images holds the same boxes.
		await page.reload();
		const yolo = await exportFile(page, /^YOLO/, {
			which: 'Each annotator’s raw labels',
			media: true
		});
		expect(yolo.name).toMatch(/\.yolo\.zip$/);
		const files = unzipSync(new Uint8Array(yolo.bytes));
		const text = (n: string) => new TextDecoder().decode(files[n]);
		expect(Object.keys(files).sort()).toEqual([
			'classes.txt',
			'images/people.png',
			'images/street.png',
			'raw/import%3Acoco/labels/people.txt',
			'raw/import%3Acoco/labels/street.txt'
		]);
		expect(text('classes.txt')).toBe('car\nperson\n');
		expect(text('raw/import%3Acoco/labels/street.txt')).toBe(
			'0 0.225 0.333333 0.25 0.266667\n0 0.575 0.4 0.15 0.133333\n'
		);
		expect(text('raw/import%3Acoco/labels/people.txt')).toBe('1 0.0625 0.266667 0.075 0.4\n');
		expect(Buffer.from(files['images/street.png'] as Uint8Array).equals(street)).toBe(true);
	});

	test('Label Studio images named by a path: the user adds the images, matched by name', async ({
		page,
		app
	}) => {
		// Listen for the file chooser from the start: Playwright turns the browser's file-chooser
		// interception on without waiting when the first listener comes, and the one key press below
		// could reach the page first; the chooser then went to the (headless, cancelled) native
		// dialog and never came (a clean-clone run under load). A click takes several round trips
		// to the page before it presses, so imagesAdd does not race.
		const chooser = page.waitForEvent('filechooser');
		const { preview, images } = await lsImagesPicked(page, app.url, 'Uploads');
		await expect(images.getByText('4 items need their images')).toBeVisible();
		await expect(images.getByText('/data/upload/3/8f2c1e4a-street.jpg')).toBeVisible();

		// Files by keyboard: the button opens the file chooser; street.jpg matches 8f2c1e4a-street.jpg.
		await images.getByRole('button', { name: 'Add images or a zip…' }).focus();
		await page.keyboard.press('Enter');
		await (await chooser).setFiles([`${LS_DIR}/images/street.jpg`]);
		const match = images.getByTestId('media-match');
		await expect(match).toHaveText('1 matched · 3 still without media');
		// A zip with two more, and an image no task names.
		const other = await pngMake(page, 50, 40, 9);
		const zip = Buffer.from(
			zipSync({
				'photos/park.jpg': readFileSync(`${LS_DIR}/images/park.jpg`),
				'photos/beach.png': readFileSync(`${LS_DIR}/images/beach.png`),
				'photos/other.png': other
			})
		);
		await imagesAdd(page, images, [
			{ name: 'photos.zip', mimeType: 'application/zip', buffer: zip }
		]);
		await expect(match).toHaveText(
			'3 matched · 1 still without media · 1 file matched nothing (not imported)'
		);
		await images.getByText('Matched (3)').click();
		await expect(images.getByRole('list', { name: 'Matched images' })).toHaveText(
			[
				'/data/upload/3/8f2c1e4a-street.jpg ← street.jpg',
				's3://quorum-demo/photos/park.jpg ← photos.zip/photos/park.jpg',
				'images/beach.png ← photos.zip/photos/beach.png'
			].join('')
		);
		await expect(images.getByRole('list', { name: 'Items still without media' })).toHaveText(
			'/data/upload/3/0b1d2c3e-lake.jpg'
		);
		await images.getByText('Not imported (1)').click();
		await expect(images.getByText('photos.zip/photos/other.png (no item names it)')).toBeVisible();
		await expect(preview.getByText('4 new items (3 with their media)')).toBeVisible();
		await expectAxeClean(page, 'add images to an import');
		await shot(page, 'interop-add-media-laptop');

		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByText(/4 items added/)).toBeVisible();
		await expect(page.getByText('street.jpg: 1 box (Car)')).toBeVisible();

		// The media are stored: COCO with the images holds the three files, byte for byte.
		const doc = await lsImagesCocoCheck(page);
		expect(doc.images.map((i) => i.file_name)).toEqual(
			expect.arrayContaining(['street.jpg', 'park.jpg', 'beach.png'])
		);
		expect(doc.annotations.map((a) => a.segmentation[0])).toContainEqual([
			320, 120, 480, 120, 400, 300
		]);
	});

	test('Label Studio items imported without their images get them when the export comes again with them', async ({
		page,
		app
	}) => {
		// First import, without the images: four items kept by their paths.
		const { preview, images } = await lsImagesPicked(page, app.url, 'Uploads again');
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByText(/4 items added/)).toBeVisible();
		const before = lsResults(
			new TextDecoder().decode((await exportFile(page, /Label Studio JSON/)).bytes)
		);
		expect(before).toHaveLength(4);

		// The same export again: the four items are found; their images are not on this device.
		await page.getByRole('link', { name: 'Import', exact: true }).click();
		await pick(page, LS_IMAGES);
		const figures = preview.getByRole('list', { name: 'What the import adds' });
		await expect(figures).toContainText('4 items of the project matched');
		await expect(figures).toContainText('0 new items');
		await expect(figures).toContainText(
			'4 matched items have no images on this device yet (add them below)'
		);
		await expect(images.getByText('4 items need their images')).toBeVisible();
		await imagesAdd(page, images, [
			`${LS_DIR}/images/street.jpg`,
			`${LS_DIR}/images/park.jpg`,
			`${LS_DIR}/images/beach.png`
		]);
		await expect(images.getByTestId('media-match')).toHaveText('3 matched · 1 still without media');
		await expect(preview.getByTestId('attach-count')).toHaveText(
			'3 existing items get their images (their labels stay as they are)'
		);
		await expect(figures).toContainText('1 matched item has no image on this device yet');
		await expectAxeClean(page, 'existing items get their images');
		await shot(page, 'interop-reimport-media-laptop');
		await page.setViewportSize({ width: 375, height: 667 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await expectAxeClean(page, 'existing items get their images on a phone');
		await shot(page, 'interop-reimport-media-phone');
		await page.setViewportSize({ width: 1280, height: 800 });
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		const status = page.getByRole('status').filter({ hasText: 'items added' });
		await expect(status).toContainText('0 items added · 0 annotations');
		await expect(status).toContainText('3 existing items got their images');
		await expect(status).not.toContainText('duplicates');
		await expect(page.getByText('street.jpg: 1 box (Car)')).toBeVisible();

		// After a reload: still four items, the same labels, and the three images byte for byte.
		await lsImagesCocoCheck(page);
		// The same results; an item with its image is named by its file name (as when the images
		// come with the first import), the lake still by its path.
		const byName = (rs: string[]) =>
			rs
				.map((r) => {
					const x = JSON.parse(r) as unknown[];
					const name = (String(x[0]).split('/').pop() as string).replace(/^[0-9a-f]{8}-/, '');
					return JSON.stringify([name, ...x.slice(1)]);
				})
				.sort();
		const after = lsResults(
			new TextDecoder().decode((await exportFile(page, /Label Studio JSON/)).bytes)
		);
		expect(byName(after)).toEqual(byName(before));
		expect(after.map((r) => JSON.parse(r)[0])).toEqual([
			'/data/upload/3/0b1d2c3e-lake.jpg',
			'beach.png',
			'park.jpg',
			'street.jpg'
		]);

		// A third time: nothing new; the images it already has match nothing.
		await page.getByRole('link', { name: 'Import', exact: true }).click();
		await pick(page, LS_IMAGES);
		await expect(figures).toContainText('0 new items');
		await expect(figures).toContainText('1 matched item has no image on this device yet');
		await expect(preview.getByTestId('attach-count')).toHaveCount(0);
		await imagesAdd(page, images, [`${LS_DIR}/images/street.jpg`]);
		await expect(images.getByTestId('media-match')).toHaveText(
			'0 matched · 1 still without media · 1 file matched nothing (not imported)'
		);
		await expect(preview.getByTestId('attach-count')).toHaveCount(0);
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(status).toContainText('0 items added · 0 annotations');
		await expect(status).not.toContainText('got their images');
	});

	test('imported boxes on the Label page: shown in the tool, used as mine, undone', async ({
		page,
		app
	}) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Imported boxes', 'outdoor, indoor');
		await importedToLabel(page);
		const layer = page.getByRole('region', { name: 'Imported labels' });
		await expect(layer.getByRole('listitem')).toHaveText(
			/Imported \(COCO\)\s*Boxes\s*2 boxes: car, car/
		);
		const regions = page.getByRole('list', { name: 'Boxes: regions' });
		await expect(regions).toHaveCount(0);
		await expect(page.getByTestId('done-count')).toHaveText('0');

		// Keyboard: Tab reaches "Show in the tool"; the tool then holds the two imported boxes.
		const show = layer.getByRole('button', { name: /^Show in the tool/ });
		await show.focus();
		await page.keyboard.press('Enter');
		await expect(regions.getByRole('listitem')).toHaveCount(2);
		await expect(layer.getByRole('button', { name: /^Hide/ })).toHaveAttribute(
			'aria-pressed',
			'true'
		);
		await expect(page.getByTestId('done-count')).toHaveText('0');
		await expectAxeClean(page, 'imported layer shown');
		await shot(page, 'label-imported-laptop');

		// Use as mine: saved as my annotation (done 1), then Ctrl+Z takes it back.
		await layer.getByRole('button', { name: /^Use as mine/ }).focus();
		await page.keyboard.press('Enter');
		await expect(page.getByTestId('done-count')).toHaveText('1');
		await expect(regions.getByRole('listitem')).toHaveCount(2);
		await expect(layer.getByRole('button', { name: /^Replace mine with this/ })).toBeVisible();
		await page.keyboard.press('Control+z');
		await expect(page.getByTestId('done-count')).toHaveText('0');
		await expect(regions).toHaveCount(0);
		await page.keyboard.press('Control+Shift+z');
		await expect(page.getByTestId('done-count')).toHaveText('1');

		// After a reload the page opens on the next item I have not labeled, with its imported
		// person; going back shows my boxes, kept, beside the imported layer.
		await page.reload();
		await expect(page.getByTestId('done-count')).toHaveText('1');
		const again = page.getByRole('region', { name: 'Imported labels' });
		await expect(again.getByRole('listitem')).toHaveText(/Boxes\s*1 box: person/);
		await page.keyboard.press('ArrowLeft');
		await expect(again.getByRole('listitem')).toHaveText(/2 boxes: car, car/);
		await expect(
			page.getByRole('list', { name: 'Boxes: regions' }).getByRole('listitem')
		).toHaveCount(2);
	});

	test('a malformed file names file, place and reason, and imports nothing', async ({
		page,
		app
	}) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Broken', 'a, b');
		const text = readFileSync('tests/fixtures/interop/coco.json', 'utf8');
		await pick(page, {
			name: 'cut.json',
			mimeType: 'application/json',
			buffer: Buffer.from(text.slice(0, 700))
		});
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Nothing was imported. cut.json, line');
		await expect(alert).toContainText('truncated');
		await expectAxeClean(page, 'import error');

		// A Label Studio file with one bad value: the preview lists it by JSON path; Cancel leaves nothing.
		const doc = JSON.parse(readFileSync(LS, 'utf8'));
		doc[1].annotations[0].result[1].value.points = 'nope';
		await pick(page, {
			name: 'bad-ls.json',
			mimeType: 'application/json',
			buffer: Buffer.from(JSON.stringify(doc))
		});
		const preview = page.getByRole('region', { name: 'Preview: bad-ls.json' });
		await expect(
			preview.getByText('bad-ls.json, $[1].annotations[0].result[1].value.points')
		).toBeVisible();
		await preview.getByRole('button', { name: 'Cancel' }).click();
		await expect(preview).toHaveCount(0);
		await page.getByRole('link', { name: 'Export', exact: true }).click();
		await expect(page.getByText('There is nothing to export yet.')).toBeVisible();
	});
});

test.describe('interop on a phone', () => {
	test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

	test('import preview and export page fit and are axe-clean', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Phone', 'Positive, Neutral');
		await pick(page, LS);
		const preview = page.getByRole('region', { name: 'Preview: label-studio.json' });
		await expect(preview).toBeVisible();
		// "sentiment" is a new task here, so nothing is unknown. The page fits the phone: nothing
		// sticks out of it, except inside a box that scrolls sideways and itself fits.
		const wide = await page.evaluate(() => {
			const inScroller = (e: Element) => {
				for (let a = e.parentElement; a && a.tagName !== 'MAIN'; a = a.parentElement)
					if (/auto|scroll/.test(getComputedStyle(a).overflowX))
						return a.getBoundingClientRect().right <= 376;
				return false;
			};
			return [...document.querySelectorAll('main *')]
				.filter((e) => e.getBoundingClientRect().right > 376 && !inScroller(e))
				.map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
				.slice(0, 8);
		});
		expect(wide).toEqual([]);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await expectAxeClean(page, 'import preview on a phone');
		await shot(page, 'interop-import-preview-phone');
		await preview.getByRole('button', { name: 'Import', exact: true }).click();
		await expect(page.getByText(/2 items added/)).toBeVisible();
		await page.getByRole('link', { name: 'Export', exact: true }).click();
		// Formats say what they leave out: VOC writes polygons as boxes and has no keypoints.
		await page.getByRole('radio', { name: /Pascal VOC/ }).check();
		const notes = page.getByTestId('format-note');
		await expect(notes.first()).toContainText('Pascal VOC has no polygons');
		await expect(notes.last()).toContainText('Not written (Pascal VOC has no place for them)');
		await shot(page, 'interop-export-notes-phone');
		await page.setViewportSize({ width: 1280, height: 800 });
		await shot(page, 'interop-export-notes-laptop');
		await page.setViewportSize({ width: 375, height: 667 });
		await page.getByRole('radio', { name: /Label Studio JSON/ }).check();
		await expect(notes).toHaveCount(0);
		await page.getByLabel(/Encrypt the file/).check();
		await expectAxeClean(page, 'export page on a phone');
		await shot(page, 'interop-export-phone');
	});

	test('adding images to a Label Studio import fits a phone', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Phone uploads', 'a, b');
		await pick(page, LS_IMAGES);
		const images = page.getByRole('region', { name: 'Images' });
		const chooser = page.waitForEvent('filechooser');
		await images.getByRole('button', { name: 'Add images or a zip…' }).click();
		await (await chooser).setFiles([`${LS_DIR}/images/street.jpg`, `${LS_DIR}/images/park.jpg`]);
		await expect(images.getByTestId('media-match')).toHaveText('2 matched · 2 still without media');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await expectAxeClean(page, 'add images on a phone');
		await shot(page, 'interop-add-media-phone');
	});
	test('the imported layer on the Label page fits a phone', async ({ page, app }) => {
		await page.goto(app.url);
		await welcome(page, 'Ada');
		await projectNew(page, 'Phone imported', 'outdoor, indoor');
		await importedToLabel(page);
		const layer = page.getByRole('region', { name: 'Imported labels' });
		await layer.getByRole('button', { name: /^Show in the tool/ }).click();
		await expect(
			page.getByRole('list', { name: 'Boxes: regions' }).getByRole('listitem')
		).toHaveCount(2);
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			375
		);
		await expectAxeClean(page, 'imported layer on a phone');
		await shot(page, 'label-imported-phone');
	});
});
