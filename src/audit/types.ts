/**
 * What the audit reads, typed from the tools' own output schemas (through the typed client), so
 * the audit depends on what the tools return, not on the analysers behind them.
 */
import type { ToolResult } from '../server/typed-client.js';

/** One result of loadtest_summary. */
export type LoadTestResult = ToolResult<'loadtest_summary'>['results'][number];
/** Overall or one endpoint's figures. */
export type EndpointStats = LoadTestResult['overall'];
export type ErrorEntry = LoadTestResult['errors'][number];
/** What profile_top returns. */
export type ProfileTop = ToolResult<'profile_top'>;
export type FunctionCost = ProfileTop['by_self'][number];
/** What capacity_fit returns, and its USL fit. */
export type CapacityFit = ToolResult<'capacity_fit'>;
export type UslFit = NonNullable<CapacityFit['usl']>;
