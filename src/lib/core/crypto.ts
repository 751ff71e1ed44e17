/**
 * Passphrase encryption for sync bundles (docs/ARCHITECTURE.md#sync-bundles): AES-256-GCM with a
 * key derived by PBKDF2-HMAC-SHA-256 (NIST SP 800-132; 600,000 iterations as OWASP's 2023
 * password-storage advice recommends). WebCrypto only, so it runs the same in browsers and in node
 * ≥ 20.
 */

export const PBKDF2_ITERATIONS = 600_000;

export interface SealedParams {
	kdf: 'PBKDF2-SHA-256';
	iterations: number;
	/** Base64. */
	salt: string;
	cipher: 'AES-256-GCM';
	/** Base64. */
	iv: string;
}

/** A passphrase that does not open the data (or data that was changed after sealing). */
export class PassphraseError extends Error {
	constructor(message = 'The passphrase is wrong, or the file was changed after it was saved.') {
		super(message);
		this.name = 'PassphraseError';
	}
}

export function base64From(bytes: Uint8Array): string {
	let s = '';
	for (let i = 0; i < bytes.length; i += 0x8000)
		s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
	return btoa(s);
}

export function base64To(s: string): Uint8Array {
	const bin = atob(s);
	const out = new Uint8Array(bin.length);
	for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
	return out;
}

const buf = (a: Uint8Array): Uint8Array<ArrayBuffer> => a as Uint8Array<ArrayBuffer>;

async function keyFrom(passphrase: string, salt: Uint8Array, iterations: number) {
	const material = await crypto.subtle.importKey(
		'raw',
		new TextEncoder().encode(passphrase.normalize('NFC')),
		'PBKDF2',
		false,
		['deriveKey']
	);
	return crypto.subtle.deriveKey(
		{ name: 'PBKDF2', salt: buf(salt), iterations, hash: 'SHA-256' },
		material,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Encrypts `data` with a passphrase; `random` fills salt and iv (injectable for tests). */
export async function seal(
	data: Uint8Array,
	passphrase: string,
	opts: { iterations?: number; random?: (a: Uint8Array) => void } = {}
): Promise<{ params: SealedParams; cipher: Uint8Array }> {
	if (!passphrase) throw new PassphraseError('Enter a passphrase to encrypt the file.');
	const fill = opts.random ?? ((a: Uint8Array) => void crypto.getRandomValues(buf(a)));
	const iterations = opts.iterations ?? PBKDF2_ITERATIONS;
	const salt = new Uint8Array(16);
	const iv = new Uint8Array(12);
	fill(salt);
	fill(iv);
	const key = await keyFrom(passphrase, salt, iterations);
	const cipher = new Uint8Array(
		await crypto.subtle.encrypt({ name: 'AES-GCM', iv: buf(iv) }, key, buf(data))
	);
	return {
		params: {
			kdf: 'PBKDF2-SHA-256',
			iterations,
			salt: base64From(salt),
			cipher: 'AES-256-GCM',
			iv: base64From(iv)
		},
		cipher
	};
}

/** Decrypts what `seal` produced; throws PassphraseError when the passphrase does not fit. */
export async function unseal(
	cipher: Uint8Array,
	params: SealedParams,
	passphrase: string
): Promise<Uint8Array> {
	if (!passphrase) throw new PassphraseError('This file is encrypted: enter its passphrase.');
	if (
		!Number.isInteger(params.iterations) ||
		params.iterations < 1 ||
		params.iterations > 10_000_000
	)
		throw new PassphraseError('The file’s encryption settings are invalid.');
	let salt: Uint8Array;
	let iv: Uint8Array;
	try {
		salt = base64To(params.salt);
		iv = base64To(params.iv);
	} catch {
		throw new PassphraseError('The file’s encryption settings are invalid (bad salt or iv).');
	}
	if (iv.length === 0)
		throw new PassphraseError('The file’s encryption settings are invalid (empty iv).');
	const key = await keyFrom(passphrase, salt, params.iterations);
	try {
		return new Uint8Array(
			await crypto.subtle.decrypt({ name: 'AES-GCM', iv: buf(iv) }, key, buf(cipher))
		);
	} catch {
		throw new PassphraseError();
	}
}
