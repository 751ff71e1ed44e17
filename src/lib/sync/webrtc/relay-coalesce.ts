import type { WebrtcProvider } from 'y-webrtc';
import type * as Y from 'yjs';
import { UpdateBatcher } from '../coalesce';
import { providerRoom } from './types';

/**
 * y-webrtc sends every doc update to every peer and, encrypted, to the other tabs of this
 * browser, also the updates it just received from a peer (so a partial mesh still hears
 * everything). Received updates are relayed merged (coalesce.ts) instead of one by one: a
 * peer's flood was encrypted and posted per message.
 */
export function relayCoalesce(doc: Y.Doc, provider: WebrtcProvider): void {
	const room = providerRoom(provider);
	if (!room || room.__quorumRelay) return;
	const original = room._docUpdateHandler;
	const relay = new UpdateBatcher((u) => original(u.update, room));
	room.__quorumRelay = relay;
	const handler = (update: Uint8Array, origin: unknown) => {
		if (origin === room) return relay.push({ update, step2: false });
		relay.flush();
		original(update, origin);
	};
	const listening = room.bcconnected;
	if (listening) doc.off('update', original);
	room._docUpdateHandler = handler;
	if (listening) doc.on('update', handler);
}
