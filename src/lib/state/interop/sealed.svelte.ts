/**
 * An encrypted Quorum export dropped on the import page, waiting for its passphrase: what it
 * holds (named in its manifest), and why the last passphrase did not open it.
 */
import { PassphraseError } from '$lib/core/crypto';
import { unsealExport } from '$lib/core/formats/interop/sealed';

export class SealedFile {
	readonly file: File;
	/** The name of the file it holds. */
	readonly inner: string;
	#error = $state('');

	constructor(file: File, inner: string) {
		this.file = file;
		this.inner = inner;
	}

	/** Why the last passphrase did not open it ('' before a try, or after a good one). */
	get error(): string {
		return this.#error;
	}

	/** The file it holds, decrypted with `passphrase`; undefined (and `error` says why) if not. */
	async unlock(passphrase: string): Promise<File | undefined> {
		this.#error = '';
		try {
			const bytes = new Uint8Array(await this.file.arrayBuffer());
			const inner = await unsealExport(bytes, this.file.name, passphrase);
			return new File([inner.bytes as Uint8Array<ArrayBuffer>], inner.name);
		} catch (e) {
			this.#error =
				e instanceof PassphraseError
					? `${this.file.name}: ${e.message} Nothing was imported.`
					: e instanceof Error
						? e.message
						: String(e);
			return undefined;
		}
	}
}
