/**
 * The records of a JSON document (an array of objects, or an object with exactly one array
 * field) and the line each record starts on. `JSON.parse` gives no positions, so a small scanner
 * walks the text once to find where each element of the records array begins and ends.
 */

export interface JsonElement {
	/** 1-based line of the element's first character. */
	line: number;
	/** Offsets `[start, end)` of the element's text. */
	start: number;
	end: number;
}

const QUOTE = 34;
const BACKSLASH = 92;
const LF = 10;

const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * Finds the complete elements of the records array: the root array, or the arrays directly inside
 * the root object. Stops quietly at the end of the text, so a cut-off head yields its whole
 * elements only. Assumes JSON syntax; on invalid JSON the result is unspecified but finite.
 */
export function jsonElementsScan(text: string): JsonElement[] {
	const out: JsonElement[] = [];
	// Open containers: 91 `[` or 123 `{`.
	const stack: number[] = [];
	let line = 1;
	let inString = false;
	let expectValue = false;
	let elemStart = -1;
	let elemLine = 0;
	const isRecordsLevel = (): boolean =>
		stack.length > 0 &&
		stack[stack.length - 1] === 91 &&
		(stack.length === 1 || (stack.length === 2 && stack[0] === 123));
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === BACKSLASH) i++;
			else if (c === QUOTE) inString = false;
			continue;
		}
		if (c === LF) {
			line++;
			continue;
		}
		if (isSpace(c)) continue;
		if (expectValue && c !== 93) {
			elemStart = i;
			elemLine = line;
		}
		expectValue = false;
		if (c === QUOTE) inString = true;
		else if (c === 91 || c === 123) {
			stack.push(c);
			if (c === 91 && isRecordsLevel()) expectValue = true;
		} else if (c === 93 || c === 125 || c === 44) {
			const closesRecords = c === 93 && isRecordsLevel();
			if ((c === 44 || closesRecords) && isRecordsLevel() && elemStart >= 0) {
				let end = i;
				while (end > elemStart && isSpace(text.charCodeAt(end - 1))) end--;
				out.push({ line: elemLine, start: elemStart, end });
				elemStart = -1;
			}
			if (c === 44) expectValue = isRecordsLevel();
			else stack.pop();
		}
	}
	return out;
}

/** The records array of a parsed document, or the reason there is none. */
export function jsonRecordsOf(doc: unknown): unknown[] | string {
	if (Array.isArray(doc)) return doc;
	if (doc !== null && typeof doc === 'object') {
		const arrays = Object.entries(doc).filter(([, v]) => Array.isArray(v));
		if (arrays.length === 1) return arrays[0]?.[1] as unknown[];
		if (arrays.length > 1)
			return `the object has several array fields (${arrays.map(([k]) => k).join(', ')}); expected one`;
	}
	return 'expected an array of objects, or an object with one array of objects';
}

/**
 * A `JSON.parse` error as a short reason and, when V8 says where, its 1-based line. V8 quotes the
 * whole input in some messages ("Unexpected token '}', "…" is not valid JSON"): we drop the quote.
 */
export function jsonErrorDescribe(text: string, error: unknown): { reason: string; line?: number } {
	const message = error instanceof Error ? error.message : String(error);
	const reason = message
		.replace(/, ".*" is not valid JSON$/s, '')
		.replace(/ in JSON at position \d+.*$/s, '');
	const lineCol = /\(line (\d+) column \d+\)/.exec(message);
	if (lineCol) return { reason, line: Number(lineCol[1]) };
	const pos = /at position (\d+)/.exec(message);
	if (!pos) return { reason };
	const end = Math.min(Number(pos[1]), text.length);
	let line = 1;
	for (let i = text.indexOf('\n'); i >= 0 && i < end; i = text.indexOf('\n', i + 1)) line++;
	return { reason, line };
}
