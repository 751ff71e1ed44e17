/**
 * Which interop format a dropped file is in, from its name and first bytes (zips by the names of
 * the files inside): COCO, YOLO, Pascal VOC, CoNLL, spaCy JSONL, Label Studio, Parquet, an
 * encrypted Quorum export, or a zip of media with labels. Undefined means "not an interop file":
 * the plain CSV/JSONL/text importer takes it. Pure.
 */
import { unzipSync } from 'fflate';
import { FormatError } from '../../errors';
import { MEDIA_EXTENSIONS } from '../../media';
import { isZip, type InteropFiles } from './files';
import { SEALED_MANIFEST } from './sealed';

export type InteropKind = 'coco' | 'yolo' | 'voc' | 'conll' | 'spacy' | 'label-studio';
export type DetectedKind = InteropKind | 'parquet' | 'sealed';

export const INTEROP_NAMES: Record<InteropKind, string> = {
	coco: 'COCO',
	yolo: 'YOLO',
	voc: 'Pascal VOC',
	conll: 'CoNLL IOB2',
	spacy: 'spaCy JSONL',
	'label-studio': 'Label Studio'
};

/** File name extensions the interop importer claims (also offered by the file picker). */
export const INTEROP_ACCEPT = '.zip,.xml,.conll,.iob,.bio,.parquet,.qsealed';

const dec = new TextDecoder('utf-8');
const PARQUET = [0x50, 0x41, 0x52, 0x31];
const TAG = /^(O|[BI]-\S+)$/;

/** The first characters of `head`, without a BOM and leading white space. */
function textHead(head: Uint8Array): string {
	return dec
		.decode(head.subarray(0, 4096))
		.replace(/^\uFEFF/, '')
		.trimStart();
}

/** A line-oriented file whose last column is an IOB2 tag on most token lines. */
function looksConll(text: string): boolean {
	const lines = text
		.split(/\r?\n/)
		.slice(0, 60)
		.filter((l) => l.trim() && !l.startsWith('#') && !l.startsWith('-DOCSTART-'));
	if (lines.length === 0) return false;
	const tagged = lines.filter((l) => {
		const cols = l.trim().split(/\s+/);
		return cols.length >= 2 && TAG.test(cols[cols.length - 1] as string);
	});
	return tagged.length >= Math.max(1, lines.length * 0.8);
}

/** The kind of a JSON document, from its start (the whole document is not needed). */
function jsonKind(text: string): InteropKind | undefined {
	if (text.startsWith('[')) {
		// Label Studio: a list of tasks, each with "data".
		return /^\[\s*\{[\s\S]*?"data"\s*:/.test(text.slice(0, 4096)) ? 'label-studio' : undefined;
	}
	if (text.startsWith('{')) {
		if (/"images"\s*:\s*\[/.test(text) && /"(annotations|categories)"\s*:/.test(text))
			return 'coco';
		if (/^\{\s*"data"\s*:/.test(text) || /"annotations"\s*:\s*\[\s*\{\s*"result"/.test(text))
			return 'label-studio';
	}
	return undefined;
}

/** spaCy JSONL: the first line is an object with "text" and "spans" (or "entities"). */
function looksSpacy(text: string): boolean {
	const first = text.split(/\r?\n/, 1)[0] ?? '';
	if (!first.startsWith('{')) return false;
	return /"text"\s*:/.test(first) && /"(spans|entities)"\s*:\s*\[/.test(first);
}

/** What a zip holds: its media and the label format of the rest (if any). */
export interface ZipContents {
	kind: InteropKind | undefined;
	/** Media files by their path in the zip. */
	media: Record<string, Uint8Array>;
	/** Every other file by its path. */
	labels: InteropFiles;
}

/** Splits a zip into media and label files and names the label format. */
export function zipContents(bytes: Uint8Array, file: string): ZipContents {
	let all: Record<string, Uint8Array>;
	try {
		all = unzipSync(bytes, {
			filter: (e) => !e.name.endsWith('/') && !e.name.split('/').includes('__MACOSX')
		});
	} catch (e) {
		throw new FormatError(file, undefined, `the zip cannot be read (${(e as Error).message})`);
	}
	const media: Record<string, Uint8Array> = {};
	const labels: InteropFiles = {};
	for (const [name, data] of Object.entries(all)) {
		if (/(^|\/)\.[^/]*$/.test(name)) continue;
		if (MEDIA_EXTENSIONS.test(name)) media[name] = data;
		else labels[name] = data;
	}
	const names = Object.keys(labels);
	let kind: InteropKind | undefined;
	const json = names.find((n) => /\.json$/i.test(n));
	if (names.some((n) => /(^|\/)(classes\.txt|obj\.names)$/i.test(n))) kind = 'yolo';
	else if (names.some((n) => /\.xml$/i.test(n))) kind = 'voc';
	else if (json) kind = jsonKind(textHead(labels[json] as Uint8Array)) ?? undefined;
	else if (names.some((n) => /(^|\/)labels\/[^/]+\.txt$/i.test(n))) kind = 'yolo';
	return { kind, media, labels };
}

/**
 * The format of a file from its name and first bytes (64 KiB are plenty), or undefined when it is
 * a plain data file (CSV, TSV, JSONL, JSON records, text). A zip is named by `zipContents` and
 * needs the whole file, so this returns 'zip' for it.
 */
export function interopDetect(name: string, head: Uint8Array): DetectedKind | 'zip' | undefined {
	if (PARQUET.every((b, i) => head[i] === b)) return 'parquet';
	if (/\.parquet$/i.test(name)) return 'parquet';
	if (isZip(head)) return isSealedHead(head) ? 'sealed' : 'zip';
	const text = textHead(head);
	if (/\.qsealed$/i.test(name)) return 'sealed';
	if (
		/\.xml$/i.test(name) ||
		text.startsWith('<annotation') ||
		/^<\?xml[^>]*>\s*<annotation/.test(text)
	)
		return 'voc';
	if (/\.(conll|iob|bio)$/i.test(name)) return 'conll';
	if (/\.json$/i.test(name) || text.startsWith('[') || text.startsWith('{')) {
		if (/\.(jsonl|ndjson)$/i.test(name)) return looksSpacy(text) ? 'spacy' : undefined;
		const k = jsonKind(text);
		if (k) return k;
		if (!/\.json$/i.test(name) && looksSpacy(text)) return 'spacy';
		return undefined;
	}
	if (/\.(txt|tsv)$/i.test(name) && looksConll(text)) return 'conll';
	return undefined;
}

/** An encrypted export is a zip whose first entry is the sealed manifest. */
function isSealedHead(head: Uint8Array): boolean {
	// Local file header: name length at 26, name at 30.
	const n = (head[26] ?? 0) | ((head[27] ?? 0) << 8);
	return dec.decode(head.subarray(30, 30 + n)) === SEALED_MANIFEST;
}
