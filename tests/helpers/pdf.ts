/**
 * PDF helpers for browser unit tests: the fixture from Debian (tests/fixtures/pdf/README.md) read
 * through Vitest's server, and a small PDF whose standard security handler wants a password
 * nobody knows.
 */
import specUrl from '../fixtures/pdf/shared-mime-info-spec.pdf?url';

export async function pdfFixture(): Promise<Uint8Array> {
	return new Uint8Array(await (await fetch(specUrl)).arrayBuffer());
}

/** A one-page PDF encrypted with RC4 (R2) under a user password that is not empty. */
export function pdfWithPassword(): Uint8Array {
	const hex = `<${'ab'.repeat(32)}>`;
	return new TextEncoder().encode(`%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
4 0 obj << /Filter /Standard /V 1 /R 2 /O ${hex} /U ${hex} /P -4 >> endobj
trailer << /Root 1 0 R /Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] /Size 5 >>
%%EOF
`);
}
