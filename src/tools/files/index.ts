import type { AnyTool } from '../define.js';
import { fileTool } from './file.js';
import { globTool } from './glob.js';
import { grepTool } from './grep.js';
import { readTool } from './read.js';
import { wcTool } from './wc.js';

/** The file tools, in the order clients list them. */
export const fileTools = [readTool, globTool, grepTool, wcTool, fileTool] as const satisfies readonly AnyTool[];
