/**
 * The server relay channel (docs/ARCHITECTURE.md#server-relay): the same doc and awareness over
 * y-websocket to `@y/websocket-server` (`npm run relay`), Hocuspocus or y-redis. Unlike the mesh,
 * the server sees the project's content: use one you run and trust.
 */
import { WebsocketProvider } from 'y-websocket';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';

export type RelayState = 'connecting' | 'connected' | 'disconnected';

export class Relay {
	readonly provider: WebsocketProvider;
	state: RelayState = 'connecting';
	#fn: () => void;

	constructor(
		doc: Y.Doc,
		opts: { url: string; room: string; awareness: Awareness },
		onChange: () => void
	) {
		this.#fn = onChange;
		this.provider = new WebsocketProvider(opts.url, opts.room, doc, {
			awareness: opts.awareness,
			connect: true
		});
		this.provider.on('status', (e: { status: RelayState }) => {
			this.state = e.status;
			this.#fn();
		});
	}

	get synced(): boolean {
		return this.provider.synced;
	}

	destroy(): void {
		this.provider.destroy();
	}
}
