/**
 * Fuzz of the sync file readers (seeded fast-check): `.quorum` bundles (plain and encrypted),
 * `.quorum-state` files and sealed data. Random bytes, truncations, one-byte mutations, manifests
 * with huge fields or deep JSON, and updates with a valid checksum but garbage content. Each input
 * must give a checked result or the module's error (BundleError, PassphraseError, StateFileError)
 * with a message; never a TypeError, a RangeError or a half-applied update.
 */
import fc from 'fast-check';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BundleError } from '$lib/core/bundle-manifest';
import { PassphraseError, unseal, type SealedParams } from '$lib/core/crypto';
import { fuzzAround } from '$tests/helpers/fuzz-interop';
import { sha256Hex } from '$lib/core/ids';
import type { EpochMs, ItemId, ProjectId } from '$lib/core/types';
import { bundleApply, bundleExport, bundleRead } from './bundle';
import { itemsAdd, metaInit, projectDocFrom } from './doc';
import { StateFileError, stateFileMake, stateFileRead } from './state-file';

const SEED = Number(process.env.FUZZ_SEED ?? 20240609);
const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
/** Per case, to catch hangs: a few garbage updates of a few bytes take ~0.4 s in Yjs alone, more on a loaded machine. */
const MS_PER_CASE = 10_000;
const enc = new TextEncoder();

function doc(): Y.Doc {
	const p = projectDocFrom(new Y.Doc());
	metaInit(p, {
		id: 'p1' as ProjectId,
		name: 'Fuzz',
		description: '',
		created: 1 as EpochMs,
		schema: { tasks: [] }
	});
	itemsAdd(
		p,
		Array.from({ length: 20 }, (_, i) => ({
			id: `i${i}` as ItemId,
			kind: 'text' as const,
			text: `Café ${i}`,
			seq: i
		}))
	);
	return p.doc;
}

const project = { id: 'p1', name: 'Fuzz' };
const plain = await bundleExport({ doc: doc(), project, by: 'a', now: 1 });
const sealed = await bundleExport({
	doc: doc(),
	project,
	by: 'a',
	now: 1,
	passphrase: 'pw',
	iterations: 1000
});
const state = stateFileMake('p1', 'ann', Y.encodeStateVector(doc()));

/** Bytes around a real file: random, cut, one byte changed. */
const around = (bytes: Uint8Array) => fc.oneof(...fuzzAround(bytes));

/** A bundle whose manifest is JSON built from `manifest` and whose update is `update`. */
async function craft(
	manifest: (u: { size: number; sha256: string }) => string,
	update: Uint8Array
) {
	const u = { size: update.length, sha256: await sha256Hex(update) };
	return zipSync({ 'manifest.json': enc.encode(manifest(u)), 'update.bin': update });
}

const manifestOf = (u: { size: number; sha256: string }, extra: Record<string, unknown> = {}) =>
	JSON.stringify({
		format: 'quorum-bundle',
		version: 1,
		project,
		created: 1,
		by: 'a',
		partial: false,
		update: u,
		media: [],
		...extra
	});

type Input =
	| { kind: 'bytes'; bytes: Uint8Array; pass: string }
	| { kind: 'craft'; make: () => Promise<Uint8Array> };

const bundleInput: fc.Arbitrary<Input> = fc.oneof(
	fc
		.tuple(fc.oneof(around(plain), around(sealed)), fc.constantFrom('', 'pw', 'wrong'))
		.map(([bytes, pass]) => ({ kind: 'bytes' as const, bytes, pass })),
	// A valid checksum over garbage: the update itself must be refused.
	fc.uint8Array({ maxLength: 4000 }).map((u) => ({
		kind: 'craft' as const,
		make: () => craft((x) => manifestOf(x), u)
	})),
	// Huge or deeply nested manifest fields.
	fc.integer({ min: 1, max: 2_000_000 }).map((n) => ({
		kind: 'craft' as const,
		make: () => craft((x) => manifestOf(x, { by: 'x'.repeat(n) }), Y.encodeStateAsUpdate(doc()))
	})),
	fc.integer({ min: 1, max: 50_000 }).map((n) => ({
		kind: 'craft' as const,
		make: () =>
			craft(
				(x) => manifestOf(x).replace('"media":[]', `"media":${'['.repeat(n)}${']'.repeat(n)}`),
				Y.encodeStateAsUpdate(doc())
			)
	})),
	fc
		.record({
			it: fc.integer({ min: -5, max: 20_000_000 }),
			salt: fc.string({ maxLength: 30 }),
			iv: fc.string({ maxLength: 30 })
		})
		.map((s) => ({
			kind: 'craft' as const,
			make: async () =>
				zipSync({
					'manifest.json': enc.encode(
						JSON.stringify({
							format: 'quorum-bundle',
							version: 1,
							project,
							media: [],
							sealed: {
								kdf: 'PBKDF2-SHA-256',
								cipher: 'AES-256-GCM',
								iterations: s.it % 5000,
								salt: s.salt,
								iv: s.iv
							}
						})
					),
					'sealed.bin': new Uint8Array(40)
				})
		}))
);

async function bundleCase(input: Input): Promise<'ok' | 'refused'> {
	const bytes = input.kind === 'bytes' ? input.bytes : await input.make();
	const pass = input.kind === 'bytes' ? input.pass : 'pw';
	let content;
	try {
		content = await bundleRead(bytes, pass);
	} catch (e) {
		if ((e instanceof BundleError || e instanceof PassphraseError) && e.message.length > 10)
			return 'refused';
		throw e;
	}
	// A bundle that reads must apply whole to a project doc.
	const target = doc();
	bundleApply(target, content, 'p1');
	return 'ok';
}

function stateCase(bytes: Uint8Array): 'ok' | 'refused' {
	try {
		const r = stateFileRead(bytes, 'p1');
		Y.decodeStateVector(r.sv);
		return 'ok';
	} catch (e) {
		if (e instanceof StateFileError && e.message.length < 300) return 'refused';
		throw e;
	}
}

const stateInput = fc.oneof(
	around(state),
	fc.string({ maxLength: 300 }).map((sv) =>
		enc.encode(
			JSON.stringify({
				format: 'quorum-state',
				version: 1,
				project: 'p1',
				by: 'a',
				stateVector: sv
			})
		)
	),
	fc
		.integer({ min: 1, max: 50_000 })
		.map((n) =>
			enc.encode(
				`{"format":"quorum-state","version":${'['.repeat(n)}${']'.repeat(n)},"stateVector":""}`
			)
		),
	fc.uint8Array({ maxLength: 500 }).map((b) =>
		enc.encode(
			JSON.stringify({
				format: 'quorum-state',
				version: 1,
				project: 'p1',
				stateVector: btoa(String.fromCharCode(...b))
			})
		)
	)
);

async function timed<T>(f: () => Promise<T> | T): Promise<number> {
	const t0 = performance.now();
	await f();
	return performance.now() - t0;
}

describe('fuzz: sync files give a checked result or a named error', () => {
	it(`bundles, plain and encrypted (seed ${SEED}, ${RUNS} runs)`, async () => {
		const seen = new Set<string>();
		await fc.assert(
			fc.asyncProperty(bundleInput, async (input) => {
				let r = '';
				const ms = await timed(async () => (r = await bundleCase(input)));
				seen.add(r);
				if (ms > MS_PER_CASE) throw new Error(`took ${ms.toFixed(0)} ms`);
			}),
			{ seed: SEED, numRuns: RUNS, endOnFailure: true }
		);
		expect(seen.has('refused')).toBe(true);
	}, 120_000);

	it(`state files (seed ${SEED}, ${RUNS} runs)`, async () => {
		let cases = 0;
		await fc.assert(
			fc.asyncProperty(stateInput, async (bytes) => {
				const ms = await timed(() => stateCase(bytes));
				if (ms > MS_PER_CASE) throw new Error(`took ${ms.toFixed(0)} ms`);
				cases++;
			}),
			{ seed: SEED, numRuns: RUNS, endOnFailure: true }
		);
		expect(cases).toBe(RUNS);
	}, 120_000);

	it(`sealed data with any settings (seed ${SEED}, ${RUNS} runs)`, async () => {
		let opened = 0;
		let refused = 0;
		const params = fc.record({
			kdf: fc.constant('PBKDF2-SHA-256' as const),
			cipher: fc.constant('AES-256-GCM' as const),
			iterations: fc.oneof(fc.integer({ min: -3, max: 3000 }), fc.constantFrom(0.5, NaN, 1e12)),
			salt: fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 })),
			iv: fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 }))
		});
		await fc.assert(
			fc.asyncProperty(params, fc.uint8Array({ maxLength: 200 }), async (p: SealedParams, c) => {
				await unseal(c, p, 'pw').then(
					() => opened++,
					(e: unknown) => {
						if (!(e instanceof PassphraseError)) throw e;
						refused++;
					}
				);
			}),
			{ seed: SEED, numRuns: RUNS, endOnFailure: true }
		);
		// Random bytes never authenticate under AES-GCM.
		expect({ opened, refused }).toEqual({ opened: 0, refused: RUNS });
	}, 120_000);
});
