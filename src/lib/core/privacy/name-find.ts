/**
 * Person names from the bundled lists (names.ts), with context for names that are also places.
 *
 * - A capitalised word after a courtesy title (Mr, Dr, Frau, …) is a name, with a known surname
 *   after it.
 * - A listed given name is a name, with the capitalised word after it (the surname).
 * - A given name that is also a common place (Sofia, Paris, Georgia, … in PLACE_NAMES) is a name
 *   only with person context: a title, a surname after it, a greeting or "my name is" before it,
 *   a verb only people do after it ("said", "wrote"), "'s husband", or "and Maria". With place
 *   context instead ("in Sofia", "flew to Paris", "Austin, Texas", "Sydney Opera House", "the
 *   mayor of Sofia") it is not reported; with neither it is reported marked `alsoPlace`, which the
 *   redaction review starts unchecked.
 * Pure.
 */
import type { PiiFinding } from './detect';
import { FIRST_NAMES, LAST_NAMES, NAME_TITLES, PLACE_FOLLOWERS, PLACE_NAMES } from './names';

const WORD = /\p{Lu}[\p{Ll}'’-]+/gu;

interface Word {
	start: number;
	end: number;
	text: string;
}

/** Right before the name: a greeting, "my name is", "named", a verb only people take. */
const PERSON_BEFORE =
	/(?:\b(?:dear|hi|hello|hey|thanks|thank you|cheers|regards|sincerely|best|bye|congratulations|congrats)[,!]?|\bmy name is|\bname's|\bnamed|\bI am|\bI'm|\b(?:met|meet|ask|asked|tell|told|thank|thanked|email|emailed|text|texted|cc|hire|hired|married|cc:))\s+$/iu;
/** Right after the name: a verb or phrase only people take. */
const PERSON_AFTER =
	/^(?:[’']s\s+(?:mother|father|mum|mom|dad|sister|brother|husband|wife|son|daughter|partner|boyfriend|girlfriend|friend|colleague|manager|boss|birthday|phone|email|e-mail|address|account|order|car|parents|family|children|kids)\b|,?\s+(?:said|says|told|tells|asked|asks|wrote|writes|replied|replies|answered|answers|emailed|texted|called|calls|phoned|thinks|thought|smiled|laughed|cried|agreed|explained|mentioned|wants|wanted|likes|liked|loves|loved|knows|knew|lives|lived|works|worked|moved|studies|studied|signed|complained|apologised|apologized|confirmed|promised|was born|is my|was my|and I|and me)\b)/iu;
/** Right before the name: a preposition or verb of places. */
const PLACE_BEFORE =
	/(?:\b(?:in|from|at|near|around|into|via|across|outside|inside|through|throughout|toward|towards|visit|visited|visiting|visits|reach|reached|leave|leaving|left|downtown|central|greater)|\b(?:the|our|your|their|this|that|our|its)|\b(?:city|capital|streets|mayor|outskirts|centre|center|suburbs|heart|people|university|airport|region|port|map|population) of)\s+$/iu;
/** A verb of travel up to three words before "to": "flew to", "went on to", "a train to". */
const TRAVEL_TO =
	/\b(?:go|goes|going|gone|went|travel|travels|travelled|traveled|travelling|traveling|fly|flies|flew|flying|flight|flights|move|moves|moved|moving|drive|drove|driving|trip|train|bus|ferry|return|returned|back|road|way|route|ship|shipped|shipping|relocated|emigrated|commute|heading|headed)\b(?:\s+\S+){0,2}\s+to\s+$/iu;
/** Right after the name: "is the capital", "'s airport", ", Texas". */
const PLACE_AFTER =
	/^(?:\s+(?:is|was)\s+(?:the|a|an)\s+(?:\S+\s+){0,3}(?:capital|city|town|state|country|region|province|suburb|district|port|nation|kingdom|island)\b|[’']s\s+(?:airport|streets|museums|metro|mayor|population|old town|centre|center|suburbs|skyline|weather|nightlife|economy|government|parliament|harbour|harbor|restaurants|hotels|river|beaches|university)\b|-based\b)/iu;
/** Lowercase words that, capitalised after a name (a headline or a sentence start), are no surname. */
const NOT_SURNAMES = new Set(
	'the a an and or but in on at to of for with is was are were this that these those it its will has had'.split(
		' '
	)
);

/** How a place-like name reads in its sentence: as a person, as a place, or either. */
function placeLikeReading(text: string, w: Word, next: Word | undefined): 'person' | 'place' | '' {
	const before = text.slice(Math.max(0, w.start - 40), w.start);
	// "Sofia's": the word holds the possessive, which the context after the name reads.
	const nameEnd = /[’']s$/.test(w.text) ? w.end - 2 : w.end;
	const after = text.slice(nameEnd, nameEnd + 60);
	if (next && /^\s+$/.test(text.slice(w.end, next.start))) {
		const n = next.text.toLowerCase();
		if (LAST_NAMES.has(n)) return 'person';
		// "Paris Saint-Germain": the first part of a hyphenated word counts.
		const head = n.split('-')[0] as string;
		if (PLACE_FOLLOWERS.has(n) || PLACE_FOLLOWERS.has(head) || PLACE_NAMES.has(n)) return 'place';
		if (NOT_SURNAMES.has(n)) return 'place';
		return 'person';
	}
	const comma = /^,\s+(\p{Lu}[\p{L}.]*)/u.exec(after);
	if (comma && PLACE_FOLLOWERS.has((comma[1] as string).toLowerCase())) return 'place';
	if (PERSON_BEFORE.test(before) || PERSON_AFTER.test(after)) return 'person';
	// "Sofia and Maria": next to a given name that is no place.
	const pair = /^\s+(?:and|&|or)\s+(\p{Lu}[\p{Ll}'’-]+)/u.exec(after);
	const pairBefore = /(\p{Lu}[\p{Ll}'’-]+),?\s+(?:and|&|or)\s+$/u.exec(before);
	for (const m of [pair, pairBefore]) {
		const other = (m?.[1] ?? '').toLowerCase();
		if (FIRST_NAMES.has(other) && !PLACE_NAMES.has(other)) return 'person';
	}
	if (PLACE_BEFORE.test(before) || TRAVEL_TO.test(before) || PLACE_AFTER.test(after))
		return 'place';
	return '';
}

/** Person names the bundled lists find in `text`. */
export function nameFindings(text: string): PiiFinding[] {
	WORD.lastIndex = 0;
	const words: Word[] = [];
	for (let m = WORD.exec(text); m; m = WORD.exec(text))
		words.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
	const out: PiiFinding[] = [];
	const push = (start: number, end: number, alsoPlace = false) =>
		out.push({
			type: 'name',
			start,
			end,
			text: text.slice(start, end),
			...(alsoPlace ? { alsoPlace: true } : {})
		});
	for (let i = 0; i < words.length; i++) {
		const w = words[i] as Word;
		const key = w.text.toLowerCase().replace(/[’']s$/, '');
		const next = words[i + 1];
		const adjacent = next && /^\s+$/.test(text.slice(w.end, next.start));
		const before = text.slice(Math.max(0, w.start - 6), w.start);
		const title = /\b(\p{L}{2,4})\.?\s+$/u.exec(before);
		if (title && NAME_TITLES.has((title[1] as string).toLowerCase())) {
			let end = w.end;
			if (adjacent && next && LAST_NAMES.has(next.text.toLowerCase())) {
				end = next.end;
				i++;
			}
			push(w.start, end);
			continue;
		}
		if (PLACE_NAMES.has(key)) {
			const reading = placeLikeReading(text, w, next);
			if (reading === 'place') {
				// "Sydney Opera": the next word is part of the place, not a name of its own.
				if (adjacent && next && PLACE_FOLLOWERS.has(next.text.toLowerCase())) i++;
				continue;
			}
			let end = w.end;
			if (adjacent && next && reading === 'person') {
				end = next.end;
				i++;
			}
			push(w.start, end, reading === '');
			continue;
		}
		if (!FIRST_NAMES.has(key)) continue;
		let end = w.end;
		if (adjacent && next) {
			end = next.end;
			i++;
		}
		push(w.start, end);
	}
	return out;
}
