import type { AnyTool } from '../define.js';

/** The report tools, in the order clients list them. */
export const reportTools: AnyTool[] = [];
