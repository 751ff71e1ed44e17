/**
 * The Team page's and the connection badge's view of one open project's sharing
 * (docs/ARCHITECTURE.md#sync-protocol). The work (room, mesh, relay, presence, members, trust,
 * doc guard, blobs) is sync/team/team-sync.ts's; each getter here tracks only the team topic it
 * shows. The project layout makes one per open project and shares it through context.
 */
import { createSubscriber } from 'svelte/reactivity';
import type { AnnotatorId, ItemId, Member, Role } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import { bundleMakeOf, bundleApplyTo, stateVectorOf } from '$lib/sync/team/bundles';
import { bundleRead } from '$lib/sync/bundle';
import {
	TeamSync,
	type ConnectionState,
	type Me,
	type Presence,
	type RelayStatus,
	type RoomCreds,
	type TeamTopic,
	type TrustReport
} from '$lib/sync/team/team-sync';
import { stateFileMake, stateFileRead } from '$lib/sync/state-file';
import { mediaDepsWire } from '../media-wire';
import type { ProjectSession } from '../project-session.svelte';
import { syncConfigLoad, type Prefs } from './sync-config';

export type { ConnectionState, Me };

export class ProjectSync {
	readonly #s: ProjectSession;
	readonly #team: TeamSync;
	readonly #me: Me;
	readonly #now: () => number;
	readonly #track: Record<TeamTopic, () => void>;

	constructor(
		session: ProjectSession,
		me: Me,
		deps: { prefs: Prefs; now?: () => number; blobs?: BlobsRepo }
	) {
		this.#s = session;
		this.#me = me;
		this.#now = deps.now ?? Date.now;
		const storage = typeof localStorage !== 'undefined' ? localStorage : undefined;
		const team = new TeamSync(session.store, {
			project: session.id,
			me,
			prefs: deps.prefs,
			now: this.#now,
			config: () => syncConfigLoad(deps.prefs),
			blobs: () => deps.blobs ?? mediaDepsWire().blobs,
			saved: () => session.flush(),
			onArrived: () => void session.summaryEnsure(),
			...(storage ? { storage } : {})
		});
		this.#team = team;
		const tracker = (topic: TeamTopic) => createSubscriber((update) => team.on(topic, update));
		this.#track = {
			status: tracker('status'),
			presence: tracker('presence'),
			members: tracker('members'),
			trust: tracker('trust'),
			blobs: tracker('blobs'),
			guard: tracker('guard')
		};
		session.collab = {
			me: me.id,
			members: () => this.members,
			claimedByOthers: () => this.claimedByOthers(),
			focus: (item) => team.focus(item)
		};
	}

	// ---- connection ----

	/** The project's room on this device, once it is shared. */
	get creds(): RoomCreds | undefined {
		this.#track.status();
		return this.#team.creds;
	}

	get state(): ConnectionState {
		this.#track.status();
		return this.#team.status.state;
	}

	/** Connected WebRTC peers. */
	get peers(): number {
		this.#track.status();
		return this.#team.status.peers;
	}

	/** Other tabs of this browser with the project open. */
	get tabs(): number {
		this.#track.status();
		return this.#team.status.tabs;
	}

	get relayState(): RelayStatus {
		this.#track.status();
		return this.#team.status.relay;
	}

	/** True once this device holds the project (meta arrived or was here). */
	get hasProject(): boolean {
		this.#track.status();
		return this.#team.hasProject;
	}

	// ---- team ----

	/** Everyone else online, one entry per tab, with the item each has open. */
	get others(): readonly Presence[] {
		this.#track.presence();
		return this.#team.others;
	}

	/** Items other people have open right now. */
	claimedByOthers(): ReadonlySet<ItemId> {
		this.#track.presence();
		return this.#team.claimedByOthers();
	}

	get members(): readonly Member[] {
		this.#track.members();
		return this.#team.members;
	}

	/** Member values from peers that failed validation (set aside, never shown). */
	get invalidMembers(): number {
		this.#track.members();
		return this.#team.invalidMembers;
	}

	get myRole(): Role | undefined {
		this.#track.members();
		return this.#team.myRole;
	}

	/** Signed membership (sync/trust/): edits ignored for a bad signature or role, and why. */
	get trustReports(): readonly TrustReport[] {
		this.#track.trust();
		return this.#team.trustReports;
	}

	/** Whether the project's member list is signed by its owner. */
	get secured(): boolean {
		this.#track.trust();
		return this.#team.secured;
	}

	/** The owner's key fingerprint (goes into invite links). */
	get ownerFp(): string | undefined {
		this.#track.trust();
		return this.#team.ownerFp;
	}

	/** The owner moved the team to a new room without this device (it was removed). */
	get removedFromRoom(): boolean {
		this.#track.trust();
		return this.#team.removedFromRoom;
	}

	// ---- what the sync set aside or fetched ----

	/** Media blobs fetched from peers in this page load. */
	get blobsFetched(): number {
		this.#track.blobs();
		return this.#team.blobCounts.fetched;
	}

	/** Media blobs from peers refused (wrong SHA-256 or a hostile answer), and the last reason. */
	get blobsRejected(): number {
		this.#track.blobs();
		return this.#team.blobCounts.rejected;
	}

	get blobRejectReason(): string {
		this.#track.blobs();
		return this.#team.blobCounts.reason;
	}

	/** Labels the guard put back after a peer overwrote or deleted them, since `guardSince`. */
	get guardRestored(): number {
		this.#track.guard();
		return this.#team.guardTotals.restored;
	}

	/** Invalid values from peers the guard saw (set aside, never shown), since `guardSince`. */
	get guardInvalid(): number {
		this.#track.guard();
		return this.#team.guardTotals.invalid;
	}

	/** When the guard's totals started (ms); undefined while there are none. */
	get guardSince(): number | undefined {
		this.#track.guard();
		return this.#team.guardTotals.since;
	}

	// ---- commands ----

	/** Connects when this device has the project's room; otherwise stays local. */
	start(): Promise<void> {
		return this.#team.start();
	}

	/** Makes the project shareable: creates its room (once) and connects. I become its owner. */
	share(): Promise<RoomCreds> {
		return this.#team.share();
	}

	/** Publishes the item I have open (my soft claim on it). */
	focus(item: ItemId | undefined): void {
		this.#team.focus(item);
	}

	roleSet(member: AnnotatorId, role: Role): void {
		this.#team.roleSet(member, role);
	}

	/** Owner only: removes a member and moves everyone else to a new room. */
	memberRemove(member: AnnotatorId): Promise<void> {
		return this.#team.memberRemove(member);
	}

	/** Clears the guard's totals on this device; later counts start a new report. */
	guardClear(): void {
		this.#team.guardClear();
	}

	// ---- sync files ----

	/** A `.quorum` bundle of the whole project, or of what a peer with `since` lacks. */
	bundleMake(opts: { passphrase?: string; since?: Uint8Array } = {}): Promise<Uint8Array> {
		return bundleMakeOf(this.#s.store, {
			project: { id: this.#s.id, name: this.#s.store.name },
			by: this.#me.name,
			now: this.#now(),
			...opts
		});
	}

	/** This device's state vector, for a peer to send only what is missing here. */
	stateVector(): Uint8Array {
		return stateVectorOf(this.#s.store);
	}

	/** This device's state file, for another device to make a bundle of only what is missing here. */
	stateFile(): Uint8Array {
		return stateFileMake(this.#s.id, this.#me.name, this.stateVector());
	}

	/** Reads another device's state file of this project; throws a message for the user. */
	stateFileRead(bytes: Uint8Array): { sv: Uint8Array; by: string } {
		return stateFileRead(bytes, this.#s.id);
	}

	/** Merges a bundle; returns whether anything changed. Throws a message for the user. */
	async bundleImport(bytes: Uint8Array, passphrase = ''): Promise<boolean> {
		const content = await bundleRead(bytes, passphrase);
		const changed = bundleApplyTo(this.#s.store, content, this.#s.id);
		await this.#s.flush();
		return changed;
	}

	async destroy(): Promise<void> {
		this.#s.collab = undefined;
		await this.#team.destroy();
	}
}
