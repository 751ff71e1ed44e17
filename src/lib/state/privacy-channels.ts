/**
 * What leaves this device, and to whom: reads the real sync settings and, for every project on the
 * device, whether it is shared (a room on this device), the team members its doc names, and the
 * hosts its URL media are fetched from. Each project's stored doc is opened read-only and closed.
 */
import { storedProjectReach } from '$lib/sync/stored-project';
import { syncConfigLoad, type Prefs } from './team/sync-config';

export interface ProjectChannels {
	id: string;
	name: string;
	/** A room on this device: the project syncs with its peers. */
	shared: boolean;
	/** Team members the project's doc names, other than me. */
	peers: { name: string; role: string }[];
	/** Hosts that URL media are fetched from, with how many items each. */
	urlHosts: { host: string; items: number }[];
}

export interface Channels {
	signaling: string[];
	relayUrl: string;
	iceServers: string[];
	projects: ProjectChannels[];
}

export async function channelsLoad(deps: {
	prefs: Prefs;
	projects: readonly { id: string; name: string }[];
	me: string | undefined;
}): Promise<Channels> {
	const config = await syncConfigLoad(deps.prefs);
	const projects: ProjectChannels[] = [];
	for (const pr of deps.projects) {
		const shared = (await deps.prefs.get(`sync-room:${pr.id}`)) !== undefined;
		const reach = await storedProjectReach(pr.id);
		const hosts = new Map<string, number>();
		for (const url of reach.mediaUrls) {
			let host = url;
			try {
				host = new URL(url).host || url;
			} catch {
				/* keep the raw text */
			}
			hosts.set(host, (hosts.get(host) ?? 0) + 1);
		}
		projects.push({
			id: pr.id,
			name: pr.name,
			shared,
			peers: reach.members
				.filter((m) => m.id !== deps.me)
				.map((m) => ({ name: m.name, role: String(m.role) })),
			urlHosts: [...hosts]
				.map(([host, items]) => ({ host, items }))
				.sort((a, b) => b.items - a.items)
		});
	}
	return {
		signaling: config.signaling,
		relayUrl: config.relayUrl,
		iceServers: config.iceServers.flatMap((s) => (Array.isArray(s.urls) ? s.urls : [s.urls])),
		projects
	};
}
