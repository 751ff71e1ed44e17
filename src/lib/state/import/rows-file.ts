/**
 * A data file as the importer reads it: its head, to detect the format and offer the fields, and
 * then its text in chunks as it streams from the disk.
 */
import { importFormatDetect, importPreview } from '$lib/core/formats/import-preview';
import { textChunksDecode, textHeadDecode } from '$lib/core/formats/text-decode';
import type { ImportFile } from './rows-types';

const HEAD_BYTES = 64 * 1024;

/** Reads the head of `file`: its format, fields, first rows and the suggested text field. */
export async function importFileOpen(file: File): Promise<ImportFile> {
	const head = await textHeadDecode(
		new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer()),
		file.name
	);
	const format = importFormatDetect(file.name, head);
	const preview = importPreview(file.name, head, format);
	const textField = preview.suggestedTextField ?? preview.fields[0] ?? '';
	return {
		file,
		format,
		fields: preview.fields,
		sample: preview.sample,
		textField,
		metaFields: preview.fields.filter(
			(f) => f !== (preview.suggestedTextField ?? preview.fields[0])
		)
	};
}

async function* fileBytes(file: File, onBytes: (n: number) => void): AsyncGenerator<Uint8Array> {
	const reader = file.stream().getReader();
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		onBytes(value.byteLength);
		yield value;
	}
}

/** UTF-8, or UTF-16 with a byte-order mark; other encodings are a FormatError with the line. */
export function fileChunks(file: File, onBytes: (n: number) => void): AsyncGenerator<string> {
	return textChunksDecode(fileBytes(file, onBytes), file.name);
}
