/**
 * Reads a Parquet file's rows off the page (see `parquet-read.ts`): posts the rows read after each
 * row group, then the records, or the FormatError's file and reason.
 */
import { FormatError } from '$lib/core/errors';
import { parquetRecords } from '$lib/core/formats/parquet';

export type ParquetWorkerIn = { bytes: Uint8Array; file: string; limit?: number };
export type ParquetWorkerOut =
	| { type: 'progress'; rows: number }
	| { type: 'done'; records: Record<string, string>[] }
	| { type: 'error'; file: string; reason: string };

/** The worker's side of the channel (the DOM typings know `self` as a window). */
const port = self as unknown as {
	postMessage(m: ParquetWorkerOut): void;
	onmessage: ((e: MessageEvent<ParquetWorkerIn>) => void) | null;
};
const post = (m: ParquetWorkerOut) => port.postMessage(m);

async function read({ bytes, file, limit }: ParquetWorkerIn): Promise<void> {
	post({ type: 'progress', rows: 0 }); // loaded: the watch starts from here
	try {
		const records = await parquetRecords(bytes, file, limit, (rows) =>
			post({ type: 'progress', rows })
		);
		post({ type: 'done', records });
	} catch (err) {
		post(
			err instanceof FormatError
				? { type: 'error', file: err.file, reason: err.reason }
				: { type: 'error', file, reason: err instanceof Error ? err.message : String(err) }
		);
	}
}

port.onmessage = (e) => void read(e.data);
