/**
 * Parquet rows read in a worker, watched: a damaged page header can send the decoder into a loop
 * that never ends (hyparquet 1.31, measured: 3 of the first 17 header bytes of a small file, each
 * with one bit flipped). The page stays responsive while a file is read; when no row group comes
 * back for `stallMs`, the worker is stopped and the read fails with a FormatError naming the file
 * and the rows read so far. Nothing has been written by then. Without workers (node tests) the
 * rows are read in place.
 */
import { FormatError } from '$lib/core/errors';
import { parquetRecords } from '$lib/core/formats/parquet';
import type { ParquetWorkerIn, ParquetWorkerOut } from './parquet.worker';

/** No row group for this long: the decoder is stuck. A row group of 100k rows takes ~1 s. */
export const PARQUET_STALL_MS = 20_000;
/** Time for the worker to load before it reads. */
const PARQUET_START_MS = 30_000;

export function parquetRecordsWatched(
	bytes: Uint8Array,
	file: string,
	limit?: number,
	stallMs = PARQUET_STALL_MS
): Promise<Record<string, string>[]> {
	if (typeof Worker === 'undefined') return parquetRecords(bytes, file, limit);
	return new Promise((resolve, reject) => {
		const worker = new Worker(new URL('./parquet.worker.ts', import.meta.url), {
			type: 'module',
			name: 'quorum-parquet'
		});
		let rows = 0;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const end = (fn: () => void) => {
			clearTimeout(timer);
			worker.terminate();
			fn();
		};
		const watch = (ms = stallMs) => {
			clearTimeout(timer);
			timer = setTimeout(
				() =>
					end(() =>
						reject(
							new FormatError(
								file,
								undefined,
								`the Parquet data cannot be read: the reader was stuck for ${Math.round(stallMs / 1000)} s after ${rows.toLocaleString('en')} rows (the file looks damaged)`
							)
						)
					),
				ms
			);
		};
		worker.onmessage = (e: MessageEvent<ParquetWorkerOut>) => {
			const m = e.data;
			if (m.type === 'progress') {
				rows = m.rows;
				watch();
			} else if (m.type === 'done') end(() => resolve(m.records));
			else end(() => reject(new FormatError(m.file, undefined, m.reason)));
		};
		worker.onerror = (e) =>
			end(() =>
				reject(
					new FormatError(
						file,
						undefined,
						`the Parquet data cannot be read (${e.message || 'the reader failed'})`
					)
				)
			);
		// Loading the worker's module is not reading: it gets a longer start.
		watch(Math.max(stallMs, PARQUET_START_MS));
		const msg: ParquetWorkerIn = { bytes, file, ...(limit !== undefined ? { limit } : {}) };
		worker.postMessage(msg);
	});
}
