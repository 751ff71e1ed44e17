// What a Mesh takes and reports, and the parts of simple-peer and y-webrtc internals it touches.
import type { Awareness } from 'y-protocols/awareness';
import type { WebrtcProvider } from 'y-webrtc';
import type { BlobSource } from '../blob-exchange';
import type { UpdateBatcher } from '../coalesce';

export interface MeshOptions {
	room: string;
	key: string;
	signaling: string[];
	iceServers: RTCIceServer[];
	awareness: Awareness;
	/** Media blobs this device shares with the room, and where fetched ones go (blob exchange). */
	blobs?: {
		source: BlobSource;
		store(sha256: string, bytes: Uint8Array, mime: string): Promise<void>;
		onReject?(sha256: string, reason: string): void;
	};
}

export interface MeshStatus {
	/** Signaling servers we are connected to. */
	signaling: number;
	/** Connected WebRTC peers. */
	peers: number;
	/** Other tabs of this browser (BroadcastChannel). */
	tabs: number;
	/** Signaling messages in our room that our key could not open. */
	foreignKey: number;
}

export interface MeshStats {
	bytesSent: number;
	framesSent: number;
	messagesSent: number;
	dropped: number;
	/** Of `dropped`: messages from peers over the per-connection rate limit (framing.ts). */
	throttled?: number;
	/** Connections closed because a peer sent over the limits (rate, size or bad frames). */
	cut?: number;
}

/** The parts of simple-peer and y-webrtc internals we touch. */
export interface PeerLike {
	destroyed: boolean;
	destroy(): void;
	send(data: Uint8Array): void;
	emit(event: 'data', data: Uint8Array): void;
	_channel?: RTCDataChannel | null;
	_onChannelMessage(e: MessageEvent): void;
	__framed?: true;
}
export interface ConnLike {
	peer: PeerLike;
	connected: boolean;
	remotePeerId: string;
	destroy(): void;
}
export interface SignalingLike {
	connected: boolean;
	send(m: unknown): void;
	on(ev: string, fn: (m: unknown) => void): void;
	off(ev: string, fn: (m: unknown) => void): void;
}
export interface RoomLike {
	peerId: string;
	webrtcConns: Map<string, ConnLike>;
	bcConns: Set<string>;
	bcconnected: boolean;
	_docUpdateHandler: (update: Uint8Array, origin: unknown) => void;
	__quorumRelay?: UpdateBatcher;
}

/** y-webrtc's room of a provider (made once the key is derived). */
export const providerRoom = (provider: WebrtcProvider): RoomLike | undefined =>
	(provider as unknown as { room: RoomLike | null }).room ?? undefined;

export const providerSignalingConns = (provider: WebrtcProvider): SignalingLike[] =>
	(provider as unknown as { signalingConns: SignalingLike[] }).signalingConns;
