// Serves the built app (build/) as a single-page app: real files when they exist, index.html for
// every other path. No dependencies beyond node.
import { createReadStream, existsSync, statSync } from 'node:fs';
import http from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.webmanifest': 'application/manifest+json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.wasm': 'application/wasm',
	'.txt': 'text/plain; charset=utf-8'
};

/**
 * @param {{ root?: string, host?: string, port?: number }} [opts]
 * @returns {Promise<{ url: string, server: http.Server, close: () => Promise<void> }>}
 */
export async function serveStart({ root = 'build', host = '127.0.0.1', port = 4173 } = {}) {
	const base = resolve(root);
	const server = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://x');
		let path = normalize(join(base, decodeURIComponent(url.pathname)));
		if (!path.startsWith(base)) {
			res.writeHead(403).end();
			return;
		}
		if (!existsSync(path) || statSync(path).isDirectory()) path = join(base, 'index.html');
		const type =
			TYPES[/** @type {keyof typeof TYPES} */ (extname(path))] ?? 'application/octet-stream';
		const immutable = url.pathname.startsWith('/_app/immutable/');
		res.writeHead(200, {
			'content-type': type,
			'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
		});
		createReadStream(path).pipe(res);
	});
	await new Promise((r) => server.listen(port, host, () => r(undefined)));
	const addr = server.address();
	const actual = typeof addr === 'object' && addr ? addr.port : port;
	return {
		url: `http://${host}:${actual}`,
		server,
		close: () => new Promise((r) => server.close(() => r(undefined)))
	};
}
