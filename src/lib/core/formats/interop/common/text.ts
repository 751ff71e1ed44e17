// Reading a file's text and JSON with located errors, and the small checks every reader uses.
import { FormatError } from '../../../errors';

/** Text of a file: UTF-8 (or UTF-16 with a BOM), without a BOM; invalid bytes are a FormatError. */
export function textOf(input: string | Uint8Array, file: string): string {
	let text: string;
	if (typeof input === 'string') text = input;
	else {
		const b = input;
		let enc = 'utf-8';
		if (b[0] === 0xff && b[1] === 0xfe) enc = 'utf-16le';
		else if (b[0] === 0xfe && b[1] === 0xff) enc = 'utf-16be';
		try {
			text = new TextDecoder(enc, { fatal: true }).decode(b);
		} catch {
			throw new FormatError(file, undefined, `not ${enc.toUpperCase()} text`);
		}
	}
	return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** 1-based line of character offset `pos`. */
export function lineAt(text: string, pos: number): number {
	let line = 1;
	for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
	return line;
}

/** JSON.parse with a FormatError naming the line when the text is not JSON (or is truncated). */
export function jsonParse(text: string, file: string, line0 = 0): unknown {
	try {
		return JSON.parse(text);
	} catch (e) {
		const msg = e instanceof Error ? e.message : String(e);
		const pos = /position (\d+)/.exec(msg)?.[1];
		const line = pos === undefined ? undefined : line0 + lineAt(text, Number(pos));
		const atEnd = pos !== undefined && Number(pos) >= text.trimEnd().length - 1;
		const why =
			atEnd || /Unexpected end|Unterminated/i.test(msg)
				? `the JSON ends early (truncated file?): ${msg}`
				: msg;
		throw new FormatError(file, line ?? (line0 || undefined), `not valid JSON: ${why}`);
	}
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
export const isStr = (v: unknown): v is string => typeof v === 'string';

/** A required array at `path`, or a FormatError. */
export function arrayAt(v: unknown, file: string, path: string): unknown[] {
	if (!Array.isArray(v)) throw new FormatError(file, undefined, `${path} is not a list`);
	return v;
}

/** Rounds pixel and percent values to 1e-6 so float noise does not break round trips. */
export const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
