import { describe, expect, it } from 'vitest';
import { inviteAccept, inviteParse, inviteUrl, roomCredsKey, roomCredsNew } from './room';

const prefs = () => {
	const m = new Map<string, unknown>();
	return {
		m,
		get: async <T>(k: string) => m.get(k) as T | undefined,
		set: async (k: string, v: unknown) => void m.set(k, v)
	};
};

describe('invites', () => {
	it('round-trips a link: project, name, room, key and the owner’s fingerprint', () => {
		const creds = roomCredsNew();
		const url = inviteUrl(
			'https://q.example',
			'abcdef0123',
			'My project',
			creds,
			'0123456789abcdef'
		);
		expect(url.startsWith('https://q.example/join#')).toBe(true);
		expect(inviteParse(new URL(url).hash)).toEqual({
			project: 'abcdef0123',
			name: 'My project',
			creds,
			owner: '0123456789abcdef'
		});
	});

	it('reads an incomplete or malformed fragment as no invite, and drops a bad fingerprint', () => {
		expect(inviteParse('')).toBeUndefined();
		expect(inviteParse('#p=abcdef0123&room=quorum-abc&key=short')).toBeUndefined();
		expect(inviteParse('#p=NOT-HEX!&room=quorum-abcdef&key=0123456789abcdef0')).toBeUndefined();
		const ok = inviteParse('#p=abcdef0123&room=quorum-abcdef&key=0123456789abcdef0&o=zz');
		expect(ok?.owner).toBeUndefined();
		expect(ok?.creds).toEqual({ room: 'quorum-abcdef', key: '0123456789abcdef0' });
	});

	it('stores an accepted room under the project, and the owner to trust', async () => {
		const p = prefs();
		const creds = { room: 'quorum-abcdef', key: '0123456789abcdef0' };
		await inviteAccept(p, 'abcdef0123', creds, '0123456789abcdef');
		expect(p.m.get(roomCredsKey('abcdef0123'))).toEqual(creds);
		expect(p.m.get('trust-anchor:abcdef0123')).toEqual({ fp: '0123456789abcdef' });
	});
});
