/**
 * Content-addressed ids. An item's id is the SHA-256 of its content, so importing the same row
 * twice yields the same id and is skipped. Uses WebCrypto, present in browsers, workers and node ≥ 19.
 */
import { sha256HexSync } from './sha256';
import type { AnnotatorId, ItemId, ProjectId } from './types';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function hexFromBytes(bytes: Uint8Array): string {
	let out = '';
	for (const b of bytes) out += HEX[b];
	return out;
}

const encoder = new TextEncoder();

/** SHA-256 of a string (UTF-8), as 64 lowercase hex characters. */
export async function sha256Hex(content: string | Uint8Array): Promise<string> {
	const data = typeof content === 'string' ? encoder.encode(content) : content;
	const digest = await crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>);
	return hexFromBytes(new Uint8Array(digest));
}

/** The id of a text item: the SHA-256 of its text, truncated to 32 hex characters (128 bits). */
export function itemIdFromText(text: string): ItemId {
	return sha256HexSync(text).slice(0, 32) as ItemId;
}

/** A random id of `bytes` random bytes in hex; `fill` supplies the randomness (injectable). */
export function randomId(
	bytes = 8,
	fill: (a: Uint8Array) => void = (a) => void crypto.getRandomValues(a as Uint8Array<ArrayBuffer>)
): string {
	const a = new Uint8Array(bytes);
	fill(a);
	return hexFromBytes(a);
}

export const projectIdNew = (): ProjectId => randomId(8) as ProjectId;
export const annotatorIdNew = (): AnnotatorId => randomId(8) as AnnotatorId;
