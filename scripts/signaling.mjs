// A y-webrtc signaling relay (same protocol as y-webrtc/bin/server.js: subscribe, unsubscribe,
// publish, ping), bound to one host. It forwards encrypted offers between peers of a room and
// never sees project data.
import http from 'node:http';
import { WebSocketServer } from 'ws';

const PING_MS = 30000;
const MAX_MESSAGE = 1 << 20;

/**
 * @param {{ host?: string, port?: number, server?: http.Server }} [opts]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function signalingStart({ host = '127.0.0.1', port = 4444, server } = {}) {
	const own = !server;
	const srv =
		server ?? http.createServer((_req, res) => res.writeHead(200).end('quorum signaling'));
	const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE });
	/** @type {Map<string, Set<import('ws').WebSocket>>} */
	const topics = new Map();

	wss.on('connection', (conn) => {
		/** @type {Set<string>} */
		const subscribed = new Set();
		let alive = true;
		const pinger = setInterval(() => {
			if (!alive) return conn.terminate();
			alive = false;
			conn.ping();
		}, PING_MS);
		conn.on('pong', () => (alive = true));
		conn.on('close', () => {
			clearInterval(pinger);
			for (const t of subscribed) {
				const subs = topics.get(t);
				subs?.delete(conn);
				if (subs && subs.size === 0) topics.delete(t);
			}
		});
		conn.on('message', (raw) => {
			let msg;
			try {
				msg = JSON.parse(String(raw));
			} catch {
				return;
			}
			if (!msg || typeof msg.type !== 'string') return;
			const names = Array.isArray(msg.topics)
				? msg.topics.filter((/** @type {unknown} */ t) => typeof t === 'string')
				: [];
			if (msg.type === 'subscribe') {
				for (const t of names) {
					if (!topics.has(t)) topics.set(t, new Set());
					topics.get(t)?.add(conn);
					subscribed.add(t);
				}
			} else if (msg.type === 'unsubscribe') {
				for (const t of names) topics.get(t)?.delete(conn);
			} else if (msg.type === 'publish' && typeof msg.topic === 'string') {
				const receivers = topics.get(msg.topic);
				if (!receivers) return;
				msg.clients = receivers.size;
				const out = JSON.stringify(msg);
				for (const r of receivers) if (r.readyState === r.OPEN) r.send(out);
			} else if (msg.type === 'ping') {
				conn.send(JSON.stringify({ type: 'pong' }));
			}
		});
	});

	srv.on('upgrade', (req, socket, head) => {
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
	});

	if (own) await new Promise((resolve) => srv.listen(port, host, () => resolve(undefined)));
	const addr = srv.address();
	const actualPort = typeof addr === 'object' && addr ? addr.port : port;
	return {
		url: `ws://${host}:${actualPort}`,
		close: () =>
			new Promise((resolve) => {
				for (const c of wss.clients) c.terminate();
				wss.close();
				if (own) srv.close(() => resolve(undefined));
				else resolve(undefined);
			})
	};
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const host = process.env.HOST ?? '127.0.0.1';
	const port = Number(process.env.PORT ?? 4444);
	const s = await signalingStart({ host, port });
	console.log(`Signaling relay on ${s.url}`);
}
