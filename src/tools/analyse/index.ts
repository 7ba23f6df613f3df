import type { AnyTool } from '../define.js';
import { capacityFitTool } from './capacity-fit.js';
import { loadtestSeriesTool } from './loadtest-series.js';
import { loadtestSummaryTool } from './loadtest-summary.js';
import { metricsQueryTool } from './metrics-query.js';
import { metricsRedBaselineTool } from './metrics-red-baseline.js';
import { profileTopTool } from './profile-top.js';
import { sloAlertRulesTool } from './slo-alert-rules.js';
import { sloMathTool } from './slo-math.js';

/** The analyse tools, in the order clients list them. */
export const analyseTools = [
  loadtestSummaryTool,
  loadtestSeriesTool,
  profileTopTool,
  sloMathTool,
  sloAlertRulesTool,
  capacityFitTool,
  metricsQueryTool,
  metricsRedBaselineTool,
] as const satisfies readonly AnyTool[];
