import { z } from 'zod';
import { defineTool } from '../define.js';
import { includeIgnoredParam, TEXT_BUDGET } from './shared.js';

export const GLOB_DEFAULT_LIMIT = 100;

const input = z.object({
  pattern: z.string().min(1).describe('Glob pattern, e.g. "**/*.ts", "src/**/*.{js,jsx}", "*.json". Relative to `path`.'),
  path: z.string().optional().describe('Directory to search in, relative to the project root (default: the root).'),
  limit: z.number().int().min(1).max(5_000).optional().describe(`Maximum number of paths returned (default ${GLOB_DEFAULT_LIMIT}).`),
  include_ignored: includeIgnoredParam,
});

const output = z.object({
  files: z.array(z.string()).describe('Matching files, root-relative, newest first (modification time).'),
  total: z.number().int().describe('How many files matched in all.'),
  truncated: z.boolean().describe('True when more files matched than are listed.'),
});

export const globTool = defineTool({
  name: 'glob',
  title: 'Find files by name',
  description: `Find files by glob pattern (fast-glob syntax: *, **, ?, [abc], {a,b}), like Claude Code's Glob.
Returns root-relative paths sorted newest first (by modification time), at most 'limit' (default ${GLOB_DEFAULT_LIMIT}), with the total count; when cut, narrow the pattern or the 'path', or raise 'limit'.
Skips node_modules/, .git/ and .gitignore'd files unless include_ignored is true; secret files (.env, keys, credentials) are never listed. Symbolic links are not followed. Patterns with '..' or an absolute path are refused.`,
  group: 'files',
  input,
  output,
  async handle({ sandbox }, params) {
    const entries = await sandbox.list({
      patterns: [params.pattern],
      cwd: params.path ?? '.',
      includeIgnored: params.include_ignored ?? false,
    });
    entries.sort((a, b) => b.mtimeMs - a.mtimeMs || (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
    const limit = params.limit ?? GLOB_DEFAULT_LIMIT;
    const files: string[] = [];
    let bytes = 0;
    for (const entry of entries) {
      if (files.length >= limit || bytes + entry.rel.length + 1 > TEXT_BUDGET) break;
      files.push(entry.rel);
      bytes += Buffer.byteLength(entry.rel) + 1;
    }
    const truncated = files.length < entries.length;
    let text = files.length === 0 ? 'No files found' : files.join('\n');
    if (truncated) {
      text += `\n[${files.length} of ${entries.length} files shown, newest first: narrow the pattern or path, or raise limit]`;
    }
    return { data: { files, total: entries.length, truncated }, text };
  },
});
