/**
 * This device's key pairs for signed membership (core/signing.ts), kept in the settings table.
 * CryptoKey objects are stored as they are (IndexedDB clones them); the private keys are not
 * extractable, so no script can read them out, only use them on this device.
 */
import { deviceKeysNew, isDeviceKeys, type DeviceKeys } from '$lib/core/signing';

export interface KeyStore {
	get<T>(key: string): Promise<T | undefined>;
	set(key: string, value: unknown): Promise<void>;
}

const KEY = 'device-keys';
const loading = new WeakMap<KeyStore, Promise<DeviceKeys>>();

/** Loads this device's keys, making and storing them the first time. */
export function deviceKeysLoad(store: KeyStore): Promise<DeviceKeys> {
	let p = loading.get(store);
	if (!p) {
		const load = async () => {
			const saved = await store.get<unknown>(KEY);
			if (isDeviceKeys(saved)) return saved;
			const made = await deviceKeysNew();
			await store.set(KEY, made);
			return made;
		};
		// One tab at a time makes the keys (Web Locks), so two tabs never publish different ones.
		const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
		p = locks ? locks.request('quorum-device-keys', load) : load();
		loading.set(store, p);
		p.catch(() => loading.delete(store));
	}
	return p;
}
