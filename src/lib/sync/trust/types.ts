// The public shapes of signed membership: what a Trust takes (its deps) and what it reports.
import type { DeviceKeys, RoomSecret } from '$lib/core/signing';
import type { AnnotatorId } from '$lib/core/types';

/** The owner this device trusts: from the invite link, or the first valid member list it saw. */
export interface TrustAnchor {
	owner?: AnnotatorId;
	/** Fingerprint of the owner's public signing key. */
	fp: string;
}

export interface TrustReport {
	/** Member id the edit claims to come from (unauthenticated when the signature is invalid). */
	who: string;
	what: 'member list' | 'schema' | 'settings' | 'review decision' | 'gold answer' | 'room key';
	/** When the edit says it was made (its own clock), or when it was seen if unsigned. */
	at: number;
	why: string;
}

export interface TrustStore {
	get<T>(key: string): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
}

/** Synchronous storage that outlives the page: localStorage (or an in-memory one in tests). */
export interface MineStorage {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export interface TrustDeps {
	projectId: string;
	me: AnnotatorId;
	keys: DeviceKeys;
	store: TrustStore;
	now(): number;
	/** Views must re-read (the trusted schema, settings, reviews or members changed). */
	onChange(): void;
	/** A new room for this device (after a member was removed). */
	onRoom(secret: RoomSecret, epoch: number): void;
	/** The epoch of the room this device is in (0 for the first). */
	roomEpoch(): number;
	/** The member a Yjs client id says it is (awareness), to name the author of unsigned edits. */
	whoIs?(client: number): string | undefined;
	/** How long an unsigned edit may wait for its signature before it is reported (ms). */
	graceMs?: number;
	/**
	 * Remembers this device's edits that wait for their signature, across page loads: `storage`
	 * is written synchronously with each edit; `saved` resolves once every doc change so far is
	 * stored (then a signed edit is forgotten). Without it, a load before the signature loses it.
	 */
	mine?: { storage: MineStorage; saved(): Promise<void> };
}
