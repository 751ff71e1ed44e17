/**
 * Encrypted export files: a zip whose first entry is `quorum-sealed.json` (the inner file's name
 * and how it is sealed: PBKDF2-SHA-256 + AES-256-GCM, core/crypto.ts) and then `sealed.bin`, the
 * export encrypted with a passphrase. The import page recognises it by that first entry, asks for
 * the passphrase and reads the inner file as if it had been dropped. Pure (WebCrypto only).
 */
import { unzipSync, zipSync } from 'fflate';
import { PassphraseError, seal, unseal, type SealedParams } from '../../crypto';
import { FormatError } from '../../errors';
import { isObj, isStr } from './common';

export const SEALED_MANIFEST = 'quorum-sealed.json';
export const SEALED_FORMAT = 'quorum-sealed-export';
export const SEALED_EXT = '.qsealed';

export interface SealedManifest {
	format: typeof SEALED_FORMAT;
	version: 1;
	/** The inner file's name (e.g. `project.coco.json`). */
	name: string;
	params: SealedParams;
}

const enc = new TextEncoder();

/** Encrypts an export file; the result's name is `name` + `.qsealed`. */
export async function sealExport(
	name: string,
	data: Uint8Array,
	passphrase: string,
	opts: { iterations?: number } = {}
): Promise<{ name: string; bytes: Uint8Array }> {
	const { params, cipher } = await seal(data, passphrase, opts);
	const manifest: SealedManifest = { format: SEALED_FORMAT, version: 1, name, params };
	const bytes = zipSync(
		{
			[SEALED_MANIFEST]: [enc.encode(JSON.stringify(manifest, null, 1)), { level: 0 }],
			'sealed.bin': [cipher, { level: 0 }]
		},
		{ level: 0 }
	);
	return { name: `${name}${SEALED_EXT}`, bytes };
}

function parts(bytes: Uint8Array, file: string): { manifest: SealedManifest; cipher: Uint8Array } {
	let files: Record<string, Uint8Array>;
	try {
		files = unzipSync(bytes);
	} catch (e) {
		throw new FormatError(
			file,
			undefined,
			`the encrypted file is damaged (${(e as Error).message})`
		);
	}
	const m = files[SEALED_MANIFEST];
	const cipher = files['sealed.bin'];
	if (!m || !cipher)
		throw new FormatError(
			file,
			undefined,
			`not an encrypted Quorum export (no ${SEALED_MANIFEST})`
		);
	let doc: unknown;
	try {
		doc = JSON.parse(new TextDecoder().decode(m));
	} catch {
		throw new FormatError(file, undefined, `${SEALED_MANIFEST} is not valid JSON`);
	}
	const p = isObj(doc) ? doc.params : undefined;
	if (
		!isObj(doc) ||
		doc.format !== SEALED_FORMAT ||
		!isStr(doc.name) ||
		!isObj(p) ||
		!isStr(p.salt) ||
		!isStr(p.iv) ||
		typeof p.iterations !== 'number'
	)
		throw new FormatError(file, undefined, `${SEALED_MANIFEST} does not describe a sealed export`);
	return { manifest: doc as unknown as SealedManifest, cipher };
}

/** The inner file's name, without decrypting. */
export function sealedPeek(bytes: Uint8Array, file: string): string {
	return parts(bytes, file).manifest.name;
}

/** Decrypts an encrypted export; a wrong passphrase is a PassphraseError. */
export async function unsealExport(
	bytes: Uint8Array,
	file: string,
	passphrase: string
): Promise<{ name: string; bytes: Uint8Array }> {
	const { manifest, cipher } = parts(bytes, file);
	if (!passphrase) throw new PassphraseError(`${file} is encrypted: enter its passphrase.`);
	const inner = await unseal(cipher, manifest.params, passphrase);
	return { name: manifest.name, bytes: inner };
}
