/**
 * The UI's strings, one catalog per language, under one typed key set: a language that lacks a
 * key (or has one English lacks) does not compile. English is the source; `{name}` marks a
 * parameter, and a key with `_one` / `_other` forms is chosen by Intl.PluralRules.
 * Covered so far: the main navigation and the annotator screen.
 */

const en = {
	'nav.main': 'Main',
	'nav.home': 'Quorum, all projects',
	'nav.projects': 'Projects',
	'nav.settings': 'Settings',
	'annot.menu': 'Menu',
	'annot.position': 'Item {pos} of {total} · done',
	'annot.progressBar': 'Items you have labeled',
	'annot.item': 'Item (swipe left for next, right for back; long-press to skip or flag)',
	'annot.labelsMulti': 'Labels (choose any)',
	'annot.labelsOne': 'Label (choose one)',
	'annot.moves': 'Item navigation',
	'annot.back': 'Back',
	'annot.undo': 'Undo',
	'annot.skipFlag': 'Skip / flag',
	'annot.next': 'Next',
	'annot.thisItem': 'This item',
	'annot.skip': 'Skip for now',
	'annot.flag': 'Flag for review',
	'annot.myProgress': 'My progress',
	'annot.doneToday': 'Done today',
	'annot.doneAll': 'Done in all',
	'annot.of': '{done} of {total}',
	'annot.left': 'Left',
	'annot.streak': 'Streak',
	'annot.days_one': '{n} day in a row',
	'annot.days_other': '{n} days in a row',
	'annot.guidelines': 'Guidelines',
	'annot.keys': 'Keys',
	'annot.vibrate': 'Vibrate when a label is saved',
	'annot.fullView': 'Full project view',
	'annot.leave': 'Leave (all projects)',
	'annot.allDone': 'You have labeled every item.',
	'comments.open': 'Comments',
	'comments.none': 'none yet',
	'comments.threads_one': '{n} thread',
	'comments.threads_other': '{n} threads',
	'comments.new': '{n} new'
} as const;

export type MsgKey = keyof typeof en;
export type Catalog = Readonly<Record<MsgKey, string>>;

const es: Catalog = {
	'nav.main': 'Principal',
	'nav.home': 'Quorum, todos los proyectos',
	'nav.projects': 'Proyectos',
	'nav.settings': 'Ajustes',
	'annot.menu': 'Menú',
	'annot.position': 'Elemento {pos} de {total} · hechos',
	'annot.progressBar': 'Elementos que has etiquetado',
	'annot.item':
		'Elemento (desliza a la izquierda para el siguiente, a la derecha para volver; mantén pulsado para omitir o marcar)',
	'annot.labelsMulti': 'Etiquetas (elige las que quieras)',
	'annot.labelsOne': 'Etiqueta (elige una)',
	'annot.moves': 'Navegación entre elementos',
	'annot.back': 'Atrás',
	'annot.undo': 'Deshacer',
	'annot.skipFlag': 'Omitir / marcar',
	'annot.next': 'Siguiente',
	'annot.thisItem': 'Este elemento',
	'annot.skip': 'Omitir por ahora',
	'annot.flag': 'Marcar para revisión',
	'annot.myProgress': 'Mi progreso',
	'annot.doneToday': 'Hechos hoy',
	'annot.doneAll': 'Hechos en total',
	'annot.of': '{done} de {total}',
	'annot.left': 'Faltan',
	'annot.streak': 'Racha',
	'annot.days_one': '{n} día seguido',
	'annot.days_other': '{n} días seguidos',
	'annot.guidelines': 'Instrucciones',
	'annot.keys': 'Teclas',
	'annot.vibrate': 'Vibrar al guardar una etiqueta',
	'annot.fullView': 'Vista completa del proyecto',
	'annot.leave': 'Salir (todos los proyectos)',
	'annot.allDone': 'Has etiquetado todos los elementos.',
	'comments.open': 'Comentarios',
	'comments.none': 'ninguno aún',
	'comments.threads_one': '{n} hilo',
	'comments.threads_other': '{n} hilos',
	'comments.new': '{n} nuevos'
};

export const CATALOGS = { en, es } as const satisfies Record<string, Catalog>;
export type Locale = keyof typeof CATALOGS;
export const LOCALES = Object.keys(CATALOGS) as Locale[];

/** The first of the browser's languages (`navigator.languages`) we have, else English. */
export function localeFrom(languages: readonly string[]): Locale {
	for (const tag of languages) {
		const base = tag.toLowerCase().split('-')[0] as string;
		if ((LOCALES as string[]).includes(base)) return base as Locale;
	}
	return 'en';
}

type Params = Record<string, string | number>;
type PluralBase = MsgKey extends infer K ? (K extends `${infer B}_one` ? B : never) : never;

/** A translator for `locale`: `t(key, params)`, and `t.plural(base, n, params)` for `_one/_other`. */
export function translator(locale: Locale) {
	const cat: Catalog = CATALOGS[locale];
	const nf = new Intl.NumberFormat(locale);
	const rules = new Intl.PluralRules(locale);
	const fill = (s: string, p: Params = {}) =>
		s.replace(/\{(\w+)\}/g, (m, k: string) => {
			const v = p[k];
			return v === undefined ? m : typeof v === 'number' ? nf.format(v) : v;
		});
	const t = (key: MsgKey, params?: Params): string => fill(cat[key], params);
	const plural = (base: PluralBase, n: number, params: Params = {}): string => {
		const form = rules.select(n) === 'one' ? 'one' : 'other';
		return fill(cat[`${base}_${form}` as MsgKey], { n, ...params });
	};
	return Object.assign(t, { plural, locale });
}

export type Translate = ReturnType<typeof translator>;
