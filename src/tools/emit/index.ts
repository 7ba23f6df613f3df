import type { AnyTool } from '../define.js';

/** The emit tools, in the order clients list them. */
export const emitTools: AnyTool[] = [];
