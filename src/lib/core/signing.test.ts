import { describe, expect, it } from 'vitest';
import type { AnnotatorId } from './types';
import {
	canonicalJson,
	deviceKeysNew,
	editCheck,
	isDeviceKeys,
	keyFingerprint,
	membersCheck,
	reviewCheck,
	reviewSign,
	roomOpen,
	roomSeal,
	signedMake,
	signedVerify,
	type DeviceKeys,
	type MembersBody
} from './signing';

const A = 'ada' as AnnotatorId;
const B = 'bo' as AnnotatorId;
const C = 'cy' as AnnotatorId;

async function team(): Promise<{
	keys: Record<'ada' | 'bo' | 'cy', DeviceKeys>;
	body: MembersBody;
}> {
	const keys = {
		ada: await deviceKeysNew(),
		bo: await deviceKeysNew(),
		cy: await deviceKeysNew()
	};
	const body: MembersBody = {
		epoch: 1,
		members: [
			{ id: A, role: 'owner', key: keys.ada.signPub, dh: keys.ada.dhPub },
			{ id: B, role: 'reviewer', key: keys.bo.signPub, dh: keys.bo.dhPub },
			{ id: C, role: 'annotator', key: keys.cy.signPub, dh: keys.cy.dhPub }
		]
	};
	return { keys, body };
}

describe('canonicalJson', () => {
	it('sorts keys at every depth and drops undefined fields', () => {
		expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe(
			'{"a":{"d":[1,{"x":1,"y":2}]},"b":1}'
		);
		expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
	});
});

describe('device keys', () => {
	it('makes non-extractable private keys and 65-byte raw public keys', async () => {
		const k = await deviceKeysNew();
		expect(isDeviceKeys(k)).toBe(true);
		expect(k.sign.privateKey.extractable).toBe(false);
		expect(k.dh.privateKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('pkcs8', k.sign.privateKey)).rejects.toThrow();
		expect(atob(k.signPub)).toHaveLength(65);
		expect(await keyFingerprint(k.signPub)).toMatch(/^[0-9a-f]{16}$/);
		expect(isDeviceKeys({ ...k, signPub: 1 })).toBe(false);
	});
});

describe('signed values', () => {
	it('verifies with the author key only, and not after any change', async () => {
		const { keys } = await team();
		const rec = await signedMake(keys.ada, 'schema', { tasks: [] }, A, 1000);
		expect(await signedVerify(rec, keys.ada.signPub)).toBe(true);
		expect(await signedVerify(rec, keys.bo.signPub)).toBe(false);
		expect(await signedVerify({ ...rec, at: 1001 }, keys.ada.signPub)).toBe(false);
		expect(await signedVerify({ ...rec, by: B }, keys.ada.signPub)).toBe(false);
		expect(await signedVerify({ ...rec, body: { tasks: [1] } }, keys.ada.signPub)).toBe(false);
		expect(await signedVerify({ ...rec, kind: 'settings' }, keys.ada.signPub)).toBe(false);
		expect(await signedVerify({ ...rec, sig: 'AAAA' }, keys.ada.signPub)).toBe(false);
		expect(await signedVerify(rec, 'not a key')).toBe(false);
	});

	it('the member list must be signed by an owner, and by the anchored owner key', async () => {
		const { keys, body } = await team();
		const ok = await signedMake(keys.ada, 'members', body, A, 1);
		const fpA = await keyFingerprint(keys.ada.signPub);
		expect(await membersCheck(ok, undefined)).toBe('');
		expect(await membersCheck(ok, { owner: A, fp: fpA })).toBe('');
		// Bo signs a list that makes himself owner: valid signature, but not the anchor's key.
		const coup: MembersBody = {
			epoch: 2,
			members: body.members.map((m) => (m.id === B ? { ...m, role: 'owner' } : m))
		};
		const forged = await signedMake(keys.bo, 'members', coup, B, 2);
		expect(await membersCheck(forged, undefined)).toBe('');
		expect(await membersCheck(forged, { owner: A, fp: fpA })).toMatch(/project owner/);
		expect(await membersCheck(forged, { fp: fpA })).toMatch(/not the project owner/);
		// A reviewer cannot sign the list at all.
		expect(await membersCheck(await signedMake(keys.bo, 'members', body, B, 3), undefined)).toMatch(
			/not signed by an owner/
		);
		expect(await membersCheck({ ...ok, body: { ...body, epoch: 9 } }, undefined)).toBe(
			'invalid signature'
		);
		expect(await membersCheck({ ...ok, body: { epoch: 1 } }, undefined)).toBe(
			'malformed member list'
		);
	});

	it('schema and settings edits need a valid signature and the owner role', async () => {
		const { keys, body } = await team();
		const owner = await signedMake(keys.ada, 'schema', { tasks: [] }, A, 5);
		expect(await editCheck(owner, body, ['owner'])).toBe('');
		const annot = await signedMake(keys.cy, 'schema', { tasks: [] }, C, 6);
		expect(await editCheck(annot, body, ['owner'])).toMatch(/owner role, has annotator/);
		// Claims to be the owner, signed with the annotator's key.
		const claim = { ...(await signedMake(keys.cy, 'schema', { tasks: [] }, A, 6)) };
		expect(await editCheck(claim, body, ['owner'])).toBe('invalid signature');
		const stranger = await signedMake(await deviceKeysNew(), 'schema', {}, 'zz' as AnnotatorId, 7);
		expect(await editCheck(stranger, body, ['owner'])).toBe('not a member');
	});

	it('review values need a reviewer or owner signature for their own `by`', async () => {
		const { keys, body } = await team();
		const d = { item: 'i1', task: 't1', by: B, at: 3, value: { labels: ['x'] } };
		const key = 'final/i1/t1/bo';
		const signed = await reviewSign(keys.bo, B, key, d);
		expect(await reviewCheck(key, signed, body)).toBe('');
		// The same value under another key, or changed, fails.
		expect(await reviewCheck('final/i2/t1/bo', signed, body)).toBe('invalid signature');
		expect(await reviewCheck(key, { ...signed, value: { labels: ['y'] } }, body)).toBe(
			'invalid signature'
		);
		expect(await reviewCheck(key, d, body)).toBe('unsigned');
		// An annotator signing a decision in their own name: right signature, wrong role.
		const byC = { ...d, by: C };
		expect(
			await reviewCheck('final/i1/t1/cy', await reviewSign(keys.cy, C, 'final/i1/t1/cy', byC), body)
		).toMatch(/reviewer or owner role/);
		// A reviewer cannot sign for someone else; the owner may vouch for an older value.
		expect(await reviewCheck(key, await reviewSign(keys.bo, B, key, { ...d, by: A }), body)).toBe(
			'signed for someone else'
		);
		expect(await reviewCheck(key, await reviewSign(keys.ada, A, key, d), body)).toBe('');
	});
});

describe('room rotation envelopes', () => {
	it('each remaining member opens the new room; a removed member and tampering do not', async () => {
		const { keys } = await team();
		const secret = { room: 'quorum-new', key: 'k'.repeat(24) };
		const body = await roomSeal(secret, 4, [
			{ id: A, dh: keys.ada.dhPub },
			{ id: B, dh: keys.bo.dhPub },
			{ id: 'bad', dh: 'not a key' }
		]);
		expect(Object.keys(body.to).sort()).toEqual([A, B]);
		expect(await roomOpen(body, A, keys.ada.dh.privateKey)).toEqual(secret);
		expect(await roomOpen(body, B, keys.bo.dh.privateKey)).toEqual(secret);
		// Cy was removed: no entry; using Bo's entry with Cy's key fails too.
		expect(await roomOpen(body, C, keys.cy.dh.privateKey)).toBeUndefined();
		const stolen = { ...body, to: { [C]: body.to[B] as { iv: string; ct: string } } };
		expect(await roomOpen(stolen, C, keys.cy.dh.privateKey)).toBeUndefined();
		// Another epoch derives another key.
		expect(await roomOpen({ ...body, epoch: 5 }, A, keys.ada.dh.privateKey)).toBeUndefined();
		// The envelope is signed by the owner as a whole.
		const rec = await signedMake(keys.ada, 'room', body, A, 9);
		expect(await signedVerify(rec, keys.ada.signPub)).toBe(true);
		const swapped = { ...rec, body: { ...body, eph: (await roomSeal(secret, 4, [])).eph } };
		expect(await signedVerify(swapped, keys.ada.signPub)).toBe(false);
	});
});
