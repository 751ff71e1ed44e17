/**
 * `.quorum` sync bundles (docs/ARCHITECTURE.md#sync-bundles): a zip (fflate) with `manifest.json`,
 * `update.bin` (a Yjs update, the whole doc or only what one peer lacks) and `media/<sha256>`. An
 * encrypted bundle is an outer zip with a manifest that says how it is sealed and `sealed.bin`, the
 * inner zip encrypted with a passphrase. Reading checks every hash before anything touches the
 * project; applying is one transaction, so a bundle merges whole or not at all, and applying it
 * twice changes nothing.
 */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import * as Y from 'yjs';
import {
	BUNDLE_FORMAT,
	BUNDLE_VERSION,
	BundleError,
	bundleManifestParse,
	type BundleManifest,
	type BundleMedia
} from '$lib/core/bundle-manifest';
import { seal, unseal } from '$lib/core/crypto';
import { sha256Hex } from '$lib/core/ids';
import { ORIGIN } from './doc';

export interface MediaBlob extends BundleMedia {
	bytes: Uint8Array;
}

export interface BundleContent {
	manifest: BundleManifest;
	update: Uint8Array;
	media: MediaBlob[];
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Writes a bundle of `doc`: everything, or only what a peer with `since` (a state vector) lacks. */
export async function bundleExport(opts: {
	doc: Y.Doc;
	project: { id: string; name: string };
	by: string;
	now: number;
	since?: Uint8Array;
	media?: MediaBlob[];
	passphrase?: string;
	iterations?: number;
}): Promise<Uint8Array> {
	const update = Y.encodeStateAsUpdate(opts.doc, opts.since);
	const media = opts.media ?? [];
	const manifest: BundleManifest = {
		format: BUNDLE_FORMAT,
		version: BUNDLE_VERSION,
		project: opts.project,
		created: opts.now,
		by: opts.by,
		partial: opts.since !== undefined,
		update: { size: update.length, sha256: await sha256Hex(update) },
		media: media.map(({ sha256, mime, size }) => ({ sha256, mime, size }))
	};
	const files: Zippable = {
		'manifest.json': enc.encode(JSON.stringify(manifest, null, 1)),
		'update.bin': [update, { level: 0 }]
	};
	for (const m of media) files[`media/${m.sha256}`] = [m.bytes, { level: 0 }];
	const inner = zipSync(files, { level: 6 });
	if (!opts.passphrase) return inner;
	const { params, cipher } = await seal(inner, opts.passphrase, { iterations: opts.iterations });
	const outer: Omit<BundleManifest, 'update'> = {
		format: BUNDLE_FORMAT,
		version: BUNDLE_VERSION,
		project: opts.project,
		created: opts.now,
		by: opts.by,
		partial: manifest.partial,
		media: [],
		sealed: params
	};
	return zipSync(
		{
			'manifest.json': enc.encode(JSON.stringify(outer, null, 1)),
			'sealed.bin': [cipher, { level: 0 }]
		},
		{ level: 0 }
	);
}

function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
	try {
		return unzipSync(bytes);
	} catch {
		throw new BundleError(
			'not-a-bundle',
			'This file is not a Quorum sync bundle, or it is damaged. Nothing was imported.'
		);
	}
}

/** The manifest alone, to show what a bundle is (and whether it needs a passphrase). */
export function bundlePeek(bytes: Uint8Array): BundleManifest {
	const files = unzip(bytes);
	const m = files['manifest.json'];
	if (!m) throw new BundleError('not-a-bundle', 'This file is not a Quorum sync bundle (.quorum).');
	return bundleManifestParse(dec.decode(m));
}

/** Reads and checks a bundle. Throws BundleError or PassphraseError with a message for the user. */
export async function bundleRead(bytes: Uint8Array, passphrase = ''): Promise<BundleContent> {
	const manifest = bundlePeek(bytes);
	if (manifest.sealed) {
		if (!passphrase)
			throw new BundleError('needs-passphrase', 'This bundle is encrypted: enter its passphrase.');
		const sealed = unzip(bytes)['sealed.bin'];
		if (!sealed) throw new BundleError('corrupt', 'This bundle is damaged (no content).');
		const inner = await unseal(sealed, manifest.sealed, passphrase);
		const content = await bundleRead(inner);
		if (content.manifest.project.id !== manifest.project.id)
			throw new BundleError('corrupt', 'This bundle is damaged (its two manifests disagree).');
		return content;
	}
	const files = unzip(bytes);
	const update = files['update.bin'];
	const expect = manifest.update;
	if (
		!update ||
		!expect ||
		update.length !== expect.size ||
		(await sha256Hex(update)) !== expect.sha256
	)
		throw new BundleError(
			'corrupt',
			'This bundle is damaged (its labels do not match their checksum). Nothing was imported. Ask for a fresh copy.'
		);
	const media: MediaBlob[] = [];
	for (const m of manifest.media) {
		const b = files[`media/${m.sha256}`];
		if (!b || (await sha256Hex(b)) !== m.sha256)
			throw new BundleError(
				'corrupt',
				`This bundle is damaged (media ${m.sha256.slice(0, 12)}… does not match its checksum). Nothing was imported.`
			);
		media.push({ ...m, bytes: b });
	}
	try {
		Y.applyUpdate(new Y.Doc(), update);
	} catch {
		throw new BundleError('corrupt', 'This bundle is damaged (its update cannot be read).');
	}
	return { manifest, update, media };
}

/**
 * Merges a bundle's update into `doc` in one transaction tagged BUNDLE. Returns whether anything
 * changed: importing the same bundle again returns false and leaves the doc as it was.
 */
export function bundleApply(doc: Y.Doc, content: BundleContent, projectId: string): boolean {
	if (content.manifest.project.id !== projectId)
		throw new BundleError(
			'wrong-project',
			`This bundle belongs to another project ("${content.manifest.project.name}"). Open that project to import it.`
		);
	let changed = false;
	const onUpdate = () => (changed = true);
	doc.on('update', onUpdate);
	try {
		Y.applyUpdate(doc, content.update, ORIGIN.BUNDLE);
	} finally {
		doc.off('update', onUpdate);
	}
	return changed;
}
