/**
 * A shared project's room on this device (docs/ARCHITECTURE.md#sync-protocol): its name and key,
 * stored per project in the device's settings, and the invite links that carry them to a
 * newcomer in the URL fragment (which browsers never send to a server).
 */
import { randomId } from '$lib/core/ids';
import type { AnnotatorId } from '$lib/core/types';
import { trustAnchorSet } from '../trust/store';

export interface RoomCreds {
	room: string;
	key: string;
	/** Rotation count: 0 for the project's first room, then one more per removed member. */
	epoch?: number;
}

/** Per-device settings by key (the settings table, or a map in tests). */
export interface Prefs {
	get<T>(key: string): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
}

/** Who I am in a team: my annotator id, the name and colour teammates see. */
export interface Me {
	id: AnnotatorId;
	name: string;
	color: string;
}

export const roomCredsKey = (projectId: string) => `sync-room:${projectId}`;

/** A new room for a project shared for the first time. */
export function roomCredsNew(): RoomCreds {
	return { room: `quorum-${randomId(12)}`, key: randomId(24) };
}

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
): Promise<void> {
	if (owner) await trustAnchorSet(prefs, projectId, owner);
	await prefs.set(roomCredsKey(projectId), creds);
}
