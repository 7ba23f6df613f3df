import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { SearchCancelled, SearchTimeout, type ListOptions, type Sandbox, type SearchQuery } from '../../sandbox/sandbox.js';
import { requiredLiterals } from '../../sandbox/search/literal.js';
import { RESULT_CAP_TEXT } from '../bound.js';
import { defineTool } from '../define.js';
import { FILE_TYPES } from './file-types.js';
import { renderGrep } from './grep-output.js';
import { includeIgnoredParam } from './shared.js';

export const GREP_DEFAULT_HEAD_LIMIT = 250;
/** Content mode: longer lines are cut (minified files would flood the result). */
export const GREP_MAX_LINE_CHARS = 500;
/** Files larger than this are skipped (and counted). */
export const GREP_MAX_FILE_BYTES = 128 * 1024 * 1024;
const UNLIMITED_LINES = 20_000;

const context = (what: string) => z.number().int().min(0).max(100).optional().describe(what);

const input = z.object({
  pattern: z.string().min(1).describe('JavaScript regular expression to search for (or literal text with fixed_strings).'),
  path: z.string().optional().describe('File or directory to search, relative to the project root (default: the root).'),
  glob: z
    .string()
    .optional()
    .describe(
      'Only files matching this glob, e.g. "*.js", "**/*.tsx", "*.{ts,tsx}" (rg --glob); several separated by spaces; a leading "!" excludes ("!*.min.js"). A glob without "/" matches file names at any depth.',
    ),
  type: z
    .string()
    .optional()
    .describe(`Only files of this type (rg --type): ${Object.keys(FILE_TYPES).join(', ')}.`),
  output_mode: z
    .enum(['content', 'files_with_matches', 'count'])
    .optional()
    .describe('"files_with_matches" (default): paths of matching files; "content": matching lines (with -n, -A/-B/-C); "count": matching lines per file.'),
  '-i': z.boolean().optional().describe('Case-insensitive search (rg -i).'),
  '-n': z.boolean().optional().describe('Show line numbers in content mode (default true).'),
  '-A': context('Lines of context after each match (content mode).'),
  '-B': context('Lines of context before each match (content mode).'),
  '-C': context('Lines of context before and after each match (content mode).'),
  multiline: z.boolean().optional().describe('Let "." match newlines and patterns span lines (rg -U --multiline-dotall). Default false: matching is per line.'),
  fixed_strings: z.boolean().optional().describe('Treat the pattern as literal text, not a regex (rg -F).'),
  head_limit: z
    .number()
    .int()
    .min(0)
    .optional()
    .describe(
      `Return only the first N entries (lines, files or counts) after 'offset', like "| head -N". Default ${GREP_DEFAULT_HEAD_LIMIT}; 0 means no limit (the result is still cut at about ${RESULT_CAP_TEXT}).`,
    ),
  offset: z.number().int().min(0).optional().describe('Skip the first N entries before applying head_limit, to page on (default 0).'),
  include_ignored: includeIgnoredParam,
});

const line = z.object({
  path: z.string(),
  line: z.number().int().describe('1-based line number.'),
  text: z.string(),
  match: z.boolean().describe('False for a context line.'),
});

export const grepOutput = z.object({
  mode: z.enum(['content', 'files_with_matches', 'count']),
  files: z.array(z.string()).optional().describe('files_with_matches: matching files, sorted by path.'),
  counts: z
    .array(z.object({ path: z.string(), count: z.number().int() }))
    .optional()
    .describe('count: matching lines per file.'),
  lines: z.array(line).optional().describe('content: matching lines and their context, by path then line.'),
  total_files: z.number().int().describe('Files with at least one match.'),
  total_matches: z.number().int().nullable().describe('Matching lines in all (null in files_with_matches mode).'),
  offset: z.number().int(),
  truncated: z.boolean().describe('True when entries past this page exist.'),
  next_offset: z.number().int().nullable().describe('Pass as offset to get the next page; null when this is the last.'),
  skipped_binary: z.number().int().describe('Files skipped as binary.'),
  skipped_large: z.number().int().describe('Files skipped for size.'),
});

type Params = z.output<typeof input>;

/**
 * fast-glob patterns for the walk: each glob filter (at any depth when it has no '/'; a
 * leading '!' excludes, as in rg), else everything.
 */
function walkPatterns(params: Params): string[] {
  const globs = (params.glob ?? '').split(/\s+/).filter(Boolean);
  const anyDepth = (g: string) => (g.includes('/') ? g.replace(/^\.\//, '') : `**/${g}`);
  const include = globs.filter((g) => !g.startsWith('!')).map(anyDepth);
  const exclude = globs.filter((g) => g.startsWith('!')).map((g) => `!${anyDepth(g.slice(1))}`);
  return [...(include.length > 0 ? include : ['**']), ...exclude];
}

function compileCheck(query: SearchQuery): void {
  if (query.fixed) return;
  try {
    new RegExp(query.pattern, `gm${query.ignoreCase ? 'i' : ''}${query.multiline ? 's' : ''}`);
  } catch (err) {
    throw new UserInputError(`invalid regular expression (JavaScript syntax): ${(err as Error).message}`);
  }
}

type Target = { files: string[] } | { walk: ListOptions; accept?: (rel: string) => boolean };

/** What to search: one file, or a walk of a directory filtered by glob and type. */
async function searchTarget(sandbox: Sandbox, params: Params): Promise<Target> {
  const target = await sandbox.resolve(params.path ?? '.', 'any');
  let accept: ((rel: string) => boolean) | undefined;
  if (params.type) {
    const names = FILE_TYPES[params.type];
    if (!names) throw new UserInputError(`unknown file type '${params.type}': use one of ${Object.keys(FILE_TYPES).join(', ')}`);
    const exact = new Set(names.filter((n) => !n.startsWith('*.')));
    const suffixes = names.filter((n) => n.startsWith('*.')).map((n) => n.slice(1));
    accept = (rel) => {
      const base = rel.slice(rel.lastIndexOf('/') + 1);
      return exact.has(base) || suffixes.some((s) => base.endsWith(s));
    };
  }
  if (target.kind === 'file') return { files: accept && !accept(target.rel) ? [] : [target.rel] };
  return {
    walk: { patterns: walkPatterns(params), cwd: target.rel, includeIgnored: params.include_ignored ?? false },
    ...(accept ? { accept } : {}),
  };
}

export const grepTool = defineTool({
  name: 'grep',
  title: 'Search file contents',
  description: `Search the contents of the project's files, like ripgrep and Claude Code's Grep.
The pattern is a JavaScript regular expression (e.g. "function\\s+\\w+", "log.*Error", "\\bTODO\\b"; escape literal braces: "interface\\{\\}"; no look-behind limits; flags come from -i and multiline). Use fixed_strings for literal text.
Output modes: "files_with_matches" (default, paths only), "content" (matching lines as path:line:text, context with -A/-B/-C), "count" (matching lines per file). Results are sorted by path.
Filter with 'path' (a file or directory), 'glob' (e.g. "*.ts") or 'type' (e.g. "ts", "py"). Matching is per line unless multiline is true.
Paging: returns the first head_limit entries (default ${GREP_DEFAULT_HEAD_LIMIT}) after 'offset'; when cut, the result gives next_offset. Content lines over ${GREP_MAX_LINE_CHARS} characters are cut; the whole result is cut at about ${RESULT_CAP_TEXT}.
Skips binary files, files over ${GREP_MAX_FILE_BYTES / 1024 / 1024} MB, node_modules/, .git/ and .gitignore'd files (include_ignored to search those); secret files are never searched. A pattern that takes too long (catastrophic backtracking) is stopped with an error: simplify it.`,
  group: 'files',
  paging: { params: ['offset', 'head_limit'] },
  input,
  output: grepOutput,
  async handle(ctx, params) {
    const mode = params.output_mode ?? 'files_with_matches';
    const headLimit = params.head_limit ?? GREP_DEFAULT_HEAD_LIMIT;
    const offset = params.offset ?? 0;
    const before = params['-B'] ?? params['-C'] ?? 0;
    const after = params['-A'] ?? params['-C'] ?? 0;
    const need = headLimit === 0 ? UNLIMITED_LINES : Math.min(offset + headLimit, UNLIMITED_LINES);
    const query: SearchQuery = {
      pattern: params.pattern,
      fixed: params.fixed_strings ?? false,
      ignoreCase: params['-i'] ?? false,
      multiline: params.multiline ?? false,
      mode: mode === 'files_with_matches' ? 'files' : mode,
      before,
      after,
      maxLinesPerFile: need,
      maxLineChars: GREP_MAX_LINE_CHARS,
      maxFileBytes: GREP_MAX_FILE_BYTES,
    };
    const prefilter = query.fixed ? [] : requiredLiterals(query.pattern, query.ignoreCase);
    if (prefilter.length > 0) query.prefilter = prefilter;
    compileCheck(query);
    const target = await searchTarget(ctx.sandbox, params);
    let outcome;
    try {
      outcome =
        'files' in target ? await ctx.sandbox.search(target.files, query, ctx.signal) : await ctx.sandbox.search(target.walk, query, ctx.signal, target.accept);
    } catch (err) {
      if (err instanceof SearchTimeout) {
        throw new UserInputError(
          `pattern took too long (stopped after ${ctx.sandbox.limits.grepTimeoutMs} ms): simplify the regular expression (avoid nested quantifiers like (a+)+), narrow 'path'/'glob', or use fixed_strings`,
        );
      }
      if (err instanceof SearchCancelled) throw new UserInputError('search cancelled');
      throw err;
    }
    return renderGrep(outcome, { mode, offset, headLimit, need, before, after, lineNumbers: params['-n'] ?? true, maxFileBytes: GREP_MAX_FILE_BYTES });
  },
});
