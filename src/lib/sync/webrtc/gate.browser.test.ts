/**
 * The signaling gate: a payload of our room sealed with another key goes to the mesh as a
 * foreign signal, never to y-webrtc's message handler (whose decryption would throw an uncaught
 * OperationError in every member's page); a payload our key opens still reaches it.
 */
import { SignalingConn } from 'y-webrtc';
import { afterEach, describe, expect, it } from 'vitest';
import { FOREIGN_SIGNAL, gates } from './gate';
import { signalSeal } from './signal-crypto';

const aesKey = () =>
	crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);

/** A signaling connection without a socket: only its event emitter is used. */
function connWithoutSocket() {
	const conn = Object.create(SignalingConn.prototype) as {
		_observers: Map<string, Set<(m: unknown) => void>>;
		on(ev: string, fn: (m: unknown) => void): void;
		emit(ev: string, args: unknown[]): void;
	};
	conn._observers = new Map();
	const seen = { message: [] as unknown[], foreign: [] as unknown[] };
	conn.on('message', (m) => seen.message.push(m));
	conn.on(FOREIGN_SIGNAL, (m) => seen.foreign.push(m));
	return { conn, seen };
}

afterEach(() => gates.delete('room-1'));

describe('signaling gate', () => {
	it('sends a payload sealed with another key to the mesh only, and ours to y-webrtc', async () => {
		const ours = await aesKey();
		gates.set('room-1', { key: () => Promise.resolve(ours), pass: () => true });
		const { conn, seen } = connWithoutSocket();
		const wrong = {
			type: 'publish',
			topic: 'room-1',
			data: await signalSeal({ a: 1 }, await aesKey())
		};
		const right = { type: 'publish', topic: 'room-1', data: await signalSeal({ a: 2 }, ours) };
		conn.emit('message', [wrong]);
		conn.emit('message', [right]);
		await expect.poll(() => seen.message.length + seen.foreign.length).toBe(2);
		expect(seen.foreign).toEqual([wrong]);
		expect(seen.message).toEqual([right]);
	});
});
