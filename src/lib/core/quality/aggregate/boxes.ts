/**
 * Consensus boxes from several annotators' boxes on the same images:
 * 1. Skill: each annotator's mean box F1 (IoU ≥ threshold, same label; agreement/boxes.ts)
 *    against every other annotator on the images both labeled, unless skills are given; an
 *    annotator who shares no image gets the mean of the others (1 when nobody shares).
 * 2. Matching: on each image, annotators in order of skill (highest first) add their boxes to
 *    clusters; a box joins the same-label cluster whose fused box it overlaps most (IoU ≥
 *    threshold) and that has no box of that annotator yet, else starts a cluster.
 * 3. Fusion: a cluster's corners are the skill-weighted means of its boxes' corners (weighted
 *    boxes fusion, with annotator skill as the weight: R. Solovyev, W. Wang, T. Gabruseva.
 *    Weighted boxes fusion. Image and Vision Computing 107, 2021).
 * 4. Voting: a cluster is kept when its annotators' skills add up to at least half of the skills
 *    of everyone who labeled the image (with equal skills: a majority of the annotators).
 * With `skills: 'equal'` this is majority voting over IoU matches with plain mean coordinates,
 * the baseline it is measured against.
 */
import { boxAgreement, boxIou } from '../agreement/boxes';
import type { Box } from '../rules/types';

export interface FusedBox extends Box {
	/** Annotators whose boxes made it, and the share of the image's skill they carry. */
	annotators: string[];
	support: number;
}

export interface BoxFusionOptions {
	/** Minimum IoU to match boxes (default 0.5). */
	threshold?: number;
	/** Skill per annotator, or 'equal' (all 1); default: measured (see the header). */
	skills?: ReadonlyMap<string, number> | 'equal';
}

/** Boxes per image, per annotator (an annotator with an empty list saw the image, drew none). */
export type BoxAnswers = ReadonlyMap<string, ReadonlyMap<string, readonly Box[]>>;

/** Each annotator's mean box F1 against the others on shared images (see the header). */
export function boxSkills(images: BoxAnswers, threshold = 0.5): Map<string, number> {
	const sums = new Map<string, { f1: number; n: number }>();
	const all = new Set<string>();
	for (const byAnnotator of images.values()) {
		const who = [...byAnnotator.keys()];
		who.forEach((a) => all.add(a));
		for (let i = 0; i < who.length; i++)
			for (let j = i + 1; j < who.length; j++) {
				const a = who[i] as string;
				const b = who[j] as string;
				const { f1 } = boxAgreement(
					[{ a: byAnnotator.get(a) ?? [], b: byAnnotator.get(b) ?? [] }],
					{ threshold }
				);
				for (const x of [a, b]) {
					const s = sums.get(x) ?? { f1: 0, n: 0 };
					s.f1 += f1;
					s.n++;
					sums.set(x, s);
				}
			}
	}
	const measured = [...sums.values()].map((s) => s.f1 / s.n);
	const fallback = measured.length ? measured.reduce((p, q) => p + q, 0) / measured.length : 1;
	return new Map(
		[...all].map((a) => {
			const s = sums.get(a);
			return [a, s ? s.f1 / s.n : fallback];
		})
	);
}

interface Cluster {
	label: string;
	members: { annotator: string; box: Box; weight: number }[];
	fused: Box;
}

function fuse(c: Cluster): Box {
	let w = 0;
	let x1 = 0;
	let y1 = 0;
	let x2 = 0;
	let y2 = 0;
	for (const m of c.members) {
		// A zero-skill annotator still places a box that nobody else drew; it just weighs nothing
		// next to others.
		const k = Math.max(m.weight, 1e-9);
		w += k;
		x1 += k * m.box.x;
		y1 += k * m.box.y;
		x2 += k * (m.box.x + m.box.w);
		y2 += k * (m.box.y + m.box.h);
	}
	return { x: x1 / w, y: y1 / w, w: (x2 - x1) / w, h: (y2 - y1) / w, label: c.label };
}

/** Consensus boxes per image, and the skills used (see the header). */
export function boxesFuse(
	images: BoxAnswers,
	options: BoxFusionOptions = {}
): { images: Map<string, FusedBox[]>; skills: Map<string, number> } {
	const threshold = options.threshold ?? 0.5;
	const given = options.skills;
	const skills =
		given === 'equal'
			? new Map([...images.values()].flatMap((m) => [...m.keys()]).map((a) => [a, 1]))
			: given
				? new Map(given)
				: boxSkills(images, threshold);
	const skillOf = (a: string) => skills.get(a) ?? 0;
	const out = new Map<string, FusedBox[]>();
	for (const [image, byAnnotator] of images) {
		const who = [...byAnnotator.keys()].sort((a, b) => skillOf(b) - skillOf(a) || (a < b ? -1 : 1));
		const total = who.reduce((s, a) => s + skillOf(a), 0);
		const clusters: Cluster[] = [];
		for (const annotator of who) {
			const weight = skillOf(annotator);
			for (const box of byAnnotator.get(annotator) ?? []) {
				let best: Cluster | undefined;
				let bestIou = threshold;
				for (const c of clusters) {
					if (c.label !== box.label || c.members.some((m) => m.annotator === annotator)) continue;
					const iou = boxIou(c.fused, box);
					if (iou >= bestIou && iou > 0) {
						best = c;
						bestIou = iou;
					}
				}
				if (best) {
					best.members.push({ annotator, box, weight });
					best.fused = fuse(best);
				} else
					clusters.push({
						label: box.label,
						members: [{ annotator, box, weight }],
						fused: { ...box }
					});
			}
		}
		const kept: FusedBox[] = [];
		for (const c of clusters) {
			const mass = c.members.reduce((s, m) => s + m.weight, 0);
			const support = total > 0 ? mass / total : c.members.length / who.length;
			if (support >= 0.5)
				kept.push({ ...c.fused, annotators: c.members.map((m) => m.annotator), support });
		}
		out.set(image, kept);
	}
	return { images: out, skills };
}
