/** Parameter schemas and helpers shared by the file tools. */
import { z } from 'zod';
import { RESULT_CAP_BYTES } from '../bound.js';

export const pathParam = z.string().min(1).describe('Path relative to the project root (an absolute path is accepted only inside the root).');

export const includeIgnoredParam = z
  .boolean()
  .optional()
  .describe("Also search/list .gitignore'd files and node_modules (default false). Secret files stay hidden.");

/** Room left for the data of one result once notes are added. */
export const TEXT_BUDGET = RESULT_CAP_BYTES - 1_000;

/** `cat -n` style: the 1-based line number right-aligned in 6 columns, a tab, the line. */
export function numbered(n: number, line: string): string {
  return `${String(n).padStart(6, ' ')}\t${line}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
