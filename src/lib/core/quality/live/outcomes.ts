// Item outcomes, the review queue and annotator accuracy; the code lives in outcomes/.
export { annotatorAccuracy, type AnnotatorAccuracy } from './outcomes/accuracy';
export { latestDecisions, posteriorsByItem } from './outcomes/inputs';
export { Outcomes } from './outcomes/outcomes';
export * from './outcomes/types';
