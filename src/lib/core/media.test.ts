import { describe, expect, it } from 'vitest';
import { mediaItem, mediaKindFromUrl, mediaSniff, mediaUrlsParse } from './media';
import { isItem } from './validate';

const bytes = (...parts: (string | number[])[]) =>
	new Uint8Array(
		parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p))
	);

describe('media sniffing', () => {
	it('recognises images, audio and video by their first bytes', () => {
		expect(mediaSniff(bytes([0x89], 'PNG', [13, 10, 26, 10]))).toEqual({
			kind: 'image',
			mime: 'image/png'
		});
		expect(mediaSniff(bytes([0xff, 0xd8, 0xff, 0xe0]))?.mime).toBe('image/jpeg');
		expect(mediaSniff(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toEqual({
			kind: 'audio',
			mime: 'audio/wav'
		});
		expect(mediaSniff(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.kind).toBe('image');
		expect(mediaSniff(bytes([0x1a, 0x45, 0xdf, 0xa3]))?.mime).toBe('video/webm');
		expect(mediaSniff(bytes([0, 0, 0, 24], 'ftypisom'))?.mime).toBe('video/mp4');
		expect(mediaSniff(bytes('ID3', [4, 0])))?.toEqual({ kind: 'audio', mime: 'audio/mpeg' });
	});

	it('rejects text and truncated headers', () => {
		expect(mediaSniff(bytes('hello, world'))).toBeUndefined();
		expect(mediaSniff(new Uint8Array())).toBeUndefined();
		expect(mediaSniff(bytes([0xff, 0xff, 0xff]))).toBeUndefined();
	});

	it('builds a valid content-addressed item', () => {
		const sha = 'ab'.repeat(32);
		const item = mediaItem({
			sha256: sha,
			kind: 'image',
			mime: 'image/png',
			size: 3,
			name: 'a.png',
			seq: 1,
			meta: { width: '2' }
		});
		expect(item.id).toBe(sha.slice(0, 32));
		expect(isItem(item)).toBe(true);
	});

	it('reads media URLs from plain lists, CSV and JSONL rows', () => {
		const text = [
			'url,label',
			'https://bucket.s3.amazonaws.com/a.jpg?X-Amz-Signature=abc,cat',
			'{"audio": "https://example.org/clip.mp3"}',
			'not a url',
			'https://example.org/page.html',
			'',
			'http://host/v.webm#t=1'
		].join('\n');
		const r = mediaUrlsParse(text);
		expect(r.urls.map((u) => u.url)).toEqual([
			'https://bucket.s3.amazonaws.com/a.jpg?X-Amz-Signature=abc',
			'https://example.org/clip.mp3',
			'http://host/v.webm#t=1'
		]);
		expect(r.bad).toEqual([4, 5]);
		expect(mediaKindFromUrl('https://x.org/a.PNG')).toEqual({ kind: 'image', mime: 'image/png' });
	});
});
