/** The connection badge's state, from the mesh's and relay's status (docs/ARCHITECTURE.md#sync-protocol). */
import type { MeshStatus } from '../webrtc/types';

export type ConnectionState =
	'local' | 'offline' | 'connecting' | 'connected' | 'relay' | 'cannot-join';

export type RelayStatus = 'off' | 'connecting' | 'connected' | 'disconnected';

export interface TeamStatus {
	state: ConnectionState;
	/** Connected WebRTC peers. */
	peers: number;
	/** Other tabs of this browser. */
	tabs: number;
	relay: RelayStatus;
}

/** `mesh` is undefined while the project is not in a room (then it is local). */
export function teamStatusOf(s: {
	mesh: MeshStatus | undefined;
	relay: RelayStatus;
	hasProject: boolean;
	online: boolean;
}): TeamStatus {
	const st = s.mesh;
	if (!st) return { state: 'local', peers: 0, tabs: 0, relay: s.relay };
	const base = { peers: st.peers, tabs: st.tabs, relay: s.relay };
	if (!s.hasProject && st.foreignKey > 0 && st.peers === 0)
		return { state: 'cannot-join', ...base };
	if (s.relay === 'connected') return { state: 'relay', ...base };
	if (!s.online && st.tabs === 0) return { state: 'offline', ...base };
	if (st.signaling === 0 && st.peers === 0 && st.tabs === 0)
		return { state: 'connecting', ...base };
	return { state: 'connected', ...base };
}

export function teamStatusEqual(a: TeamStatus, b: TeamStatus): boolean {
	return a.state === b.state && a.peers === b.peers && a.tabs === b.tabs && a.relay === b.relay;
}
