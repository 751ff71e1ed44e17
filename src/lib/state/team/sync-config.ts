/**
 * Per-device sync settings (docs/ARCHITECTURE.md#sync-protocol): signaling URLs, STUN/TURN servers
 * and an optional server relay URL, stored in the settings table under one key.
 */
import type { ConnectionConfig } from '$lib/sync/team/connection';
import type { Prefs } from '$lib/sync/team/room';

export type { Prefs };
export type SyncConfig = ConnectionConfig;

const KEY = 'sync-config';

/** The signaling relay `npm start` runs next to the app: same host, port 4444. */
export function signalingDefault(): string[] {
	const host = typeof location === 'undefined' ? '127.0.0.1' : location.hostname || '127.0.0.1';
	return [`ws://${host.includes(':') ? `[${host}]` : host}:4444`];
}

export async function syncConfigLoad(prefs: Prefs): Promise<SyncConfig> {
	const saved = await prefs.get<Partial<SyncConfig>>(KEY);
	return {
		signaling: saved?.signaling?.length ? saved.signaling : signalingDefault(),
		iceServers: saved?.iceServers ?? [],
		relayUrl: saved?.relayUrl ?? ''
	};
}

const isWs = (u: string) => /^wss?:\/\/[^\s/]+/.test(u);

/** Checks and stores settings; throws a message naming the bad value. */
export async function syncConfigSave(
	prefs: Prefs,
	input: { signaling: string; iceServers: string; relayUrl: string }
): Promise<SyncConfig> {
	const signaling = input.signaling
		.split(/[\s,]+/)
		.map((s) => s.trim())
		.filter(Boolean);
	for (const s of signaling)
		if (!isWs(s))
			throw new Error(`"${s}" is not a signaling URL: it must start with ws:// or wss://.`);
	const iceServers: RTCIceServer[] = [];
	for (const line of input.iceServers
		.split('\n')
		.map((l) => l.trim())
		.filter(Boolean)) {
		const [url, username, credential] = line.split(/\s+/);
		if (!url || !/^(stun|turns?):/.test(url))
			throw new Error(
				`"${line}" is not a STUN/TURN server: write stun:host:port or turn:host:port user password.`
			);
		iceServers.push(
			username ? { urls: url, username, credential: credential ?? '' } : { urls: url }
		);
	}
	const relayUrl = input.relayUrl.trim();
	if (relayUrl && !isWs(relayUrl))
		throw new Error(`"${relayUrl}" is not a relay URL: it must start with ws:// or wss://.`);
	const config: SyncConfig = {
		signaling: signaling.length ? signaling : signalingDefault(),
		iceServers,
		relayUrl
	};
	await prefs.set(KEY, { signaling, iceServers, relayUrl });
	return config;
}

export function iceServersText(list: RTCIceServer[]): string {
	return list
		.map((s) =>
			[Array.isArray(s.urls) ? s.urls[0] : s.urls, s.username, s.credential]
				.filter(Boolean)
				.join(' ')
		)
		.join('\n');
}

/** The saved settings as the settings form edits them (no signaling: the default is used). */
export async function syncConfigForm(
	prefs: Prefs
): Promise<{ signaling: string; iceServers: string; relayUrl: string }> {
	const saved = await prefs.get<Partial<SyncConfig>>(KEY);
	const c = await syncConfigLoad(prefs);
	return {
		signaling: (saved?.signaling ?? []).join(' '),
		iceServers: iceServersText(c.iceServers),
		relayUrl: c.relayUrl
	};
}
