// A browser-only app: data lives in IndexedDB, so nothing renders on a server.
export const ssr = false;
export const prerender = false;
