import type { AnyTool } from '../define.js';

/** The analyse tools, in the order clients list them. */
export const analyseTools: AnyTool[] = [];
