/** Multi-file formats (YOLO, Pascal VOC): a zip (fflate) or a map of file names to contents. */
import { unzipSync, zipSync } from 'fflate';
import { FormatError } from '../../errors';

export type InteropFiles = Record<string, string | Uint8Array>;

/** Zip bytes start with `PK\x03\x04` (or `PK\x05\x06` when empty). */
export const isZip = (b: Uint8Array): boolean =>
	b[0] === 0x50 && b[1] === 0x4b && (b[2] === 3 || b[2] === 5);

/** Files of a zip or a file map; a broken zip is a FormatError naming the file. */
export function filesOf(input: Uint8Array | InteropFiles, file: string): InteropFiles {
	if (!(input instanceof Uint8Array)) return input;
	if (!isZip(input)) throw new FormatError(file, undefined, 'not a zip archive');
	try {
		const out: InteropFiles = {};
		for (const [name, data] of Object.entries(unzipSync(input)))
			if (!name.endsWith('/') && !name.split('/').includes('__MACOSX')) out[name] = data;
		return out;
	} catch (e) {
		throw new FormatError(file, undefined, `the zip cannot be read (${(e as Error).message})`);
	}
}

const enc = new TextEncoder();

/** A zip of text files. */
export function zipOf(files: Record<string, string>): Uint8Array {
	const z: Record<string, Uint8Array> = {};
	for (const [k, v] of Object.entries(files)) z[k] = enc.encode(v);
	return zipSync(z, { level: 6 });
}
