/**
 * Sharing one open project with the team (docs/ARCHITECTURE.md#sync-protocol), behind its store:
 * the room on this device and moves to a new room after a member is removed, the live channels
 * (connection.ts), presence, members and roles (members.ts), the doc guard and its totals, and
 * media blobs between peers. Views hear of changes by topic and read the getters.
 */
import { testHookInstall } from 'virtual:quorum-test-hook';
import type { RoomSecret } from '$lib/core/signing';
import type { AnnotatorId, ItemId, Member, ProjectId, Role } from '$lib/core/types';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import { DocGuard } from '../guard';
import type { Presence } from '../presence';
import { projectDocOf, type ProjectStore } from '../project-store';
import type { MineStorage, TrustReport } from '../trust/types';
import { blobCountsOf, type BlobCounts } from './blob-share';
import { TeamConnection, type ConnectionConfig } from './connection';
import type { GuardTotals } from './guard-history';
import { GuardTotalsKeeper } from './guard-totals';
import { TeamMembers } from './members';
import { TeamPresence } from './presence';
import { roomCredsKey, roomCredsNew, type Me, type Prefs, type RoomCreds } from './room';
import type { TeamStatus } from './status';

export type { ConnectionConfig, Me, Presence, RoomCreds, TeamStatus, TrustReport };
export type { ConnectionState, RelayStatus } from './status';

/** What changed: views re-read only what they show. */
export type TeamTopic = 'status' | 'presence' | 'members' | 'trust' | 'blobs' | 'guard';

export interface TeamDeps {
	project: ProjectId;
	me: Me;
	prefs: Prefs;
	now(): number;
	/** Reads the device's connection settings. */
	config(): Promise<ConnectionConfig>;
	/** The device's media store (opened on first use). */
	blobs(): BlobsRepo;
	/** Resolves once every doc change so far is stored. */
	saved(): Promise<void>;
	/** The project arrived from a peer (the device's project list should name it now). */
	onArrived(): void;
	/**
	 * Storage that outlives the page (localStorage): my edits waiting for their signature, and
	 * the guard's totals.
	 */
	storage?: MineStorage;
}

export class TeamSync {
	readonly #store: ProjectStore;
	readonly #d: TeamDeps;
	readonly #presence: TeamPresence;
	readonly #members: TeamMembers;
	readonly #guard: DocGuard;
	readonly #guardTotals: GuardTotalsKeeper;
	readonly #conn: TeamConnection;
	readonly #listeners = new Map<TeamTopic, Set<() => void>>();
	#offs: (() => void)[] = [];
	#config: ConnectionConfig | undefined;
	#creds: RoomCreds | undefined;
	#hasProject = false;
	#moving: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;

	constructor(store: ProjectStore, deps: TeamDeps) {
		this.#store = store;
		this.#d = deps;
		const p = projectDocOf(store);
		const presence = new TeamPresence(store, deps.me, () => this.#emit('presence'));
		this.#presence = presence;
		this.#members = new TeamMembers(store, {
			...deps,
			whoIs: (client) => presence.whoIs(client),
			roomEpoch: () => this.#creds?.epoch ?? 0,
			onRoom: (secret, epoch) => void this.#moveTo(secret, epoch, 0),
			onMembers: () => this.#emit('members'),
			onTrust: () => this.#emit('trust')
		});
		// Restores honest labels that peers overwrite or delete, and counts what it set aside.
		this.#guard = new DocGuard(p, {
			me: deps.me.id,
			clientMember: (c) => presence.memberOf(c),
			meElsewhere: () => presence.meElsewhere(p.doc.clientID),
			knows: (item, task) =>
				store.has(item as ItemId) && store.schema.tasks.some((t) => t.id === task)
		});
		this.#guardTotals = new GuardTotalsKeeper({
			guard: this.#guard,
			project: deps.project,
			storage: deps.storage,
			now: deps.now,
			onChange: () => this.#emit('guard')
		});
		this.#conn = new TeamConnection({
			store,
			project: deps.project,
			presence,
			blobs: deps.blobs,
			hasProject: () => this.#hasProject,
			onStatus: () => this.#emit('status'),
			onBlobs: () => this.#emit('blobs')
		});
		// The hostile-peer WebRTC test reaches the doc here; a no-op outside its build (vite.config.ts).
		this.#offs.push(testHookInstall({ project: deps.project, me: deps.me.id, doc: p.doc }));
		this.#offs.push(store.on('meta', () => this.#checkProject()));
		this.#checkProject();
	}

	/** Calls `fn` after each change of `topic`; returns the unsubscribe. */
	on(topic: TeamTopic, fn: () => void): () => void {
		let set = this.#listeners.get(topic);
		if (!set) this.#listeners.set(topic, (set = new Set()));
		set.add(fn);
		return () => set.delete(fn);
	}

	#emit(topic: TeamTopic): void {
		for (const fn of this.#listeners.get(topic) ?? []) fn();
	}

	// ---- reads ----

	/** The project's room on this device, once it is shared (topic `status`). */
	get creds(): RoomCreds | undefined {
		return this.#creds;
	}

	get status(): TeamStatus {
		return this.#conn.status;
	}

	/** True once this device holds the project (its meta arrived or was here). */
	get hasProject(): boolean {
		return this.#hasProject;
	}

	/** Valid members, sorted by name; in a signed project with the roles the owner signed. */
	get members(): readonly Member[] {
		return this.#members.list;
	}

	/** Member values from peers that failed validation (set aside). */
	get invalidMembers(): number {
		return this.#members.invalid;
	}

	/** My role in the team; undefined before I am a member. */
	get myRole(): Role | undefined {
		return this.members.find((m) => m.id === this.#d.me.id)?.role;
	}

	/** Everyone else online, one entry per tab (topic `presence`). */
	get others(): readonly Presence[] {
		return this.#presence.others;
	}

	/** Items other people have open right now (topic `presence`). */
	claimedByOthers(): ReadonlySet<ItemId> {
		return this.#presence.claimedByOthers();
	}

	/** Edits ignored for a bad signature or role, and why (topic `trust`). */
	get trustReports(): readonly TrustReport[] {
		return this.#members.trustReports;
	}

	/** Whether the project's member list is signed by its owner. */
	get secured(): boolean {
		return this.#members.secured;
	}

	/** The owner's key fingerprint (goes into invite links). */
	get ownerFp(): string | undefined {
		return this.#members.ownerFp;
	}

	/** The owner moved the team to a new room without this device (it was removed). */
	get removedFromRoom(): boolean {
		return this.#members.removed;
	}

	/** Media blobs fetched from peers and refused, in this page load (topic `blobs`). */
	get blobCounts(): Readonly<BlobCounts> {
		return blobCountsOf(this.#d.project);
	}

	/**
	 * Labels the guard put back after a peer overwrote or deleted them (sync/guard.ts), and invalid
	 * values it set aside, on this device since `since` (kept across page loads; topic `guard`).
	 */
	get guardTotals(): Readonly<GuardTotals> {
		return this.#guardTotals.totals;
	}

	// ---- commands ----

	/** Connects when this device has the project's room; otherwise stays local. */
	async start(): Promise<void> {
		// Signatures are checked in the background: the project opens without waiting for them.
		void this.#members.trustStart();
		const creds = await this.#d.prefs.get<RoomCreds>(roomCredsKey(this.#d.project));
		this.#config = await this.#d.config();
		if (creds) this.#connect(creds, this.#config);
	}

	/** Makes the project shareable: creates its room (once) and connects. I become its owner. */
	async share(): Promise<RoomCreds> {
		if (this.#creds) return this.#creds;
		const creds = roomCredsNew();
		await this.#d.prefs.set(roomCredsKey(this.#d.project), creds);
		this.#config ??= await this.#d.config();
		if (this.members.length === 0) this.#members.join('owner');
		this.#connect(creds, this.#config);
		return creds;
	}

	#connect(creds: RoomCreds, config: ConnectionConfig): void {
		this.#creds = creds;
		this.#conn.open(creds, config);
		if (this.#hasProject) this.#members.join();
		this.#emit('status');
	}

	/** Moves to a new room (after a rotation): stores it, then reconnects there. */
	async #moveTo(secret: RoomSecret, epoch: number, delayMs: number): Promise<void> {
		if ((this.#creds?.epoch ?? 0) >= epoch) return;
		const creds: RoomCreds = { ...secret, epoch };
		this.#creds = creds;
		this.#emit('status');
		await this.#d.prefs.set(roomCredsKey(this.#d.project), creds);
		clearTimeout(this.#moving);
		// The owner waits a moment, so the rotation reaches everyone still in the old room.
		this.#moving = setTimeout(() => void this.#reconnect(creds), delayMs);
	}

	async #reconnect(creds: RoomCreds): Promise<void> {
		if (this.#destroyed) return;
		await this.#conn.close();
		if (this.#destroyed) return;
		this.#config ??= await this.#d.config();
		this.#connect(creds, this.#config);
	}

	#checkProject(): void {
		const had = this.#hasProject;
		this.#hasProject = this.#store.id !== '';
		if (had === this.#hasProject) return;
		if (this.#hasProject && this.#creds) {
			this.#members.join();
			this.#d.onArrived();
		}
		this.#conn.read();
		this.#emit('status');
	}

	roleSet(member: AnnotatorId, role: Role): void {
		this.#members.roleSet(member, role);
	}

	/**
	 * Owner only: removes a member and moves everyone else to a new room, whose key is encrypted
	 * for each remaining member. The removed member stays in the old room, alone.
	 */
	async memberRemove(member: AnnotatorId): Promise<void> {
		const { secret, epoch } = await this.#members.remove(member);
		await this.#moveTo(secret, epoch, 2000);
	}

	/** Publishes the item I have open (my soft claim on it). */
	focus(item: ItemId | undefined): void {
		this.#presence.focus(item);
	}

	/** Clears the guard's totals on this device; later counts start a new report. */
	guardClear(): void {
		this.#guardTotals.clear();
	}

	async destroy(): Promise<void> {
		this.#destroyed = true;
		clearTimeout(this.#moving);
		for (const off of this.#offs) off();
		this.#offs = [];
		this.#members.destroy();
		this.#guardTotals.destroy();
		this.#guard.destroy();
		await this.#conn.destroy();
		this.#presence.destroy();
		this.#listeners.clear();
	}
}
