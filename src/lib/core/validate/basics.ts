/** The small checks every validator is built from (core/validate.ts and its folder). */

export const isObj = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
export const isStr = (v: unknown, max = 1e7): v is string =>
	typeof v === 'string' && v.length <= max;
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export const isId = (v: unknown): v is string => isStr(v, 128) && v.length > 0;
export const isArr = (v: unknown, max: number): v is unknown[] =>
	Array.isArray(v) && v.length <= max;
export const optional = (v: unknown, check: (x: unknown) => boolean): boolean =>
	v === undefined || check(v);

export const isSha = (v: unknown): boolean => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
export const isUnit = (v: unknown): boolean => isNum(v) && v >= 0 && v <= 1;
/** An image side in pixels (masks): a whole number up to 65,536. */
export const isDim = (v: unknown): boolean =>
	Number.isInteger(v) && (v as number) > 0 && (v as number) <= 65_536;

export const isAttrs = (v: unknown): boolean =>
	v === undefined ||
	(isObj(v) &&
		Object.keys(v).length <= 100 &&
		Object.values(v).every((x) => typeof x === 'boolean' || isStr(x, 10_000)));

/** Up to 100k regions per value: well above any real image or document. */
export const MAX_REGIONS = 100_000;

/** A region's common part: an object with an id and a label id. */
export const isRegion = (v: unknown): v is Record<string, unknown> =>
	isObj(v) && isId(v.id) && isId(v.label);
