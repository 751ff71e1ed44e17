/**
 * Signed membership (docs/ARCHITECTURE.md#trust-model): each device holds an ECDSA P-256 key pair
 * for signatures and an ECDH P-256 key pair for receiving room keys. The owner signs the member
 * list and roles; schema, settings and review edits carry their author's signature. Pure WebCrypto,
 * so it runs the same in browsers and node ≥ 20. Public keys travel as base64 of the raw
 * (uncompressed) point.
 */
import { base64From, base64To } from './crypto';
import type { AnnotatorId, Role } from './types';

const SIGN = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN_HASH = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DH = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** A device's keys. Private keys are not extractable (they can be stored in IndexedDB as is). */
export interface DeviceKeys {
	sign: CryptoKeyPair;
	dh: CryptoKeyPair;
	/** Base64 of the raw public keys. */
	signPub: string;
	dhPub: string;
}

const buf = (a: Uint8Array): Uint8Array<ArrayBuffer> => a as Uint8Array<ArrayBuffer>;

export async function deviceKeysNew(): Promise<DeviceKeys> {
	const sign = await crypto.subtle.generateKey(SIGN, false, ['sign', 'verify']);
	const dh = await crypto.subtle.generateKey(DH, false, ['deriveBits']);
	return {
		sign,
		dh,
		signPub: base64From(new Uint8Array(await crypto.subtle.exportKey('raw', sign.publicKey))),
		dhPub: base64From(new Uint8Array(await crypto.subtle.exportKey('raw', dh.publicKey)))
	};
}

/** Whether a stored value is a usable DeviceKeys (CryptoKeys survive IndexedDB's clone). */
export function isDeviceKeys(v: unknown): v is DeviceKeys {
	if (typeof v !== 'object' || v === null) return false;
	const k = v as Partial<DeviceKeys>;
	const pair = (p: unknown) =>
		typeof p === 'object' &&
		p !== null &&
		(p as CryptoKeyPair).privateKey instanceof CryptoKey &&
		(p as CryptoKeyPair).publicKey instanceof CryptoKey;
	return pair(k.sign) && pair(k.dh) && typeof k.signPub === 'string' && typeof k.dhPub === 'string';
}

/** JSON with sorted object keys, so the same value always gives the same bytes. */
export function canonicalJson(v: unknown): string {
	if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
	if (Array.isArray(v))
		return `[${v.map((x) => canonicalJson(x === undefined ? null : x)).join(',')}]`;
	const o = v as Record<string, unknown>;
	const keys = Object.keys(o)
		.filter((k) => o[k] !== undefined)
		.sort();
	return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}

/** Short fingerprint of a public key (first 16 hex digits of its SHA-256), for invite links. */
export async function keyFingerprint(pub: string): Promise<string> {
	const d = new Uint8Array(await crypto.subtle.digest('SHA-256', buf(base64To(pub))));
	return [...d.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const payload = (kind: string, body: unknown) =>
	buf(new TextEncoder().encode(`quorum/${kind}\n${canonicalJson(body)}`));

export async function signBytes(keys: DeviceKeys, kind: string, body: unknown): Promise<string> {
	const sig = await crypto.subtle.sign(SIGN_HASH, keys.sign.privateKey, payload(kind, body));
	return base64From(new Uint8Array(sig));
}

const pubCache = new Map<string, Promise<CryptoKey | undefined>>();
function publicKey(pub: string, alg: typeof SIGN | typeof DH): Promise<CryptoKey | undefined> {
	const id = `${alg.name}:${pub}`;
	let k = pubCache.get(id);
	if (!k) {
		k = (async () => {
			try {
				const raw = base64To(pub);
				if (raw.length !== 65) return undefined;
				return await crypto.subtle.importKey(
					'raw',
					buf(raw),
					alg,
					true,
					alg.name === 'ECDSA' ? ['verify'] : []
				);
			} catch {
				return undefined;
			}
		})();
		if (pubCache.size > 1000) pubCache.clear();
		pubCache.set(id, k);
	}
	return k;
}

/** Whether `sig` is `pub`'s signature of `body` as `kind`; false for anything malformed. */
export async function verifyBytes(
	pub: string,
	kind: string,
	body: unknown,
	sig: string
): Promise<boolean> {
	if (typeof pub !== 'string' || typeof sig !== 'string' || sig.length > 200) return false;
	const key = await publicKey(pub, SIGN);
	if (!key) return false;
	try {
		return await crypto.subtle.verify(SIGN_HASH, key, buf(base64To(sig)), payload(kind, body));
	} catch {
		return false;
	}
}

/** A value signed by one member: what (`kind`), the value, who and when. */
export interface Signed<T> {
	kind: string;
	body: T;
	by: AnnotatorId;
	at: number;
	sig: string;
}

export async function signedMake<T>(
	keys: DeviceKeys,
	kind: string,
	body: T,
	by: AnnotatorId,
	at: number
): Promise<Signed<T>> {
	return { kind, body, by, at, sig: await signBytes(keys, kind, { body, by, at }) };
}

export function isSignedShape(v: unknown): v is Signed<unknown> {
	if (typeof v !== 'object' || v === null) return false;
	const s = v as Partial<Signed<unknown>>;
	return (
		typeof s.kind === 'string' &&
		s.kind.length <= 64 &&
		typeof s.by === 'string' &&
		s.by.length > 0 &&
		s.by.length <= 128 &&
		typeof s.at === 'number' &&
		Number.isFinite(s.at) &&
		typeof s.sig === 'string' &&
		'body' in s
	);
}

export function signedVerify(rec: Signed<unknown>, pub: string): Promise<boolean> {
	return verifyBytes(pub, rec.kind, { body: rec.body, by: rec.by, at: rec.at }, rec.sig);
}

/** One entry of the owner-signed member list. */
export interface SignedMember {
	id: AnnotatorId;
	role: Role;
	/** Public signing key (base64 raw P-256). */
	key: string;
	/** Public ECDH key, for receiving room keys. */
	dh: string;
}

/** The owner-signed member list. `epoch` grows with every change; rotations raise it too. */
export interface MembersBody {
	epoch: number;
	members: SignedMember[];
	/** Members the owner removed: they are not added back when they publish keys again. */
	removed?: AnnotatorId[];
}

export function isMembersBody(v: unknown): v is MembersBody {
	if (typeof v !== 'object' || v === null) return false;
	const b = v as Partial<MembersBody>;
	return (
		typeof b.epoch === 'number' &&
		Number.isInteger(b.epoch) &&
		Array.isArray(b.members) &&
		b.members.length <= 10_000 &&
		(b.removed === undefined ||
			(Array.isArray(b.removed) && b.removed.every((r) => typeof r === 'string'))) &&
		b.members.every(
			(m: unknown) =>
				typeof m === 'object' &&
				m !== null &&
				typeof (m as SignedMember).id === 'string' &&
				typeof (m as SignedMember).key === 'string' &&
				typeof (m as SignedMember).dh === 'string' &&
				['owner', 'annotator', 'reviewer'].includes((m as SignedMember).role)
		)
	);
}

/**
 * Checks a signed member list against the trust anchor (the owner this device trusts: from the
 * invite link's fingerprint or the first valid list it saw). Returns why it is refused, or ''.
 */
export async function membersCheck(
	rec: Signed<unknown>,
	anchor: { owner?: AnnotatorId; fp: string } | undefined
): Promise<string> {
	if (rec.kind !== 'members' || !isMembersBody(rec.body)) return 'malformed member list';
	const signer = rec.body.members.find((m) => m.id === rec.by);
	if (!signer || signer.role !== 'owner') return 'member list not signed by an owner';
	if (anchor) {
		if (anchor.owner && anchor.owner !== rec.by)
			return 'member list not signed by the project owner';
		if ((await keyFingerprint(signer.key)) !== anchor.fp)
			return 'member list signed with a key that is not the project owner’s';
	}
	return (await signedVerify(rec, signer.key)) ? '' : 'invalid signature';
}

/** Why an edit signed by `by` needing one of `roles` is refused under `members`, or ''. */
export async function editCheck(
	rec: Signed<unknown>,
	members: MembersBody,
	roles: readonly Role[]
): Promise<string> {
	const m = members.members.find((x) => x.id === rec.by);
	if (!m) return 'not a member';
	if (!(await signedVerify(rec, m.key))) return 'invalid signature';
	if (!roles.includes(m.role)) return `needs the ${roles.join(' or ')} role, has ${m.role}`;
	return '';
}

/** A review value (decision or gold answer) with its signature fields. */
export interface ReviewSig {
	/** Who signed (the value's author, or an owner vouching for a value made before signing). */
	signer?: AnnotatorId;
	sig?: string;
}

/** Signs a review value (its `sig`/`signer` fields are left out of what is signed). */
export async function reviewSign<T extends object>(
	keys: DeviceKeys,
	signer: AnnotatorId,
	key: string,
	v: T
): Promise<T & ReviewSig> {
	const rest = { ...v } as Record<string, unknown>;
	delete rest.sig;
	delete rest.signer;
	return { ...v, signer, sig: await signBytes(keys, 'review', { key, v: rest, signer }) };
}

/** Why a review value at `key` is refused, or '': signed by a reviewer or owner of the list. */
export async function reviewCheck(key: string, v: unknown, members: MembersBody): Promise<string> {
	if (typeof v !== 'object' || v === null) return 'malformed';
	const { sig, signer, ...rest } = v as Record<string, unknown>;
	if (typeof sig !== 'string' || typeof signer !== 'string') return 'unsigned';
	const m = members.members.find((x) => x.id === signer);
	if (!m) return 'not a member';
	if (!(await verifyBytes(m.key, 'review', { key, v: rest, signer }, sig)))
		return 'invalid signature';
	if (m.role !== 'owner' && m.role !== 'reviewer')
		return `needs the reviewer or owner role, has ${m.role}`;
	// A reviewer signs only their own values; an owner may vouch for anyone's.
	if (m.role !== 'owner' && rest.by !== signer) return 'signed for someone else';
	return '';
}

/** A room name and key (y-webrtc password). */
export interface RoomSecret {
	room: string;
	key: string;
}

/** The new room, encrypted for each remaining member (ECDH P-256 → HKDF-SHA-256 → AES-256-GCM). */
export interface RoomBody {
	epoch: number;
	/** The owner's one-time ECDH public key. */
	eph: string;
	to: Record<string, { iv: string; ct: string }>;
}

export function isRoomBody(v: unknown): v is RoomBody {
	if (typeof v !== 'object' || v === null) return false;
	const b = v as Partial<RoomBody>;
	return (
		typeof b.epoch === 'number' &&
		typeof b.eph === 'string' &&
		typeof b.to === 'object' &&
		b.to !== null &&
		Object.values(b.to).every(
			(e: unknown) =>
				typeof e === 'object' &&
				e !== null &&
				typeof (e as { iv: unknown }).iv === 'string' &&
				typeof (e as { ct: unknown }).ct === 'string'
		)
	);
}

async function wrapKey(
	priv: CryptoKey,
	pub: CryptoKey,
	epoch: number,
	member: string
): Promise<CryptoKey> {
	const bits = await crypto.subtle.deriveBits({ name: 'ECDH', public: pub }, priv, 256);
	const hk = await crypto.subtle.importKey('raw', bits, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{
			name: 'HKDF',
			hash: 'SHA-256',
			salt: new Uint8Array(0),
			info: new TextEncoder().encode(`quorum/room/${epoch}/${member}`)
		},
		hk,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

/** Encrypts the new room for each recipient's published ECDH key (malformed keys are skipped). */
export async function roomSeal(
	secret: RoomSecret,
	epoch: number,
	recipients: readonly { id: string; dh: string }[]
): Promise<RoomBody> {
	const eph = await crypto.subtle.generateKey(DH, true, ['deriveBits']);
	const to: RoomBody['to'] = {};
	const plain = buf(new TextEncoder().encode(JSON.stringify(secret)));
	for (const r of recipients) {
		const pub = await publicKey(r.dh, DH);
		if (!pub) continue;
		const iv = crypto.getRandomValues(new Uint8Array(12));
		const k = await wrapKey(eph.privateKey, pub, epoch, r.id);
		const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, plain));
		Object.defineProperty(to, r.id, {
			value: { iv: base64From(iv), ct: base64From(ct) },
			enumerable: true,
			writable: true,
			configurable: true
		});
	}
	return {
		epoch,
		eph: base64From(new Uint8Array(await crypto.subtle.exportKey('raw', eph.publicKey))),
		to
	};
}

/** Opens this member's copy of the new room; undefined when there is none or it does not open. */
export async function roomOpen(
	body: RoomBody,
	me: string,
	dh: CryptoKey
): Promise<RoomSecret | undefined> {
	const entry = Object.hasOwn(body.to, me) ? body.to[me] : undefined;
	const eph = await publicKey(body.eph, DH);
	if (!entry || !eph) return undefined;
	try {
		const k = await wrapKey(dh, eph, body.epoch, me);
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: buf(base64To(entry.iv)) },
			k,
			buf(base64To(entry.ct))
		);
		const s = JSON.parse(new TextDecoder().decode(plain)) as Partial<RoomSecret>;
		return typeof s.room === 'string' && typeof s.key === 'string'
			? { room: s.room, key: s.key }
			: undefined;
	} catch {
		return undefined;
	}
}
