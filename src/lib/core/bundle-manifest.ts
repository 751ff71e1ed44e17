/**
 * The manifest of a `.quorum` sync bundle (docs/ARCHITECTURE.md#sync-bundles): what project it
 * belongs to, what it holds, and, for an encrypted bundle, how to open it. Parsing checks every
 * field, so a damaged or foreign file gets a message that says what is wrong before anything
 * touches the project.
 */
import type { SealedParams } from './crypto';

export const BUNDLE_FORMAT = 'quorum-bundle';
export const BUNDLE_VERSION = 1;
export const BUNDLE_EXT = '.quorum';

export interface BundleMedia {
	sha256: string;
	mime: string;
	size: number;
}

export interface BundleManifest {
	format: typeof BUNDLE_FORMAT;
	version: number;
	project: { id: string; name: string };
	/** Epoch ms when the bundle was made. */
	created: number;
	/** Name of the person who made it. */
	by: string;
	/** True when the update holds only what one peer lacked (from its state vector). */
	partial: boolean;
	/** Size and SHA-256 of the Yjs update (plain bundles only). */
	update?: { size: number; sha256: string };
	media: BundleMedia[];
	/** Present when the content is encrypted with a passphrase. */
	sealed?: SealedParams;
}

/** A file that is not a readable Quorum bundle; the message says why and what to do. */
export class BundleError extends Error {
	readonly code:
		'not-a-bundle' | 'corrupt' | 'wrong-project' | 'newer-version' | 'needs-passphrase';
	constructor(code: BundleError['code'], message: string) {
		super(message);
		this.name = 'BundleError';
		this.code = code;
	}
}

const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isHex64 = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);

function corrupt(what: string): BundleError {
	return new BundleError(
		'corrupt',
		`This bundle is damaged (${what}). Nothing was imported. Ask for a fresh copy of the file.`
	);
}

function sealedParse(v: unknown): SealedParams {
	if (
		!isObj(v) ||
		v.kdf !== 'PBKDF2-SHA-256' ||
		v.cipher !== 'AES-256-GCM' ||
		typeof v.iterations !== 'number' ||
		!Number.isInteger(v.iterations) ||
		typeof v.salt !== 'string' ||
		typeof v.iv !== 'string'
	)
		throw corrupt('unknown encryption settings');
	return {
		kdf: v.kdf,
		cipher: v.cipher,
		iterations: v.iterations,
		salt: v.salt,
		iv: v.iv
	};
}

/** Parses and checks a manifest read from a bundle's `manifest.json`. */
export function bundleManifestParse(text: string): BundleManifest {
	let v: unknown;
	try {
		v = JSON.parse(text);
	} catch {
		throw corrupt('its manifest is not valid JSON');
	}
	if (!isObj(v) || v.format !== BUNDLE_FORMAT)
		throw new BundleError('not-a-bundle', 'This file is not a Quorum sync bundle (.quorum).');
	if (typeof v.version !== 'number' || v.version > BUNDLE_VERSION)
		throw new BundleError(
			'newer-version',
			'This bundle was made by a newer version of Quorum. Update the app, then import it again.'
		);
	const p = v.project;
	if (!isObj(p) || typeof p.id !== 'string' || !p.id || typeof p.name !== 'string')
		throw corrupt('the manifest names no project');
	if (!Array.isArray(v.media)) throw corrupt('the media list is missing');
	const media: BundleMedia[] = v.media.map((m) => {
		if (!isObj(m) || !isHex64(m.sha256) || typeof m.mime !== 'string' || typeof m.size !== 'number')
			throw corrupt('a media entry is malformed');
		return { sha256: m.sha256, mime: m.mime, size: m.size };
	});
	const manifest: BundleManifest = {
		format: BUNDLE_FORMAT,
		version: v.version,
		project: { id: p.id, name: p.name },
		created: typeof v.created === 'number' ? v.created : 0,
		by: typeof v.by === 'string' ? v.by : '',
		partial: v.partial === true,
		media
	};
	if (v.sealed !== undefined) manifest.sealed = sealedParse(v.sealed);
	else {
		const u = v.update;
		if (!isObj(u) || typeof u.size !== 'number' || !isHex64(u.sha256))
			throw corrupt('the manifest does not describe the update');
		manifest.update = { size: u.size, sha256: u.sha256 };
	}
	return manifest;
}
