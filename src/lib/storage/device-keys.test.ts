import { describe, expect, it } from 'vitest';
import { signedMake, signedVerify } from '$lib/core/signing';
import type { AnnotatorId } from '$lib/core/types';
import { QuorumDb } from './db';
import { deviceKeysLoad } from './device-keys';
import { settingsRepoFrom } from './settings-repo';

describe('device keys in real IndexedDB', () => {
	it('are made once, survive a reopen as CryptoKeys, and the private key stays unreadable', async () => {
		const name = `test-${crypto.randomUUID()}`;
		const db = new QuorumDb(name);
		const first = await deviceKeysLoad(settingsRepoFrom(db));
		expect(first.sign.privateKey.extractable).toBe(false);
		const rec = await signedMake(first, 'schema', { tasks: [] }, 'me' as AnnotatorId, 1);
		db.close();

		const again = new QuorumDb(name);
		const loaded = await deviceKeysLoad(settingsRepoFrom(again));
		expect(loaded.signPub).toBe(first.signPub);
		expect(loaded.dhPub).toBe(first.dhPub);
		expect(loaded.sign.privateKey).toBeInstanceOf(CryptoKey);
		expect(loaded.sign.privateKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('jwk', loaded.sign.privateKey)).rejects.toThrow();
		await expect(crypto.subtle.exportKey('pkcs8', loaded.dh.privateKey)).rejects.toThrow();
		// The stored private key still signs, and its signatures verify with the published key.
		const rec2 = await signedMake(loaded, 'schema', { tasks: [] }, 'me' as AnnotatorId, 2);
		expect(await signedVerify(rec, loaded.signPub)).toBe(true);
		expect(await signedVerify(rec2, first.signPub)).toBe(true);
		// The raw row holds CryptoKey objects, not key material.
		const row = await again.settings.get('device-keys');
		expect(JSON.stringify(row?.value)).not.toMatch(/"d"|pkcs8/);
		again.close();
		await again.delete();
	});

	it('two loads at once (as from two tabs) give one key pair', async () => {
		const db = new QuorumDb(`test-${crypto.randomUUID()}`);
		const [a, b] = await Promise.all([
			deviceKeysLoad(settingsRepoFrom(db)),
			deviceKeysLoad(settingsRepoFrom(db))
		]);
		expect(a.signPub).toBe(b.signPub);
		db.close();
		await db.delete();
	});
});
