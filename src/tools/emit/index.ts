import type { AnyTool } from '../define.js';
import { baselineTools } from './baseline.js';
import { capacityTools } from './capacity.js';
import { implementationTools } from './implementation.js';
import { loadTestingTools } from './load-testing.js';
import { monitoringTools } from './monitoring.js';
import { planTools } from './plan.js';
import { profilingTools } from './profiling.js';

/** The emit tools, in the order clients list them: phase order, one per table of TABLES.md. */
export const emitTools: AnyTool[] = [
  ...baselineTools,
  ...profilingTools,
  ...loadTestingTools,
  ...planTools,
  ...implementationTools,
  ...capacityTools,
  ...monitoringTools,
];
