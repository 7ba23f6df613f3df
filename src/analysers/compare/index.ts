/** BEFORE/AFTER comparison of load-test runs (issue 12): the statistical core, pure. */
export { compareRuns, DEFAULTS } from './compare.js';
export { compareLoad } from './load.js';
export { newcombe, wilson } from './proportions.js';
export { mannWhitney, minimumRunsPerSide, shiftInterval } from './mann-whitney.js';
export { medianInterval } from './order-statistics.js';
export { politisWhite } from './block-length.js';
export { summariseRaw } from './summarise.js';
export type * from './types.js';
export { CONTRACT_METRICS, inContract, reasonNotes, toContract, type ContractMetric, type ContractResult } from './contract.js';
export { overallVerdict } from './verdict.js';
export { endpointMatches, evaluateBudgets, parseBudgets, type Budget, type BudgetResult } from './budgets.js';
export { escapeXml, junitXml, markdown, type CheckResult } from './ci-report.js';
