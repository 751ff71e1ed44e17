import { readFileSync } from 'node:fs';
import { parquetMetadata } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { FormatError } from '../errors';
import { itemsFromRows } from './import-items';
import { parquetInfo, parquetRecords, parquetRows, parquetTextField } from './parquet';
import { PII_MESSAGES, piiParquet } from '$tests/helpers/parquet-pii';

// Written by hyparquet-writer 0.17.0 (see tests/fixtures/parquet/make-reviews.mjs).
const bytes = new Uint8Array(readFileSync('tests/fixtures/parquet/reviews.parquet'));

describe('Parquet import', () => {
	it('reads the columns and every row as strings', async () => {
		expect(parquetInfo(bytes, 'r.parquet')).toEqual({
			fields: ['id', 'review', 'stars', 'city', 'verified', 'big'],
			rows: 6
		});
		const recs = await parquetRecords(bytes, 'r.parquet');
		expect(recs).toHaveLength(6);
		expect(recs[0]).toEqual({
			id: '1',
			review: 'Great food and friendly staff.',
			stars: '5',
			city: 'Oslo',
			verified: 'true',
			big: '1'
		});
		expect(recs[3]?.big).toBe('9007199254740993');
		expect(recs[2]?.city).toBe('');
		expect(recs[5]?.review).toBe('Best pizza in town — ünïcödé ok.');
		expect(await parquetRecords(bytes, 'r.parquet', 2)).toHaveLength(2);
		expect(parquetTextField(recs, parquetInfo(bytes, 'r.parquet').fields)).toBe('review');
	});

	it('rows become items like CSV rows: duplicates once, empty text a problem with its row', async () => {
		const recs = await parquetRecords(bytes, 'r.parquet');
		const r = parquetRows(
			recs,
			{ textField: 'review', metaFields: ['stars', 'city'] },
			'r.parquet'
		);
		expect(r.problems).toEqual([
			{ file: 'r.parquet', line: 5, reason: 'row 5: "review" is empty' }
		]);
		expect(r.rows[1]).toEqual({
			line: 2,
			text: 'The soup was cold.',
			meta: { stars: '1', city: 'Bergen' }
		});
		const made = itemsFromRows(r.rows, { file: 'r.parquet', seqStart: 0, seen: new Set() });
		expect(made.items).toHaveLength(4);
		expect(made.duplicates).toBe(1);
	});

	it('says why a file is not Parquet, or is cut short', () => {
		expect(() => parquetInfo(new TextEncoder().encode('id,text\n1,a'), 'x.parquet')).toThrow(
			/x\.parquet: not a Parquet file/
		);
		expect(() => parquetInfo(bytes.slice(0, bytes.length - 40), 'x.parquet')).toThrow(/truncated/);
		const broken = bytes.slice();
		broken.fill(0xff, bytes.length - 60, bytes.length - 8);
		expect(() => parquetInfo(broken, 'x.parquet')).toThrow(FormatError);
	});

	it('reads snappy and uncompressed pages, one row group or several, alike', async () => {
		const one = piiParquet();
		const groups = piiParquet({ rowGroupSize: 2 });
		const plain = piiParquet({ codec: 'UNCOMPRESSED' });
		const big = piiParquet({ copies: 50 });
		const meta = (b: Uint8Array) => parquetMetadata(b.slice().buffer as ArrayBuffer);
		expect(meta(one).row_groups[0]?.columns.map((c) => c.meta_data?.codec)).toEqual(
			Array(5).fill('SNAPPY')
		);
		expect(meta(plain).row_groups[0]?.columns[1]?.meta_data?.codec).toBe('UNCOMPRESSED');
		expect(meta(groups).row_groups).toHaveLength(4);
		// Snappy really compresses the repeated table.
		const col = meta(big).row_groups[0]?.columns[1]?.meta_data;
		expect(Number(col?.total_compressed_size)).toBeLessThan(Number(col?.total_uncompressed_size));
		const recs = await parquetRecords(one, 'p.parquet');
		expect(recs.map((r) => r.message)).toEqual(PII_MESSAGES.map((m) => m ?? ''));
		expect(recs[1]).toEqual({
			id: '2',
			message: 'The card 4111 1111 1111 1111 was charged twice for one box.',
			contact: '',
			amount: '',
			city: 'Oslo'
		});
		expect(await parquetRecords(groups, 'p.parquet')).toEqual(recs);
		expect(await parquetRecords(plain, 'p.parquet')).toEqual(recs);
		expect((await parquetRecords(big, 'p.parquet')).slice(0, 7)).toEqual(recs);
		expect(await parquetRecords(groups, 'p.parquet', 3)).toEqual(recs.slice(0, 3));
	});

	it('a file cut off anywhere is a FormatError naming the file, never a crash', async () => {
		const bytes = piiParquet({ rowGroupSize: 2 });
		for (let n = 0; n < bytes.length; n++) {
			const cut = bytes.slice(0, n);
			const err = await parquetRecords(cut, 'cut.parquet').then(
				() => undefined,
				(e: unknown) => e
			);
			expect(err, `cut at ${n}`).toBeInstanceOf(FormatError);
			expect((err as FormatError).message, `cut at ${n}`).toMatch(
				n >= 4
					? /^cut\.parquet: the Parquet file is truncated \(no footer\)$/
					: /^cut\.parquet: not a Parquet file/
			);
		}
	});
});
