/** BEFORE/AFTER comparison of load-test runs (issue 12): the statistical core, pure. */
export { compareRuns, DEFAULTS } from './compare.js';
export { compareLoad } from './load.js';
export { newcombe, wilson } from './proportions.js';
export { mannWhitney, minimumRunsPerSide, shiftInterval } from './mann-whitney.js';
export { medianInterval } from './order-statistics.js';
export { politisWhite } from './block-length.js';
export { summariseRaw } from './summarise.js';
export type * from './types.js';
