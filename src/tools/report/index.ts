import type { AnyTool } from '../define.js';
import { assembleReportTool } from './assemble.js';
import { startReportTool } from './start.js';
import { validateReportTool } from './validate.js';

/** The report tools, in the order clients list them. */
export const reportTools = [startReportTool, assembleReportTool, validateReportTool] as const satisfies readonly AnyTool[];
