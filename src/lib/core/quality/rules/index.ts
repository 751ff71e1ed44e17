/** Model-free rule checks over annotations. */
export * from './types';
export { rulesCheck, type Finding, type RuleId, type RuleOptions } from './rules';
