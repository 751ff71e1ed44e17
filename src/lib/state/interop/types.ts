/** What an interop import shows: the preview of a dropped file, and the result once written. */
import type { RowProblem } from '$lib/core/formats/import-types';
import type { InteropProblem } from '$lib/core/formats/interop/common';
import type { InteropKind } from '$lib/core/formats/interop/detect';
import type { MediaMatch } from '$lib/core/formats/interop/media-match';
import type { ImportPlan } from '$lib/core/formats/interop/plan';
import type { Item, ItemId, MediaKind } from '$lib/core/types';
import type { ModelIO } from '$lib/ml/model-io';
import type { BlobsRepo, StoredBlob } from '$lib/storage/blobs-repo';
import type { Probe } from '../import/media-probe';

export interface InteropDeps {
	blobs: BlobsRepo;
	probe?(blob: Blob, kind: MediaKind): Promise<Probe>;
	now?(): number;
	/** Where the project's span models are saved (tests pass memory; default: TF.js's IndexedDB). */
	modelIO?: ModelIO;
	/** How long a Parquet read may go without a row group before it is stopped (tests: short). */
	parquetStallMs?: number;
}

export interface TaskCount {
	task: string;
	kind: string;
	annotations: number;
	regions: number;
	isNew: boolean;
}

export interface LabelsPreview {
	type: 'labels';
	file: string;
	kind: InteropKind;
	plan: ImportPlan;
	/** Items of the project the file refers to, and items it adds (with media from the zip or not). */
	matched: number;
	added: number;
	addedWithMedia: number;
	/** New image items the file names by a path only: their media are not on this device. */
	addedNoMedia: number;
	/**
	 * Items of the project the file refers to that were imported earlier by a path only and still
	 * have no media here (and get none from this import yet).
	 */
	existingNoMedia: number;
	/** The paths of the new and the existing items without media (as the file names them). */
	noMediaPaths: string[];
	/**
	 * Items of the project, imported earlier by a path only, that get their media from this import
	 * (same id, labels and place in the queue; only the media are added).
	 */
	attach: Item[];
	/** Media the user added for items named by a path: which matched, which did not. */
	mediaAdded?: MediaMatch & { ignored: string[] };
	/** Media files of the zip the labels do not mention (imported as unlabeled items). */
	mediaUnlabeled: number;
	tasks: TaskCount[];
	problems: InteropProblem[];
	problemCount: number;
	/** Blobs of the zip's media, by item id. */
	blobs: Map<ItemId, StoredBlob>;
	/** Media items of the zip no label refers to. */
	extraItems: Item[];
}

export interface ParquetPreview {
	type: 'parquet';
	file: string;
	bytes: Uint8Array;
	rows: number;
	fields: string[];
	sample: Record<string, string>[];
}

export interface InteropResultView {
	file: string;
	added: number;
	annotations: number;
	/** Annotations already in the project (same item, task and annotator): kept as they were. */
	kept: number;
	/** Items of the project, imported earlier without their images, that got them now. */
	attached: number;
	labelsCreated: number;
	skippedRegions: number;
	problems: (InteropProblem | RowProblem)[];
	duplicates: number;
	/** Lowest `seq` of the items it added: the Prepare page's report of this import starts there. */
	seqFrom: number;
	/** Texts redacted after the personal-data review, and spans moved or widened with them. */
	redacted?: { texts: number; findings: number; moved: number; widened: number };
	/** The first imported image with boxes, to show them (object URL of the imported blob). */
	sample?: {
		name: string;
		url: string;
		width: number;
		height: number;
		boxes: { x: number; y: number; w: number; h: number; label: string }[];
	};
}
