/**
 * A team's members and roles on this device: read from the doc's open member map, and in a signed
 * project (sync/trust/) with the roles the owner signed. Loads the device's keys and checks the
 * owner's signatures in the background, so the project opens without waiting for them.
 */
import type { DeviceKeys, RoomSecret } from '$lib/core/signing';
import type { AnnotatorId, Member, Role } from '$lib/core/types';
import { deviceKeysLoad } from '$lib/storage/device-keys';
import { membersRead } from '../presence';
import { projectDocOf, type ProjectStore } from '../project-store';
import { Trust } from '../trust/trust';
import type { MineStorage, TrustReport } from '../trust/types';
import type { Me, Prefs } from './room';

export interface TeamMembersDeps {
	project: string;
	me: Me;
	prefs: Prefs;
	now(): number;
	/** Storage that outlives the page (localStorage): my edits waiting for their signature. */
	storage?: MineStorage;
	/** Resolves once every doc change so far is stored. */
	saved(): Promise<void>;
	/** The member a Yjs client id says it is (presence). */
	whoIs(client: number): string | undefined;
	/** The epoch of the room this device is in. */
	roomEpoch(): number;
	/** The owner moved the team to a new room and this device has its key. */
	onRoom(secret: RoomSecret, epoch: number): void;
	/** Members or roles changed. */
	onMembers(): void;
	/** Trust's verdicts changed (reports, secured, owner, removed). */
	onTrust(): void;
}

export class TeamMembers {
	readonly #store: ProjectStore;
	readonly #d: TeamMembersDeps;
	#members: { members: Member[]; invalid: number } = { members: [], invalid: 0 };
	#trust: Trust | undefined;
	#keys: DeviceKeys | undefined;
	#destroyed = false;
	#off: () => void;

	constructor(store: ProjectStore, deps: TeamMembersDeps) {
		this.#store = store;
		this.#d = deps;
		this.#off = store.on('members', () => this.#read());
		this.#read();
	}

	/** Valid members, sorted by name; in a signed project with the roles the owner signed. */
	get list(): readonly Member[] {
		return this.#members.members;
	}

	/** Member values from peers that failed validation (set aside). */
	get invalid(): number {
		return this.#members.invalid;
	}

	get trustReports(): readonly TrustReport[] {
		return this.#trust?.reports ?? [];
	}

	get secured(): boolean {
		return this.#trust?.secured ?? false;
	}

	get ownerFp(): string | undefined {
		return this.#trust?.ownerFp;
	}

	get removed(): boolean {
		return this.#trust?.removed ?? false;
	}

	/** Writes my member record (my role kept unless given), with my public keys once loaded. */
	join(role?: Role): void {
		const me = this.#d.me;
		this.#store.memberUpsert({
			id: me.id,
			name: me.name,
			color: me.color,
			role: role ?? this.#store.member(me.id)?.role ?? 'annotator',
			// My public keys: the owner signs them into the member list.
			...(this.#keys ? { key: this.#keys.signPub, dh: this.#keys.dhPub } : {})
		});
	}

	/** Loads this device's keys and checks the project's signed membership. */
	async trustStart(): Promise<void> {
		let keys: DeviceKeys;
		try {
			keys = await deviceKeysLoad(this.#d.prefs);
		} catch (e) {
			console.warn('No device keys: membership is not signed on this device', e);
			return;
		}
		if (this.#destroyed) return;
		this.#keys = keys;
		const d = this.#d;
		const trust = new Trust(projectDocOf(this.#store), {
			projectId: d.project,
			me: d.me.id,
			keys,
			store: d.prefs,
			now: d.now,
			onChange: () => this.#trustRead(),
			onRoom: d.onRoom,
			roomEpoch: d.roomEpoch,
			...(d.storage ? { mine: { storage: d.storage, saved: d.saved } } : {}),
			whoIs: d.whoIs
		});
		this.#trust = trust;
		// Publish my keys in my member record (an owner of an older project signs it now).
		if (this.#store.member(d.me.id)) this.join();
		await trust.start();
		this.#trustRead();
	}

	roleSet(member: AnnotatorId, role: Role): void {
		const m = this.list.find((x) => x.id === member);
		if (!m) return;
		this.#store.memberUpsert({ ...(this.#store.member(member) ?? m), role });
		if (this.#trust?.secured)
			void this.#trust.roleSet(member, role).then(
				() => this.#trustRead(),
				(e: unknown) => console.warn('role not signed', e)
			);
	}

	/** Owner only: removes a member; returns the new room, its key sealed for everyone else. */
	async remove(member: AnnotatorId): Promise<{ secret: RoomSecret; epoch: number }> {
		if (!this.#trust?.secured) throw new Error('The member list is not signed yet; try again.');
		const moved = await this.#trust.memberRemove(member);
		this.#trustRead();
		return moved;
	}

	#trustRead(): void {
		if (!this.#trust) return;
		this.#d.onTrust();
		this.#read();
	}

	#read(): void {
		const r = membersRead(projectDocOf(this.#store));
		const t = this.#trust;
		// A signed project: roles come from the owner's signed list, never from the open map.
		this.#members = {
			members: t?.secured
				? r.members.map((m) => ({ ...m, role: t.roleOf(m.id) ?? 'annotator' }))
				: r.members,
			invalid: r.invalid
		};
		this.#d.onMembers();
	}

	destroy(): void {
		this.#destroyed = true;
		this.#off();
		this.#trust?.destroy();
	}
}
