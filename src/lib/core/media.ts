/**
 * Media files: what kind a file is from its first bytes (never trusting the name alone), and the
 * item that refers to a stored blob. Pure: the decoding check runs in the browser (state/).
 */
import type { Item, ItemId, MediaKind } from './types';

export interface Sniffed {
	kind: MediaKind;
	mime: string;
}

const ascii = (b: Uint8Array, at: number, s: string) =>
	s.split('').every((c, i) => b[at + i] === c.charCodeAt(0));

/**
 * The media kind and MIME type from a file's first 64 bytes, or undefined when it is not an
 * image, audio or video format the browser plays. WebM and MP4 may hold audio only: the caller
 * tells them apart once decoded. Signatures: WHATWG MIME Sniffing §6.
 */
export function mediaSniff(head: Uint8Array): Sniffed | undefined {
	const b = head;
	if (b[0] === 0x89 && ascii(b, 1, 'PNG')) return { kind: 'image', mime: 'image/png' };
	if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', mime: 'image/jpeg' };
	if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return { kind: 'image', mime: 'image/gif' };
	if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { kind: 'image', mime: 'image/webp' };
	if (ascii(b, 0, 'BM')) return { kind: 'image', mime: 'image/bmp' };
	if (ascii(b, 4, 'ftypavif')) return { kind: 'image', mime: 'image/avif' };
	if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WAVE')) return { kind: 'audio', mime: 'audio/wav' };
	if (ascii(b, 0, 'OggS')) return { kind: 'audio', mime: 'audio/ogg' };
	if (ascii(b, 0, 'fLaC')) return { kind: 'audio', mime: 'audio/flac' };
	if (ascii(b, 0, 'ID3') || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0 && b[1] !== 0xff))
		return { kind: 'audio', mime: 'audio/mpeg' };
	if (ascii(b, 4, 'ftypM4A')) return { kind: 'audio', mime: 'audio/mp4' };
	if (ascii(b, 4, 'ftyp')) return { kind: 'video', mime: 'video/mp4' };
	if (b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3)
		return { kind: 'video', mime: 'video/webm' };
	return undefined;
}

/** File names the importer looks at (others in a folder or zip are listed as unsupported). */
export const MEDIA_EXTENSIONS =
	/\.(png|jpe?g|gif|webp|bmp|avif|wav|ogg|oga|opus|flac|mp3|m4a|mp4|m4v|mov|webm|mkv)$/i;

/** The item for a media blob: its id is the blob's SHA-256 truncated to 128 bits, as for text. */
export function mediaItem(opts: {
	sha256: string;
	kind: MediaKind;
	mime: string;
	size: number;
	name: string;
	seq: number;
	meta?: Record<string, string>;
}): Item {
	return {
		id: opts.sha256.slice(0, 32) as ItemId,
		kind: opts.kind,
		media: { blob: opts.sha256, mime: opts.mime, size: opts.size, name: opts.name },
		seq: opts.seq,
		source: opts.name,
		...(opts.meta ? { meta: opts.meta } : {})
	};
}

const URL_IN_LINE = /https?:\/\/[^\s",<>'\\]+/i;

/** Media kind from a URL's file extension (query and fragment ignored), or undefined. */
export function mediaKindFromUrl(url: string): { kind: MediaKind; mime?: string } | undefined {
	const path = url.split(/[?#]/)[0] ?? '';
	const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase();
	if (!ext) return undefined;
	if (/^(png|jpe?g|gif|webp|bmp|avif)$/.test(ext))
		return { kind: 'image', mime: `image/${ext === 'jpg' ? 'jpeg' : ext}` };
	if (/^(wav|mp3|ogg|oga|opus|flac|m4a)$/.test(ext)) return { kind: 'audio' };
	if (/^(mp4|m4v|mov|webm|mkv)$/.test(ext)) return { kind: 'video' };
	return undefined;
}

/**
 * The file name of a media URL: its last path segment, percent-decoded when that is valid (a
 * malformed escape such as `%zz` is kept as written instead of throwing URIError).
 */
export function mediaUrlName(url: string): string {
	const last = url.split(/[?#]/)[0]?.split('/').pop() || url;
	try {
		return decodeURIComponent(last);
	} catch {
		return last;
	}
}

/**
 * The first http(s) URL of every line of a list: one URL per line, or a CSV/JSONL export whose
 * rows each hold one media URL (e.g. signed S3, GCS or Azure links). Returns URLs and the
 * numbers (1-based) of lines with no usable media URL.
 */
export function mediaUrlsParse(text: string): {
	urls: { url: string; line: number }[];
	bad: number[];
} {
	const urls: { url: string; line: number }[] = [];
	const bad: number[] = [];
	text.split(/\r?\n/).forEach((raw, i) => {
		const line = raw.trim();
		if (!line || /^(url|link|image|audio|video)\b[\w,;\t ]*$/i.test(line)) return;
		const m = URL_IN_LINE.exec(line);
		if (m && mediaKindFromUrl(m[0])) urls.push({ url: m[0], line: i + 1 });
		else bad.push(i + 1);
	});
	return { urls, bad };
}
