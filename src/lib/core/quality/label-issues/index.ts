/** Label-error detection (confident learning): public entry points. */
export {
	confidentJoint,
	confidentJointCalibrate,
	confidentJointRaw,
	confidentThresholds,
	type PredictedLabels
} from './confident-joint';
export {
	findLabelIssues,
	findLabelIssuesMask,
	labelIssuesRanked,
	type FilterBy,
	type FindLabelIssuesOptions
} from './confident-learning';
export { isLabelQualityMethod, labelQualityScores, type LabelQualityMethod } from './rank';
export { labelIssueInputFromCsv, type LabelIssueInput } from './io';
