/**
 * Sharing one open project with the team (docs/ARCHITECTURE.md#sync-protocol): the room credentials
 * on this device, the WebRTC mesh and optional server relay, presence (who is online, which item
 * they have open), members and roles, soft claims for the labeling queue, and sync bundles. The
 * project layout makes one per open project and shares it through context.
 */
import { getContext, setContext } from 'svelte';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { randomId } from '$lib/core/ids';
import type { AnnotatorId, ItemId, Member, ProjectId, Role } from '$lib/core/types';
import { bundleApply, bundleExport, bundleRead } from '$lib/sync/bundle';
import { stateFileMake, stateFileRead } from '$lib/sync/state-file';
import { mediaSniff } from '$lib/core/media';
import type { BlobSource } from '$lib/sync/blob-exchange';
import { docHasBlob, memberUpsert, metaString } from '$lib/sync/doc';
import type { BlobsRepo } from '$lib/storage/blobs-repo';
import {
	membersRead,
	presenceNew,
	presenceOnChange,
	presenceOthers,
	presenceSet,
	type Presence
} from '$lib/sync/presence';
import { DocGuard } from '$lib/sync/guard';
import { GuardHistory, type GuardTotals } from './guard-history';
import { Relay } from '$lib/sync/relay';
import { Trust } from '$lib/sync/trust/trust';
import { trustAnchorSet } from '$lib/sync/trust/store';
import type { TrustReport } from '$lib/sync/trust/types';
import { deviceKeysLoad } from '$lib/storage/device-keys';
import type { DeviceKeys, RoomSecret } from '$lib/core/signing';
import { Mesh } from '$lib/sync/webrtc/mesh';
import { mediaBlobFetcher, mediaBlobFetcherSet, type BlobFetcher } from './media.svelte';
import { mediaDepsWire } from './media-wire';
import type { ProjectSession } from './project-session.svelte';
import { syncConfigLoad, type Prefs, type SyncConfig } from './sync-config';
import { testHookInstall } from 'virtual:quorum-test-hook';

export interface RoomCreds {
	room: string;
	key: string;
	/** Rotation count: 0 for the project's first room, then one more per removed member. */
	epoch?: number;
}

export type ConnectionState =
	'local' | 'offline' | 'connecting' | 'connected' | 'relay' | 'cannot-join';

export interface Me {
	id: AnnotatorId;
	name: string;
	color: string;
}

const credsKey = (projectId: string) => `sync-room:${projectId}`;

/** Parses an invite fragment `#p=…&room=…&key=…&name=…`; undefined when it is not an invite. */
export function inviteParse(
	hash: string
): { project: string; name: string; creds: RoomCreds; owner?: string } | undefined {
	const q = new URLSearchParams(hash.replace(/^#/, ''));
	const project = q.get('p') ?? '';
	const room = q.get('room') ?? '';
	const key = q.get('key') ?? '';
	if (!/^[0-9a-f]{8,64}$/.test(project) || room.length < 8 || key.length < 16) return undefined;
	const owner = q.get('o') ?? '';
	return {
		project,
		name: (q.get('name') ?? '').slice(0, 200),
		creds: { room, key },
		...(/^[0-9a-f]{16}$/.test(owner) ? { owner } : {})
	};
}

/** `owner`: the owner's key fingerprint, so the newcomer trusts only that owner's member list. */
export function inviteUrl(
	origin: string,
	projectId: string,
	name: string,
	c: RoomCreds,
	owner?: string
): string {
	const q = new URLSearchParams({ p: projectId, room: c.room, key: c.key, name });
	if (owner) q.set('o', owner);
	return `${origin}/join#${q.toString()}`;
}

/** Stores an invite's room on this device, so the project layout connects to it. */
export async function inviteAccept(
	prefs: Prefs,
	projectId: string,
	creds: RoomCreds,
	owner?: string
) {
	if (owner) await trustAnchorSet(prefs, projectId, owner);
	await prefs.set(credsKey(projectId), creds);
}

export class ProjectSync {
	#s: ProjectSession;
	#me: Me;
	#prefs: Prefs;
	#now: () => number;
	#awareness: Awareness;
	#mesh: Mesh | undefined;
	#relay: Relay | undefined;
	#unsubs: (() => void)[] = [];
	#item: ItemId | undefined;
	#config: SyncConfig | undefined;

	creds = $state.raw<RoomCreds | undefined>(undefined);
	/** Signed membership (sync/trust.ts): edits ignored for a bad signature or role, and why. */
	trustReports = $state.raw<TrustReport[]>([]);
	/** Whether the project's member list is signed by its owner. */
	secured = $state(false);
	/** The owner's key fingerprint (goes into invite links). */
	ownerFp = $state<string | undefined>(undefined);
	/** The owner moved the team to a new room without this device (it was removed). */
	removedFromRoom = $state(false);
	#trust: Trust | undefined;
	#keys: DeviceKeys | undefined;
	#moving: ReturnType<typeof setTimeout> | undefined;
	#destroyed = false;
	state = $state<ConnectionState>('local');
	peers = $state(0);
	tabs = $state(0);
	relayState = $state<'off' | 'connecting' | 'connected' | 'disconnected'>('off');
	others = $state.raw<Presence[]>([]);
	members = $state.raw<Member[]>([]);
	invalidMembers = $state(0);
	/** True once this device holds the project (meta arrived or was here). */
	hasProject = $state(false);
	/** Media blobs fetched from peers, and ones refused (wrong SHA-256 or a hostile answer). */
	blobsFetched = $state(0);
	blobsRejected = $state(0);
	blobRejectReason = $state('');
	#blobsRepo: BlobsRepo | undefined;
	/** Yjs client id → annotator, from presence (kept after they leave), for the guard. */
	#clientMembers = new Map<number, AnnotatorId>();
	/**
	 * Labels the guard put back after a peer overwrote or deleted them (sync/guard.ts), on this
	 * device since `guardSince` (kept across page loads: state/guard-history.ts).
	 */
	guardRestored = $state(0);
	/** Invalid values from peers the guard saw (set aside, never shown), since `guardSince`. */
	guardInvalid = $state(0);
	/** When the guard's totals started (ms); undefined while there are none. */
	guardSince = $state<number | undefined>();
	#guardHistory: GuardHistory | undefined;

	constructor(
		session: ProjectSession,
		me: Me,
		deps: { prefs: Prefs; now?: () => number; blobs?: BlobsRepo }
	) {
		this.#s = session;
		this.#me = me;
		this.#prefs = deps.prefs;
		this.#now = deps.now ?? Date.now;
		this.#blobsRepo = deps.blobs;
		this.#readBlobCounts();
		this.#awareness = presenceNew(session.p.doc);
		this.#unsubs.push(presenceOnChange(this.#awareness, () => this.#readPresence()));
		this.#guardStart(session);
		// Test builds only (tests/helpers/test-hook.ts): the hostile-peer WebRTC test reaches the doc here.
		this.#unsubs.push(testHookInstall({ project: session.id, me: me.id, doc: session.p.doc }));
		const onMembers = () => this.#readMembers();
		session.p.members.observe(onMembers);
		this.#unsubs.push(() => session.p.members.unobserve(onMembers));
		const onMeta = () => this.#checkProject();
		session.p.meta.observe(onMeta);
		this.#unsubs.push(() => session.p.meta.unobserve(onMeta));
		const net = () => {
			// A device that goes offline leaves the room and rejoins when back; y-webrtc then runs
			// the sync protocol again, so edits made meanwhile merge both ways.
			if (typeof navigator !== 'undefined' && !navigator.onLine) this.#mesh?.pause();
			else {
				this.#mesh?.resume();
				// Leaving the room cleared my presence; publish it again.
				if (this.creds) presenceSet(this.#awareness, this.#me, this.#item);
			}
			this.#readStatus();
		};
		if (typeof window !== 'undefined') {
			window.addEventListener('online', net);
			window.addEventListener('offline', net);
			this.#unsubs.push(() => {
				window.removeEventListener('online', net);
				window.removeEventListener('offline', net);
			});
		}
		this.#readMembers();
		this.#checkProject();
		session.collab = {
			claimedByOthers: () => this.claimedByOthers(),
			focus: (item) => this.focus(item),
			members: () => this.members,
			me: this.#me.id
		};
	}

	/** Connects when this device has the project's room; otherwise stays local. */
	async start(): Promise<void> {
		// Signatures are checked in the background: the project opens without waiting for them.
		void this.#trustStart();
		const creds = await this.#prefs.get<RoomCreds>(credsKey(this.#s.id));
		this.#config = await syncConfigLoad(this.#prefs);
		if (creds) await this.#connect(creds);
	}

	/** Makes the project shareable: creates its room (once) and connects. I become its owner. */
	async share(): Promise<RoomCreds> {
		if (this.creds) return this.creds;
		const creds: RoomCreds = { room: `quorum-${randomId(12)}`, key: randomId(24) };
		await this.#prefs.set(credsKey(this.#s.id), creds);
		this.#config ??= await syncConfigLoad(this.#prefs);
		if (this.members.length === 0) this.#join('owner');
		await this.#connect(creds);
		return creds;
	}

	async #connect(creds: RoomCreds): Promise<void> {
		this.creds = creds;
		const config = this.#config as SyncConfig;
		presenceSet(this.#awareness, this.#me, this.#item);
		this.#mesh = new Mesh(
			this.#s.p.doc,
			{
				...creds,
				signaling: config.signaling,
				iceServers: config.iceServers,
				awareness: this.#awareness,
				blobs: this.#blobExchange()
			},
			() => this.hasProject
		);
		liveSyncs.set(this.#s.id, this);
		mediaBlobFetcherSet(blobFetchFromPeers);
		this.#unsubs.push(this.#mesh.onChange(() => this.#readStatus()));
		if (config.relayUrl) {
			this.relayState = 'connecting';
			this.#relay = new Relay(
				this.#s.p.doc,
				{ url: config.relayUrl, room: creds.room, awareness: this.#awareness },
				() => this.#readStatus()
			);
		}
		if (this.hasProject) this.#join();
		this.#readStatus();
	}

	get #blobCounts(): BlobCounts {
		let c = blobCounts.get(this.#s.id);
		if (!c) blobCounts.set(this.#s.id, (c = { fetched: 0, rejected: 0, reason: '' }));
		return c;
	}

	#readBlobCounts(): void {
		const c = this.#blobCounts;
		this.blobsFetched = c.fetched;
		this.blobsRejected = c.rejected;
		this.blobRejectReason = c.reason;
	}

	/** Fetches a blob over this project's mesh; undefined when the mesh closed meanwhile. */
	async blobFetch(ref: { blob: string; size: number }): Promise<boolean | undefined> {
		const mesh = this.#mesh;
		if (!mesh) return false;
		const ok = await mesh.blobFetch(ref.blob, ref.size);
		if (ok) {
			this.#blobCounts.fetched++;
			this.#readBlobCounts();
		}
		if (ok) return true;
		// Not found, or this sync was closed meanwhile (then the caller asks its successor).
		return liveSyncs.get(this.#s.id) === this ? false : undefined;
	}

	#blobs(): BlobsRepo {
		return (this.#blobsRepo ??= mediaDepsWire().blobs);
	}

	/**
	 * Blob exchange: this device shares the blobs the project's items refer to (never other
	 * projects' media), and stores a fetched blob, typed from its own bytes, only after the
	 * exchange checked its SHA-256.
	 */
	#blobExchange() {
		let last: { sha: string; blob: Blob } | undefined;
		const row = async (sha: string) => {
			if (last?.sha === sha) return last.blob;
			if (!docHasBlob(this.#s.p, sha)) return undefined;
			const r = await this.#blobs().get(sha);
			if (r) last = { sha, blob: r.blob };
			return r?.blob;
		};
		const source: BlobSource = {
			info: async (sha) => {
				const b = await row(sha);
				return b ? { size: b.size, mime: b.type } : undefined;
			},
			read: async (sha, offset, length) => {
				const b = await row(sha);
				return b ? new Uint8Array(await b.slice(offset, offset + length).arrayBuffer()) : undefined;
			}
		};
		return {
			source,
			store: async (sha256: string, bytes: Uint8Array) => {
				const mime = mediaSniff(bytes.subarray(0, 64))?.mime ?? 'application/octet-stream';
				await this.#blobs().putMany([
					{
						sha256,
						blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mime }),
						mime,
						size: bytes.length
					}
				]);
			},
			onReject: (_sha: string, reason: string) => {
				const c = this.#blobCounts;
				c.rejected++;
				c.reason = reason;
				this.#readBlobCounts();
			}
		};
	}

	#join(role?: Role): void {
		const cur = this.#s.p.members.get(this.#me.id);
		memberUpsert(this.#s.p, {
			id: this.#me.id,
			name: this.#me.name,
			color: this.#me.color,
			role: role ?? cur?.role ?? 'annotator',
			// My public keys: the owner signs them into the member list.
			...(this.#keys ? { key: this.#keys.signPub, dh: this.#keys.dhPub } : {})
		});
	}

	/** Loads this device's keys and checks the project's signed membership (sync/trust.ts). */
	async #trustStart(): Promise<void> {
		let keys: DeviceKeys;
		try {
			keys = await deviceKeysLoad(this.#prefs);
		} catch (e) {
			console.warn('No device keys: membership is not signed on this device', e);
			return;
		}
		if (this.#destroyed) return;
		this.#keys = keys;
		const trust = new Trust(this.#s.p, {
			projectId: this.#s.id,
			me: this.#me.id,
			keys,
			store: this.#prefs,
			now: this.#now,
			onChange: () => this.#readTrust(),
			onRoom: (secret, epoch) => void this.#moveTo(secret, epoch, 0),
			roomEpoch: () => this.creds?.epoch ?? 0,
			// My edits waiting for their signature outlive a page load (localStorage is synchronous).
			...(typeof localStorage !== 'undefined'
				? { mine: { storage: localStorage, saved: () => this.#s.flush() } }
				: {}),
			whoIs: (client) => {
				const st = this.#awareness.getStates().get(client) as
					{ user?: { id?: unknown } } | undefined;
				return typeof st?.user?.id === 'string' ? st.user.id : undefined;
			}
		});
		this.#trust = trust;
		this.#unsubs.push(() => trust.destroy());
		// Publish my keys in my member record (an owner of an older project signs it now).
		if (this.#s.p.members.has(this.#me.id)) this.#join();
		await trust.start();
		this.#readTrust();
	}

	#readTrust(): void {
		const t = this.#trust;
		if (!t) return;
		this.trustReports = t.reports;
		this.secured = t.secured;
		this.ownerFp = t.ownerFp;
		this.removedFromRoom = t.removed;
		this.#readMembers();
	}

	/** Moves to a new room (after a rotation): stores it, then reconnects there. */
	async #moveTo(secret: RoomSecret, epoch: number, delayMs: number): Promise<void> {
		if ((this.creds?.epoch ?? 0) >= epoch) return;
		const creds: RoomCreds = { ...secret, epoch };
		this.creds = creds;
		await this.#prefs.set(credsKey(this.#s.id), creds);
		clearTimeout(this.#moving);
		// The owner waits a moment, so the rotation reaches everyone still in the old room.
		this.#moving = setTimeout(() => void this.#reconnect(creds), delayMs);
	}

	async #reconnect(creds: RoomCreds): Promise<void> {
		if (this.#destroyed) return;
		const mesh = this.#mesh;
		const relay = this.#relay;
		this.#mesh = undefined;
		this.#relay = undefined;
		relay?.destroy();
		await mesh?.destroy();
		if (this.#destroyed) return;
		this.#config ??= await syncConfigLoad(this.#prefs);
		await this.#connect(creds);
	}

	/**
	 * Owner only: removes a member and moves everyone else to a new room, whose key is encrypted
	 * for each remaining member. The removed member stays in the old room, alone.
	 */
	async memberRemove(member: AnnotatorId): Promise<void> {
		if (!this.#trust?.secured) throw new Error('The member list is not signed yet; try again.');
		const { secret, epoch } = await this.#trust.memberRemove(member);
		this.#readTrust();
		await this.#moveTo(secret, epoch, 2000);
	}

	#checkProject(): void {
		const had = this.hasProject;
		this.hasProject = metaString(this.#s.p, 'id') !== '';
		if (!had && this.hasProject && this.creds) {
			this.#join();
			void this.#s.summaryEnsure();
		}
		this.#readStatus();
	}

	#readMembers(): void {
		const r = membersRead(this.#s.p);
		const t = this.#trust;
		// A signed project: roles come from the owner's signed list, never from the open map.
		this.members = t?.secured
			? r.members.map((m) => ({ ...m, role: t.roleOf(m.id) ?? 'annotator' }))
			: r.members;
		this.invalidMembers = r.invalid;
	}

	#readPresence(): void {
		this.others = presenceOthers(this.#awareness);
		for (const o of this.others) this.#clientMembers.set(o.client, o.member);
	}

	/** Restores honest labels that peers overwrite or delete, and counts what it set aside. */
	#guardStart(session: ProjectSession): void {
		const guard = new DocGuard(session.p, {
			me: this.#me.id,
			clientMember: (c) => this.#clientMembers.get(c),
			meElsewhere: () =>
				this.others.some((o) => o.member === this.#me.id && o.client !== session.p.doc.clientID),
			knows: (item, task) =>
				session.index.has(item as ItemId) && session.schema.tasks.some((t) => t.id === task)
		});
		const history = new GuardHistory(
			typeof localStorage !== 'undefined' ? localStorage : undefined,
			session.id,
			this.#now
		);
		this.#guardHistory = history;
		this.#guardShow(history.read());
		let timer: ReturnType<typeof setTimeout> | undefined;
		const read = () => {
			timer = undefined;
			this.#guardShow(history.track(guard.report));
		};
		// A flood reports thousands of times a second; the view reads it at most 4 times a second.
		const off = guard.onReport(() => (timer ??= setTimeout(read, 250)));
		// Another tab of the project counted or cleared.
		const onStorage = (e: StorageEvent) => {
			if (e.key === history.key) this.#guardShow(history.read());
		};
		if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);
		this.#unsubs.push(() => {
			off();
			if (timer !== undefined) {
				clearTimeout(timer);
				read();
			}
			if (typeof window !== 'undefined') window.removeEventListener('storage', onStorage);
			guard.destroy();
		});
	}

	#guardShow(t: GuardTotals): void {
		this.guardRestored = t.restored;
		this.guardInvalid = t.invalid;
		this.guardSince = t.since;
	}

	/** Clears the guard's totals on this device; later counts start a new report. */
	guardClear(): void {
		if (this.#guardHistory) this.#guardShow(this.#guardHistory.clear());
	}

	#readStatus(): void {
		const relay = this.#relay?.state;
		this.relayState = this.#relay ? (relay ?? 'connecting') : 'off';
		if (!this.#mesh) {
			this.state = 'local';
			return;
		}
		const st = this.#mesh.status();
		this.peers = st.peers;
		this.tabs = st.tabs;
		const online = typeof navigator === 'undefined' || navigator.onLine;
		if (!this.hasProject && st.foreignKey > 0 && st.peers === 0) this.state = 'cannot-join';
		else if (relay === 'connected') this.state = 'relay';
		else if (!online && st.tabs === 0) this.state = 'offline';
		else if (st.signaling === 0 && st.peers === 0 && st.tabs === 0) this.state = 'connecting';
		else this.state = 'connected';
	}

	/** Publishes the item I have open (my soft claim on it). */
	focus(item: ItemId | undefined): void {
		this.#item = item;
		if (this.creds) presenceSet(this.#awareness, this.#me, item);
	}

	/** Items other people have open right now. */
	claimedByOthers(): ReadonlySet<ItemId> {
		const s = new Set<ItemId>();
		for (const p of this.others) if (p.item && p.member !== this.#me.id) s.add(p.item);
		return s;
	}

	roleSet(member: AnnotatorId, role: Role): void {
		const m = this.members.find((x) => x.id === member);
		if (!m) return;
		const plain = this.#s.p.members.get(member);
		memberUpsert(this.#s.p, { ...(plain ?? m), role });
		if (this.#trust?.secured)
			void this.#trust.roleSet(member, role).then(
				() => this.#readTrust(),
				(e: unknown) => console.warn('role not signed', e)
			);
	}

	get myRole(): Role | undefined {
		return this.members.find((m) => m.id === this.#me.id)?.role;
	}

	get mesh(): Mesh | undefined {
		return this.#mesh;
	}

	/** A `.quorum` bundle of the whole project, or of what a peer with `since` lacks. */
	bundleMake(opts: { passphrase?: string; since?: Uint8Array } = {}): Promise<Uint8Array> {
		return bundleExport({
			doc: this.#s.p.doc,
			project: { id: this.#s.id, name: this.#s.name },
			by: this.#me.name,
			now: this.#now(),
			since: opts.since,
			passphrase: opts.passphrase
		});
	}

	/** This device's state vector, for a peer to send only what is missing here. */
	stateVector(): Uint8Array {
		return Y.encodeStateVector(this.#s.p.doc);
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
		const changed = bundleApply(this.#s.p.doc, content, this.#s.id);
		await this.#s.flush();
		return changed;
	}

	async destroy(): Promise<void> {
		this.#destroyed = true;
		clearTimeout(this.#moving);
		this.#s.collab = undefined;
		if (liveSyncs.get(this.#s.id) === this) liveSyncs.delete(this.#s.id);
		if (liveSyncs.size === 0 && mediaBlobFetcher() === blobFetchFromPeers)
			mediaBlobFetcherSet(undefined);
		for (const u of this.#unsubs) u();
		this.#unsubs = [];
		this.#relay?.destroy();
		await this.#mesh?.destroy();
		this.#awareness.destroy();
	}
}

interface BlobCounts {
	fetched: number;
	rejected: number;
	reason: string;
}
/** Per project, for as long as the page lives (the project layout may remake its ProjectSync). */
const blobCounts = new Map<string, BlobCounts>();
/** The connected ProjectSync of each open project. */
const liveSyncs = new Map<string, ProjectSync>();

/**
 * Where the media views get blobs this device lacks: the open project's peers. When the project's
 * sync is being remade (the layout does that), the request waits for the new one and retries.
 */
const blobFetchFromPeers: BlobFetcher = async (ref) => {
	for (let attempt = 0; attempt < 40; attempt++) {
		const sync = [...liveSyncs.values()].at(-1);
		if (!sync) {
			await new Promise((r) => setTimeout(r, 250));
			continue;
		}
		const ok = await sync.blobFetch(ref);
		if (ok !== undefined) return ok;
	}
	return false;
};

const SYNC = Symbol('sync');
export interface SyncRef {
	readonly current: ProjectSync | undefined;
}
export const syncContextSet = (ref: SyncRef): SyncRef => setContext(SYNC, ref);
export const syncContext = (): SyncRef => getContext<SyncRef>(SYNC);

/**
 * Opens a sync file on a device that does not have its project yet: checks the bundle first (so a
 * wrong passphrase or a damaged file changes nothing), then stores it as that project and adds the
 * project to this device's list. Returns the project id.
 */
export async function bundleOpenAsProject(
	open: (id: ProjectId) => ProjectSession,
	bytes: Uint8Array,
	passphrase = '',
	/** Who opens it: added as an annotator, so teammates see a name beside their labels. */
	me?: Pick<Member, 'id' | 'name' | 'color'>
): Promise<ProjectId> {
	const content = await bundleRead(bytes, passphrase);
	const id = content.manifest.project.id as ProjectId;
	if (!/^[0-9a-f]{8,64}$/.test(id)) throw new Error('This sync file names an invalid project.');
	const s = open(id);
	try {
		await s.open();
		bundleApply(s.p.doc, content, id);
		if (me && !s.p.members.has(me.id)) memberUpsert(s.p, { ...me, role: 'annotator' });
		await s.flush();
		await s.summaryEnsure();
	} finally {
		await s.destroy();
	}
	return id;
}
