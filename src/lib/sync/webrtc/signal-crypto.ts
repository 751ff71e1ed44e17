import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * y-webrtc's signaling payload encryption (AES-GCM, `writeAny` JSON), read and written here.
 * Returns the payload, or undefined when our key cannot open it.
 */
export async function signalOpen(
	data: string,
	key: CryptoKey
): Promise<{ value: unknown } | undefined> {
	try {
		const bin = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
		const d = decoding.createDecoder(bin);
		if (decoding.readVarString(d) !== 'AES-GCM') return undefined;
		const iv = decoding.readVarUint8Array(d) as Uint8Array<ArrayBuffer>;
		const cipher = decoding.readVarUint8Array(d) as Uint8Array<ArrayBuffer>;
		const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, cipher);
		return { value: decoding.readAny(decoding.createDecoder(new Uint8Array(plain))) };
	} catch {
		return undefined;
	}
}

/** Encrypts a signaling payload as y-webrtc does, so its peers can open it. */
export async function signalSeal(data: unknown, key: CryptoKey): Promise<string> {
	const plain = encoding.createEncoder();
	encoding.writeAny(plain, data as Parameters<typeof encoding.writeAny>[1]);
	const iv = crypto.getRandomValues(new Uint8Array(12));
	const cipher = new Uint8Array(
		await crypto.subtle.encrypt(
			{ name: 'AES-GCM', iv },
			key,
			encoding.toUint8Array(plain) as Uint8Array<ArrayBuffer>
		)
	);
	const out = encoding.createEncoder();
	encoding.writeVarString(out, 'AES-GCM');
	encoding.writeVarUint8Array(out, iv);
	encoding.writeVarUint8Array(out, cipher);
	let s = '';
	for (const b of encoding.toUint8Array(out)) s += String.fromCharCode(b);
	return btoa(s);
}
