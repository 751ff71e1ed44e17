/**
 * Check digits that tell real card and account numbers from other digit runs: the Luhn mod-10
 * check (ISO/IEC 7812-1, annex B) and the IBAN mod-97 check (ISO 13616-1, ISO 7064 MOD 97-10).
 */

/** Whether a string of digits passes the Luhn check. Non-digits are ignored. */
export function luhnValid(digits: string): boolean {
	const d = digits.replace(/\D/g, '');
	if (d.length < 2) return false;
	let sum = 0;
	for (let i = 0; i < d.length; i++) {
		let n = d.charCodeAt(d.length - 1 - i) - 48;
		if (i % 2 === 1) {
			n *= 2;
			if (n > 9) n -= 9;
		}
		sum += n;
	}
	return sum % 10 === 0;
}

/** IBAN lengths by country (SWIFT IBAN registry). */
const IBAN_LENGTH: Record<string, number> = {
	AD: 24,
	AE: 23,
	AL: 28,
	AT: 20,
	AZ: 28,
	BA: 20,
	BE: 16,
	BG: 22,
	BH: 22,
	BR: 29,
	CH: 21,
	CR: 22,
	CY: 28,
	CZ: 24,
	DE: 22,
	DK: 18,
	DO: 28,
	EE: 20,
	EG: 29,
	ES: 24,
	FI: 18,
	FO: 18,
	FR: 27,
	GB: 22,
	GE: 22,
	GI: 23,
	GL: 18,
	GR: 27,
	GT: 28,
	HR: 21,
	HU: 28,
	IE: 22,
	IL: 23,
	IS: 26,
	IT: 27,
	JO: 30,
	KW: 30,
	KZ: 20,
	LB: 28,
	LI: 21,
	LT: 20,
	LU: 20,
	LV: 21,
	MC: 27,
	MD: 24,
	ME: 22,
	MK: 19,
	MR: 27,
	MT: 31,
	MU: 30,
	NL: 18,
	NO: 15,
	PK: 24,
	PL: 28,
	PS: 29,
	PT: 25,
	QA: 29,
	RO: 24,
	RS: 22,
	SA: 24,
	SE: 24,
	SI: 19,
	SK: 24,
	SM: 27,
	TN: 24,
	TR: 26,
	UA: 29,
	VG: 24,
	XK: 20
};

/** Whether a string (spaces allowed) is a valid IBAN: known country, its length, mod 97 = 1. */
export function ibanValid(s: string): boolean {
	const iban = s.replace(/\s/g, '').toUpperCase();
	if (!/^[A-Z]{2}\d{2}[A-Z0-9]+$/.test(iban)) return false;
	if (IBAN_LENGTH[iban.slice(0, 2)] !== iban.length) return false;
	const moved = iban.slice(4) + iban.slice(0, 4);
	let rem = 0;
	for (const ch of moved) {
		const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : ch.charCodeAt(0) - 48;
		rem = v > 9 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
	}
	return rem === 1;
}
