/**
 * Signaling gates, one per room name this page has open. y-webrtc lets both sides of a pair
 * start a connection when both announce (as a member coming back online and the peer that saw
 * them leave both do); the two offers cross ("glare"), and y-webrtc resolves that by feeding an
 * offer to a peer that already made its own: each side ends up with two data channels, and runs
 * here showed connections that never opened, or opened with messages going nowhere, so offline
 * edits did not merge. The gate makes the choice deterministic: of two peers, only the one with
 * the smaller id starts the connection. An announce from a smaller id is held back from y-webrtc
 * and answered with an announce addressed to that peer, which then starts it (mesh.ts).
 * A payload our key cannot open (someone in the room with another key) never reaches y-webrtc,
 * whose own decryption has no error handler and would throw an uncaught OperationError; it is
 * emitted as `foreign` instead, for the mesh to count.
 */
import { SignalingConn } from 'y-webrtc';
import { signalOpen } from './signal-crypto';
import type { SignalingLike } from './types';

/** The event a signaling connection emits for a payload of a gated room our key cannot open. */
export const FOREIGN_SIGNAL = 'quorum-foreign';

/** Whether y-webrtc may see a signaling payload of the gate's room. */
export type Gate = (payload: unknown, conn: SignalingLike) => boolean;
export interface GateEntry {
	key: () => PromiseLike<CryptoKey | null>;
	pass: Gate;
}

export const gates = new Map<string, GateEntry>();

const SIGNAL_PROTO = SignalingConn.prototype as unknown as {
	emit(name: string, args: unknown[]): void;
	__quorumGated?: true;
};
if (!SIGNAL_PROTO.__quorumGated) {
	SIGNAL_PROTO.__quorumGated = true;
	const emit = SIGNAL_PROTO.emit;
	const chains = new WeakMap<object, Promise<void>>();
	SIGNAL_PROTO.emit = function (this: SignalingLike, name: string, args: unknown[]) {
		const m = args[0] as { type?: unknown; topic?: unknown; data?: unknown } | undefined;
		const gate = typeof m?.topic === 'string' ? gates.get(m.topic) : undefined;
		if (name !== 'message' || m?.type !== 'publish' || !gate || typeof m.data !== 'string') {
			emit.call(this, name, args);
			return;
		}
		// Decrypting is asynchronous; a chain per connection keeps the messages in order.
		const data = m.data;
		const next = (chains.get(this) ?? Promise.resolve()).then(async () => {
			const key = await gate.key();
			const opened = key ? await signalOpen(data, key) : undefined;
			if (key && !opened) emit.call(this, FOREIGN_SIGNAL, args);
			else if (!opened || gate.pass(opened.value, this)) emit.call(this, name, args);
		});
		chains.set(
			this,
			next.catch(() => undefined)
		);
	};
}
