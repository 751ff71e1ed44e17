/**
 * Bytes of an imported text file → text chunks, strictly. UTF-8 by default; UTF-16 LE/BE when the
 * file starts with that byte-order mark. Bytes that are not valid in that encoding (a Latin-1 or
 * Windows-1252 export, a binary file) and NUL characters (UTF-16 without a byte-order mark) are a
 * FormatError naming the line, instead of rows of replacement characters imported silently.
 */
import { FormatError } from '../errors';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

/** The encoding named by a byte-order mark at the start of `head` (UTF-8 without one). */
export function textEncodingOf(head: Uint8Array): TextEncodingName {
	if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
	if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
	return 'utf-8';
}

const countLines = (s: string, end = s.length): number => {
	let n = 0;
	for (let i = s.indexOf('\n'); i >= 0 && i < end; i = s.indexOf('\n', i + 1)) n++;
	return n;
};

/** Decodes a stream of byte chunks; throws FormatError(file, line, why) at the first bad byte. */
export async function* textChunksDecode(
	chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
	file: string
): AsyncGenerator<string> {
	let decoder: TextDecoder | undefined;
	let encoding: TextEncodingName = 'utf-8';
	let head: Uint8Array | undefined;
	let lines = 0;
	const decode = (bytes: Uint8Array, stream: boolean): string => {
		let text: string;
		try {
			text = (decoder as TextDecoder).decode(bytes, { stream });
		} catch {
			const loose = new TextDecoder(encoding).decode(bytes);
			const at = loose.indexOf('\uFFFD');
			throw new FormatError(
				file,
				// at < 0: the bad bytes ended the previous chunk.
				lines + 1 + (at < 0 ? 0 : countLines(loose, at)),
				encoding === 'utf-8'
					? 'the file is not UTF-8 text (a Latin-1/Windows-1252 export or a binary file?): save it as UTF-8 and import it again'
					: `the file starts with a ${encoding.toUpperCase()} byte-order mark but is not valid ${encoding.toUpperCase()} text`
			);
		}
		const nul = text.indexOf('\0');
		if (nul >= 0)
			throw new FormatError(
				file,
				lines + 1 + countLines(text, nul),
				'the file contains NUL characters: a binary file, or UTF-16 text without a byte-order mark (save it as UTF-8)'
			);
		lines += countLines(text);
		return text;
	};
	for await (const chunk of chunks) {
		if (!decoder) {
			// Wait for two bytes to see a UTF-16 byte-order mark.
			const b = head ? Uint8Array.of(...head, ...chunk) : chunk;
			if (b.length < 2) {
				head = b;
				continue;
			}
			head = undefined;
			encoding = textEncodingOf(b);
			decoder = new TextDecoder(encoding, { fatal: true });
			const t = decode(b, true);
			if (t) yield t;
			continue;
		}
		const t = decode(chunk, true);
		if (t) yield t;
	}
	if (!decoder) {
		decoder = new TextDecoder('utf-8', { fatal: true });
		const t = decode(head ?? new Uint8Array(0), false);
		if (t) yield t;
		return;
	}
	const tail = decode(new Uint8Array(0), false);
	if (tail) yield tail;
}

/** The first bytes of a file as text, for previews; a FormatError like textChunksDecode's. */
export async function textHeadDecode(head: Uint8Array, file: string): Promise<string> {
	// A multi-byte character cut at the end of the head is not an error.
	const parts: string[] = [];
	const enc = textEncodingOf(head);
	const unit = enc === 'utf-8' ? 4 : 2;
	for (let cut = 0; cut < unit; cut++) {
		try {
			parts.length = 0;
			for await (const t of textChunksDecode([head.subarray(0, head.length - cut)], file))
				parts.push(t);
			return parts.join('');
		} catch (e) {
			if (cut === unit - 1 || head.length - cut <= 1) throw e;
		}
	}
	return parts.join('');
}
