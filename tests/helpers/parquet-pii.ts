/**
 * Test helper: a Parquet table with personal data, written by the independent hyparquet-writer
 * (a devDependency; the app reads Parquet with hyparquet only). Text columns hold e-mails, phones,
 * a card number that passes Luhn (and an order number that does not), an IBAN, an IP address and
 * person names; `amount` is numeric; nulls are spread over every column; row 6 has no message.
 * Used by the node, browser and e2e tests of the Parquet import with its personal-data review.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';

export const PII_MESSAGES: (string | null)[] = [
	'Please call Maria Garcia on +49 30 1234567 about the refund.',
	'The card 4111 1111 1111 1111 was charged twice for one box.',
	'Refund to DE89 3704 0044 0532 0130 00 before the end of the month.',
	'Login from 192.168.10.24 failed three times this morning.',
	'Great food and friendly staff, will order again.',
	null,
	'Order 4111111111111112 shipped; write to john.smith@example.org for the invoice.'
];
export const PII_CONTACTS: (string | null)[] = [
	'maria.garcia@example.com',
	null,
	'Peter Jones',
	null,
	'+44 20 7946 0958',
	'nobody',
	'ops@example.net'
];
export const PII_AMOUNTS: (number | null)[] = [12.5, null, 99, 0, 3.25, 1, 7];
export const PII_CITIES: (string | null)[] = [
	'Berlin',
	'Oslo',
	null,
	'Lisbon',
	'Oslo',
	'Bergen',
	'Berlin'
];

export interface PiiParquetOptions {
	/** Compression of every column ('SNAPPY' by default, as hyparquet-writer writes). */
	codec?: 'SNAPPY' | 'UNCOMPRESSED';
	/** Rows per row group (one group by default). */
	rowGroupSize?: number;
	/** Repeat the table this many times (ids go on; makes snappy pages worth compressing). */
	copies?: number;
}

/** The table as Parquet bytes. */
export function piiParquet(opts: PiiParquetOptions = {}): Uint8Array {
	const n = opts.copies ?? 1;
	const rep = <T>(a: T[]): T[] => Array.from({ length: n }, () => a).flat();
	const buf = parquetWriteBuffer({
		columnData: [
			{
				name: 'id',
				data: rep(PII_MESSAGES).map((_, i) => i + 1),
				type: 'INT32'
			},
			{ name: 'message', data: rep(PII_MESSAGES), type: 'STRING' },
			{ name: 'contact', data: rep(PII_CONTACTS), type: 'STRING' },
			{ name: 'amount', data: rep(PII_AMOUNTS), type: 'DOUBLE' },
			{ name: 'city', data: rep(PII_CITIES), type: 'STRING' }
		],
		...(opts.codec ? { codec: opts.codec } : {}),
		...(opts.rowGroupSize ? { rowGroupSize: opts.rowGroupSize } : {})
	});
	return new Uint8Array(buf);
}
