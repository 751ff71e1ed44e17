import { describe, expect, it } from 'vitest';
import { piiFind, type PiiFinding } from './detect';
import { nameFindings } from './name-find';
import { FIRST_NAMES, LAST_NAMES, NAME_TITLES } from './names';

/**
 * Sentences with person and place uses of given names that are also places, labelled by hand:
 * each with the person names in it (exact substrings; place uses are not listed).
 */
export const NAME_PLACE_SET: readonly (readonly [string, readonly string[]])[] = [
	// Place uses.
	['Sofia is the capital of Bulgaria.', []],
	['We flew to Sofia on Monday and stayed three nights.', []],
	['The conference moves from Sofia to Plovdiv next year.', []],
	['Rents in Sofia rose by 12% last year.', []],
	['Our office in Paris closes at six.', []],
	['She moved to Paris after graduating.', []],
	['The train from London to Paris takes two hours.', []],
	['Florence is famous for its Renaissance art.', []],
	['We spent a week near Florence, in a small farmhouse.', []],
	['Atlanta is the largest city in Georgia.', []],
	['Georgia borders Russia, Turkey, Armenia and Azerbaijan.', []],
	['The parcel was shipped via Victoria Station.', []],
	['Victoria is the second most populous state of Australia.', []],
	['Jordan shares a border with Saudi Arabia.', []],
	['The Jordan River flows into the Dead Sea.', []],
	['Our startup is based in Austin, Texas.', []],
	['Austin hosts a large music festival every spring.', []],
	['The Sydney Opera House opened in 1973.', []],
	['Flights to Sydney were delayed by the storm.', []],
	['He bought a flat in Chelsea last spring.', []],
	['Chelsea won the match two goals to one.', []],
	['The Adelaide Oval was full for the final.', []],
	['Adelaide has hot, dry summers.', []],
	['Charlotte, North Carolina, is a banking centre.', []],
	['We drove through Charlotte on the way south.', []],
	['The Lincoln Memorial is in Washington.', []],
	['Lincoln Cathedral was the tallest building in the world for centuries.', []],
	["Paris's museums are closed on Tuesdays.", []],
	["Sofia's airport is small but modern.", []],
	['The mayor of Sofia opened the new metro line.', []],
	['Prices around Paris doubled in a decade.', []],
	['The delegation arrived at Sydney and then went on to Adelaide.', []],
	['Georgia Tech has a strong engineering school.', []],
	['Sofia and Plovdiv are the largest cities in Bulgaria.', []],
	['Our Paris team shipped the release.', []],
	// Person uses.
	['Dear Sofia, thank you for the quick reply.', ['Sofia']],
	['My name is Sofia and I work in support.', ['Sofia']],
	['Sofia Petrova signed the contract on Friday.', ['Sofia Petrova']],
	['Ms. Sofia asked for a refund.', ['Sofia']],
	['Sofia said the package never arrived.', ['Sofia']],
	['Paris Hilton attended the opening.', ['Paris Hilton']],
	['Dr. Florence Nightingale reformed hospital care.', ['Florence Nightingale']],
	['Florence Welch sang the encore.', ['Florence Welch']],
	["Georgia O'Keeffe painted flowers and desert landscapes.", ["Georgia O'Keeffe"]],
	['Hi Georgia, the invoice is attached.', ['Georgia']],
	['Victoria Beckham launched a new collection.', ['Victoria Beckham']],
	['Mrs. Victoria Lopez called about her order.', ['Victoria Lopez']],
	['Jordan Peterson gave a lecture on Tuesday.', ['Jordan Peterson']],
	['Jordan told me the shipment was late.', ['Jordan']],
	['Austin Butler played the lead role.', ['Austin Butler']],
	['Thanks, Austin, for fixing the build.', ['Austin']],
	['Sydney Sweeney starred in the series.', ['Sydney Sweeney']],
	['Sydney wrote to complain about the delay.', ['Sydney']],
	['Chelsea Clinton spoke at the event.', ['Chelsea Clinton']],
	['Adelaide Kane was born in Perth.', ['Adelaide Kane']],
	['Charlotte Brown asked to change her address.', ['Charlotte Brown']],
	["Charlotte's husband picked up the order.", ['Charlotte']],
	['Mr. Lincoln will call you back tomorrow.', ['Lincoln']],
	['Abraham Lincoln was the 16th president.', ['Abraham Lincoln']],
	['Sofia and Maria will review the claims.', ['Sofia', 'Maria']],
	['I met Paris at the airport, she was tired.', ['Paris']],
	['Please forward this to Victoria in accounting.', ['Victoria']],
	['Sofia lives in Paris.', ['Sofia']],
	['Charlotte moved to Sydney in 2019.', ['Charlotte']],
	// Names that are not places: recall must not drop.
	['Maria Garcia opened ticket 4411.', ['Maria Garcia']],
	['Please ask Hannah whether the refund went through.', ['Hannah']],
	['Yesterday Thomas Müller left a voicemail.', ['Thomas Müller']],
	['Dr. Okonkwo reviewed the scan.', ['Okonkwo']],
	['The form was filled in by Priya Sharma.', ['Priya Sharma']],
	['Kenji and Emma shared the shift.', ['Kenji', 'Emma']],
	['The Big Apple is great in May, said the report.', []],
	['The weather in Berlin was cold.', []]
];

/**
 * More sentences, written after the rules above were tuned on NAME_PLACE_SET and not tuned on
 * since: a fairer check of how the rules do on text they were not fitted to.
 */
export const NAME_PLACE_LATER: readonly (readonly [string, readonly string[]])[] = [
	['Sofia, can you check the numbers before lunch?', ['Sofia']],
	['The hotel in central Sofia was fully booked.', []],
	['Ask Jordan about the server keys.', ['Jordan']],
	['Paris was cold and grey in February.', []],
	['We hired Austin as a contractor in March.', ['Austin']],
	['Sydney is hosting the finals this year.', []],
	['Tickets for the Chelsea game sold out.', []],
	['Victoria and Albert were married in 1840.', ['Victoria', 'Albert']],
	['Georgia is my manager now.', ['Georgia']],
	['Lincoln is a city in Nebraska.', []],
	['Charlotte will send the slides tonight.', ['Charlotte']],
	['I stayed at a hostel in Adelaide for a month.', []],
	['Send the contract to Paris Jackson by Friday.', ['Paris Jackson']],
	['Victoria Falls is on the Zambezi.', []],
	['Lunch with Sydney went well.', ['Sydney']],
	['The flight to Austin was cancelled.', []]
];

/** The list matcher before place context (detect.ts until this change), as the reference. */
function listOnly(text: string): PiiFinding[] {
	const words = [...text.matchAll(/\p{Lu}[\p{Ll}'’-]+/gu)].map((m) => ({
		start: m.index,
		end: m.index + m[0].length,
		text: m[0]
	}));
	const out: PiiFinding[] = [];
	for (let i = 0; i < words.length; i++) {
		const w = words[i]!;
		const next = words[i + 1];
		const adjacent = next && /^\s+$/.test(text.slice(w.end, next.start));
		const title = /\b(\p{L}{2,4})\.?\s+$/u.exec(text.slice(Math.max(0, w.start - 6), w.start));
		const titled = title && NAME_TITLES.has(title[1]!.toLowerCase());
		if (!titled && !FIRST_NAMES.has(w.text.toLowerCase().replace(/[’']s$/, ''))) continue;
		let end = w.end;
		if (adjacent && next && (!titled || LAST_NAMES.has(next.text.toLowerCase()))) {
			end = next.end;
			i++;
		}
		out.push({ type: 'name', start: w.start, end, text: text.slice(w.start, end) });
	}
	return out;
}

interface Score {
	precision: number;
	recall: number;
	flagged: number;
	right: number;
	persons: number;
	found: number;
	/** People with any finding on them, also one the review starts unchecked. */
	offered: number;
	/** Findings the review starts unchecked, and how many of them are people. */
	unchecked: number;
	uncheckedPeople: number;
	misses: string[];
	wrong: string[];
}

/**
 * Scores a matcher on the set. Flagged: the findings the review starts checked (not `alsoPlace`);
 * one is right when it overlaps a person's name. A person is found when a flagged finding overlaps
 * the name.
 */
function score(
	find: (text: string) => PiiFinding[],
	set: readonly (readonly [string, readonly string[]])[] = NAME_PLACE_SET
): Score {
	const s: Score = {
		precision: 0,
		recall: 0,
		flagged: 0,
		right: 0,
		persons: 0,
		found: 0,
		offered: 0,
		unchecked: 0,
		uncheckedPeople: 0,
		misses: [],
		wrong: []
	};
	for (const [text, names] of set) {
		const gold = names.map((n) => {
			const start = text.indexOf(n);
			if (start < 0) throw new Error(`"${n}" is not in "${text}"`);
			return { start, end: start + n.length };
		});
		const all = find(text);
		const flagged = all.filter((f) => !f.alsoPlace);
		const hits = (a: { start: number; end: number }, b: { start: number; end: number }) =>
			a.start < b.end && b.start < a.end;
		for (const f of all.filter((x) => x.alsoPlace)) {
			s.unchecked++;
			if (gold.some((g) => hits(f, g))) s.uncheckedPeople++;
		}
		for (const f of flagged) {
			s.flagged++;
			if (gold.some((g) => hits(f, g))) s.right++;
			else s.wrong.push(`${f.text} in "${text}"`);
		}
		for (const [i, g] of gold.entries()) {
			s.persons++;
			if (all.some((f) => hits(f, g))) s.offered++;
			if (flagged.some((f) => hits(f, g))) s.found++;
			else s.misses.push(`${names[i]} in "${text}"`);
		}
	}
	s.precision = s.right / s.flagged;
	s.recall = s.found / s.persons;
	return s;
}

const names = (text: string) =>
	nameFindings(text).map((f) => (f.alsoPlace ? `${f.text}?` : f.text));

describe('names that are also places', () => {
	it('has a labelled set of at least 60 sentences with place and person uses', () => {
		expect(NAME_PLACE_SET.length).toBeGreaterThanOrEqual(60);
		expect(NAME_PLACE_SET.filter(([, n]) => n.length === 0).length).toBeGreaterThanOrEqual(30);
		expect(NAME_PLACE_SET.filter(([, n]) => n.length > 0).length).toBeGreaterThanOrEqual(30);
	});

	it('is more precise than the list alone on the set, and finds at least as many people', () => {
		const before = score(listOnly);
		const after = score(nameFindings);
		const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
		const line = (s: Score) =>
			`precision ${pct(s.precision)} (${s.right}/${s.flagged}), recall ${pct(s.recall)} (${s.found}/${s.persons}; offered unchecked too: ${s.offered}); ${s.unchecked} unchecked, ${s.uncheckedPeople} of them people`;
		console.log(
			`Names on ${NAME_PLACE_SET.length} sentences: list alone ${line(before)}; with place context ${line(after)}\n` +
				`  still missed: ${after.misses.join('; ') || 'none'}\n` +
				`  still wrong: ${after.wrong.join('; ') || 'none'}`
		);
		expect(after.precision).toBeGreaterThan(before.precision);
		expect(after.recall).toBeGreaterThanOrEqual(before.recall);
		expect(after.precision).toBeGreaterThanOrEqual(0.95);
		expect(after.recall).toBeGreaterThanOrEqual(0.85);
	});

	it('is more precise than the list alone on sentences written after the rules', () => {
		const before = score(listOnly, NAME_PLACE_LATER);
		const after = score(nameFindings, NAME_PLACE_LATER);
		const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
		const line = (s: Score) =>
			`precision ${pct(s.precision)} (${s.right}/${s.flagged}), recall ${pct(s.recall)} (${s.found}/${s.persons}; offered unchecked too: ${s.offered}); ${s.unchecked} unchecked, ${s.uncheckedPeople} of them people`;
		console.log(
			`Names on ${NAME_PLACE_LATER.length} later sentences: list alone ${line(before)}; with place context ${line(after)}\n` +
				`  missed: ${after.misses.join('; ') || 'none'}\n` +
				`  wrong: ${after.wrong.join('; ') || 'none'}`
		);
		expect(after.precision).toBeGreaterThan(before.precision);
		expect(after.recall).toBeGreaterThanOrEqual(before.recall);
	});

	it('reads a place-like name as a place after a place preposition or before a place word', () => {
		expect(names('Rents in Sofia rose.')).toEqual([]);
		expect(names('We flew to Sofia on Monday.')).toEqual([]);
		expect(names('The Sydney Opera House opened in 1973.')).toEqual([]);
		expect(names('Our startup is based in Austin, Texas.')).toEqual([]);
		expect(names('Sofia is the capital of Bulgaria.')).toEqual([]);
		expect(names("Sofia's airport is small.")).toEqual([]);
		expect(names('Paris Saint-Germain won again.')).toEqual([]);
	});

	it('reads a place-like name as a person with a title, a surname, a greeting or a verb of people', () => {
		expect(names('Ms. Sofia asked for a refund.')).toEqual(['Sofia']);
		expect(names('Sofia Petrova signed it.')).toEqual(['Sofia Petrova']);
		expect(names('Dear Sofia, thanks.')).toEqual(['Sofia']);
		expect(names('My name is Paris.')).toEqual(['Paris']);
		expect(names('Jordan told me.')).toEqual(['Jordan']);
		expect(names("Charlotte's husband came.")).toEqual(["Charlotte's"]);
		expect(names('Sofia and Maria will review it.')).toEqual(['Sofia', 'Maria']);
		// "to" alone is no place: people are written to as well.
		expect(names('I gave it to Victoria yesterday.')).toEqual(['Victoria?']);
	});

	it('marks a place-like name with no context either way as also a place', () => {
		expect(names('Chelsea won the match.')).toEqual(['Chelsea?']);
		const f = piiFind('Chelsea won the match.');
		expect(f).toEqual([{ type: 'name', start: 0, end: 7, text: 'Chelsea', alsoPlace: true }]);
	});

	it('keeps a person span from labels or the model over a place-like name the list found', () => {
		const f = piiFind('Chelsea won the match.', {
			personSpans: [{ start: 0, end: 7, source: 'model', confidence: 0.9 }]
		});
		expect(f).toEqual([
			{ type: 'name', start: 0, end: 7, text: 'Chelsea', source: 'model', confidence: 0.9 }
		]);
	});

	it('keeps finding names that are not places as before', () => {
		expect(names('Yesterday Maria Garcia met Dr. Okonkwo and Hannah.')).toEqual([
			'Maria Garcia',
			'Okonkwo',
			'Hannah'
		]);
		for (const [text] of NAME_PLACE_SET.slice(-8))
			expect(listOnly(text).map((f) => f.text)).toEqual(nameFindings(text).map((f) => f.text));
	});
});
