// `npm run relay`: a Yjs sync server (@y/websocket-server) for teams that outgrow a peer mesh.
// Binds to 127.0.0.1 by default; HOST and PORT (or --host/--port) change it. Unlike the WebRTC
// signaling relay, this server holds the project's content in memory: run it where you trust it.
import http from 'node:http';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

/** @param {string} name */
function flag(name) {
	const i = process.argv.indexOf(`--${name}`);
	return i > 0 ? process.argv[i + 1] : undefined;
}

/**
 * @param {{ host?: string, port?: number }} [opts]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function relayStart({ host = '127.0.0.1', port = 1234 } = {}) {
	const server = http.createServer((_req, res) => res.writeHead(200).end('quorum relay'));
	const wss = new WebSocketServer({ noServer: true });
	wss.on('connection', (conn, req) => setupWSConnection(conn, req, { gc: true }));
	server.on('upgrade', (req, socket, head) =>
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
	);
	await new Promise((resolve) => server.listen(port, host, () => resolve(undefined)));
	const addr = server.address();
	const actual = typeof addr === 'object' && addr ? addr.port : port;
	return {
		url: `ws://${host}:${actual}`,
		close: () =>
			new Promise((resolve) => {
				for (const c of wss.clients) c.terminate();
				wss.close();
				server.closeAllConnections();
				server.close(() => resolve(undefined));
			})
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const host = flag('host') ?? process.env.HOST ?? '127.0.0.1';
	const port = Number(flag('port') ?? process.env.PORT ?? 1234);
	const r = await relayStart({ host, port });
	console.log(
		`Quorum relay (Yjs sync server) on ${r.url}\nPut this URL in Settings → Connection → Server relay.`
	);
	const stop = () => void r.close().then(() => process.exit(0));
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}
