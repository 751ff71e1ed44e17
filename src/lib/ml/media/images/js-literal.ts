/**
 * Reads the data literal inside a browserify bundle such as nsfwjs's `model.min.js` (a minified
 * JS object: unquoted keys, `!0`/`!1` for booleans, `.5` numbers) without evaluating any code: a
 * small tokenizer rewrites it to JSON, then `JSON.parse` checks it. Used to load the MobileNetV2
 * topology and base64 weights that nsfwjs ships as JS modules.
 */

/** Thrown when the text is not the literal we expect; names the offset. */
export class JsLiteralError extends Error {
	override name = 'JsLiteralError';
}

const IDENT = /[A-Za-z_$][\w$]*/y;
const NUMBER = /-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y;

/** Converts a JS object/array/string literal in `src` starting at `from` to JSON text. */
export function jsLiteralToJson(src: string, from = 0): { json: string; end: number } {
	let out = '';
	let i = from;
	let depth = 0;
	const push = (s: string) => (out += s);
	do {
		const c = src[i];
		if (c === undefined) throw new JsLiteralError(`Unexpected end of the literal at offset ${i}`);
		if (c === '"' || c === "'") {
			let j = i + 1;
			while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
			const body = src.slice(i + 1, j);
			push(c === '"' ? `"${body}"` : JSON.stringify(body.replace(/\\'/g, "'")));
			i = j + 1;
		} else if (c === '{' || c === '[') {
			depth++;
			push(c);
			i++;
		} else if (c === '}' || c === ']') {
			depth--;
			push(c);
			i++;
		} else if (c === ',' || c === ':') {
			push(c);
			i++;
		} else if (c === '!' && (src[i + 1] === '0' || src[i + 1] === '1')) {
			push(src[i + 1] === '0' ? 'true' : 'false');
			i += 2;
		} else {
			NUMBER.lastIndex = i;
			const num = NUMBER.exec(src);
			if (num) {
				let n = num[0];
				n = n.replace(/^(-?)\./, '$10.').replace(/\.(?=$|[eE])/, '');
				push(n);
				i += num[0].length;
				continue;
			}
			IDENT.lastIndex = i;
			const id = IDENT.exec(src);
			if (!id) throw new JsLiteralError(`Unexpected '${c}' at offset ${i}`);
			const word = id[0];
			i += word.length;
			if (src[i] === ':') push(JSON.stringify(word));
			else if (word === 'null' || word === 'true' || word === 'false') push(word);
			else throw new JsLiteralError(`Unexpected identifier '${word}' at offset ${i - word.length}`);
		}
	} while (depth > 0);
	return { json: out, end: i };
}

/**
 * The value a browserify bundle's single module assigns to `exports` (`a.exports={…}` or
 * `h.exports="…"`), parsed as data.
 */
export function bundleExportsParse(src: string): unknown {
	const m = /\b[A-Za-z_$][\w$]*\.exports=(?=[{["'])/g;
	let hit: RegExpExecArray | null;
	while ((hit = m.exec(src))) {
		const start = hit.index + hit[0].length;
		// The UMD wrapper's own `module.exports=e()` is a call, skipped by the lookahead.
		const { json } = jsLiteralToJson(src, start);
		try {
			return JSON.parse(json) as unknown;
		} catch (e) {
			throw new JsLiteralError(`The model file's data is not valid: ${String(e)}`, { cause: e });
		}
	}
	throw new JsLiteralError('No exported data literal found in the model file');
}
