import { describe, expect, it } from 'vitest';
import { multimodalRowsParse } from './import-multimodal';

const IMG = 'https://bucket.example/cats/1.jpg?X-Amz-Signature=ab';
const WAV = 'https://cdn.example/a/b.wav';

describe('multimodal rows', () => {
	it('makes one item per CSV row with a media field and text fields', () => {
		const r = multimodalRowsParse(
			`image,caption,source\n${IMG},"A cat, asleep",web\nhttps://x.example/2.png,,\n`,
			100
		);
		expect(r?.problems).toEqual([]);
		expect(r?.items).toHaveLength(2);
		const [a, b] = r?.items ?? [];
		expect(a).toMatchObject({
			kind: 'multimodal',
			seq: 101,
			text: 'A cat, asleep',
			fields: {
				image: { kind: 'image', media: { url: IMG, name: '1.jpg', mime: 'image/jpeg' } },
				caption: { kind: 'text', text: 'A cat, asleep' },
				source: { kind: 'text', text: 'web' }
			}
		});
		// A row with only its URL stays a plain image item.
		expect(b).toMatchObject({ kind: 'image', media: { url: 'https://x.example/2.png' } });
		expect(b?.fields).toBeUndefined();
	});

	it('reads JSONL with audio and text, and lists rows it leaves out with their line', () => {
		const text = [
			JSON.stringify({ text: 'hello there', audio: WAV }),
			'{broken',
			JSON.stringify({ text: 'no media here', n: 3 }),
			'',
			JSON.stringify({ text: 'hello there', audio: WAV })
		].join('\n');
		const r = multimodalRowsParse(text, 0);
		expect(r?.items.map((i) => i.kind)).toEqual(['multimodal', 'multimodal']);
		expect(r?.items[0]?.fields?.audio).toMatchObject({ kind: 'audio', media: { url: WAV } });
		// The same row twice gets the same id, so the import skips the repeat.
		expect(r?.items[0]?.id).toBe(r?.items[1]?.id);
		expect(r?.problems).toEqual([
			{ line: 2, reason: 'not valid JSON' },
			{ line: 3, reason: 'no http(s) URL of an image, audio or video file' }
		]);
	});

	it('reports malformed CSV rows by line', () => {
		const r = multimodalRowsParse(`image\tcaption\n${IMG}\tcat\textra\n`, 0);
		expect(r?.problems).toEqual([{ line: 2, reason: 'expected 2 fields, found 3' }]);
	});

	it('leaves plain URL lists to the URL importer', () => {
		expect(multimodalRowsParse(`${IMG}\n${WAV}`, 0)).toBeUndefined();
		expect(multimodalRowsParse(`url\n${IMG}`, 0)).toBeUndefined();
		expect(multimodalRowsParse(`{"image": "${IMG}"}`, 0)).toBeUndefined();
		expect(multimodalRowsParse('  \n', 0)).toBeUndefined();
	});
});
