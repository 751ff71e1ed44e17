// Live figures of one classification task; the code lives in task-stats/.
export { TaskStats } from './task-stats/task-stats';
export * from './task-stats/types';
