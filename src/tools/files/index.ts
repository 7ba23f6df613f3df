import type { AnyTool } from '../define.js';

/** The file tools, in the order clients list them. */
export const fileTools: AnyTool[] = [];
