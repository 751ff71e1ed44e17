/** Checks of items from storage, peers or files (core/validate.ts). */
import type { Item } from '../types';
import { isArr, isNum, isObj, isStr, optional } from './basics';

const MIME = /^[a-z]+\/[\w.+-]+$/i;

function isMediaRef(v: unknown): boolean {
	if (!isObj(v)) return false;
	if (typeof v.blob === 'string')
		return (
			/^[0-9a-f]{64}$/.test(v.blob) &&
			isStr(v.mime, 200) &&
			MIME.test(v.mime) &&
			isNum(v.size) &&
			v.size >= 0 &&
			isStr(v.name, 1000)
		);
	return (
		isStr(v.url, 8000) &&
		/^(https?:|data:|blob:)/i.test(v.url) &&
		optional(v.mime, (m) => isStr(m, 200)) &&
		optional(v.name, (n) => isStr(n, 1000))
	);
}

const isSeriesInfo = (v: unknown): boolean =>
	isObj(v) &&
	isArr(v.channels, 16) &&
	v.channels.every((c) => isStr(c, 200)) &&
	isNum(v.length) &&
	(v.time === 'epoch' || v.time === 'seconds' || v.time === 'number') &&
	isNum(v.start) &&
	isNum(v.end) &&
	optional(v.window, isNum);

const isPdfInfo = (v: unknown): boolean =>
	isObj(v) &&
	Number.isInteger(v.pages) &&
	(v.pages as number) >= 1 &&
	optional(
		v.page,
		(p) => Number.isInteger(p) && (p as number) >= 1 && (p as number) <= (v.pages as number)
	);
const isXyz = (v: unknown): boolean => isArr(v, 3) && v.length === 3 && v.every(isNum);
const isCloudInfo = (v: unknown): boolean =>
	isObj(v) &&
	isNum(v.count) &&
	isXyz(v.min) &&
	isXyz(v.max) &&
	isXyz(v.origin) &&
	typeof v.intensity === 'boolean' &&
	typeof v.rgb === 'boolean' &&
	optional(v.sequence, (s) => isStr(s, 1000)) &&
	optional(v.frame, isNum);

function isField(v: unknown): boolean {
	if (!isObj(v)) return false;
	if (v.kind === 'text') return isStr(v.text);
	return ['image', 'audio', 'video'].includes(v.kind as string) && isMediaRef(v.media);
}

export function isItem(v: unknown): v is Item {
	if (!isObj(v) || !isStr(v.id, 128) || !isNum(v.seq)) return false;
	if (
		![
			'text',
			'image',
			'audio',
			'video',
			'multimodal',
			'series',
			'html',
			'pdf',
			'pointcloud'
		].includes(v.kind as string)
	)
		return false;
	if (v.kind === 'pdf' && !(isMediaRef(v.media) && isPdfInfo(v.pdf))) return false;
	if (v.kind === 'series' && !(isMediaRef(v.media) && isSeriesInfo(v.series))) return false;
	if (v.kind === 'html' && !isStr(v.text)) return false;
	if (v.kind === 'pointcloud' && !(isMediaRef(v.media) && isCloudInfo(v.cloud))) return false;
	if (v.text !== undefined && !isStr(v.text)) return false;
	if (
		v.meta !== undefined &&
		(!isObj(v.meta) || !Object.values(v.meta).every((x) => isStr(x, 1e6)))
	)
		return false;
	if (!optional(v.media, isMediaRef)) return false;
	if (
		v.fields !== undefined &&
		(!isObj(v.fields) ||
			Object.keys(v.fields).length > 50 ||
			!Object.values(v.fields).every((f) => isField(f)))
	)
		return false;
	return true;
}
