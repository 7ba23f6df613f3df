import { isAscii } from 'node:buffer';
import { z } from 'zod';
import { UserInputError, isCallerError } from '../../errors.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { defineTool } from '../define.js';
import { TEXT_BUDGET } from './shared.js';

export const WC_MAX_FILES = 500;

const counts = {
  lines: z.number().int().describe('Newline characters, like wc -l.'),
  words: z.number().int().describe('Runs of non-whitespace, like wc -w.'),
  bytes: z.number().int(),
  chars: z.number().int().describe('UTF-8 characters, like wc -m.'),
};

const input = z.object({
  paths: z
    .array(z.string().min(1))
    .min(1)
    .max(100)
    .describe('Files (root-relative) or glob patterns such as "src/**/*.ts"; globs skip ignored and secret files.'),
});

const output = z.object({
  files: z.array(z.object({ path: z.string(), ...counts })),
  total: z.object(counts),
  errors: z.array(z.object({ path: z.string(), error: z.string() })).describe('Paths that could not be counted, and why.'),
  truncated: z.boolean().describe(`True when more than ${WC_MAX_FILES} files matched; only the first were counted.`),
});

type Counts = { lines: number; words: number; bytes: number; chars: number };

/** 1 for the bytes wc counts as word separators (C locale whitespace). */
const SPACE = new Uint8Array(256);
for (const c of [9, 10, 11, 12, 13, 32]) SPACE[c] = 1;

/** Counts one buffer; `afterSpace` carries across chunks whether the last byte was whitespace. */
function countChunk(chunk: Buffer, into: Counts, afterSpace: number): number {
  into.bytes += chunk.length;
  for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) into.lines++;
  // Branch-free: a word starts at each non-space byte that follows a space.
  let previous = afterSpace;
  let words = 0;
  for (let i = 0; i < chunk.length; i++) {
    const space = SPACE[chunk[i]!]!;
    words += previous & (space ^ 1);
    previous = space;
  }
  into.words += words;
  if (isAscii(chunk)) into.chars += chunk.length;
  else {
    let continuation = 0;
    for (let i = 0; i < chunk.length; i++) if ((chunk[i]! & 0xc0) === 0x80) continuation++;
    into.chars += chunk.length - continuation;
  }
  return previous;
}

async function countFile(sandbox: Sandbox, path: string): Promise<Counts & { path: string }> {
  const file = await sandbox.resolve(path, 'file');
  const result = { path: file.requested, lines: 0, words: 0, bytes: 0, chars: 0 };
  let afterSpace = 1;
  for await (const chunk of sandbox.chunks(file)) afterSpace = countChunk(chunk, result, afterSpace);
  return result;
}

function isGlob(path: string): boolean {
  return /[*?[\]{}]/.test(path);
}

function row(c: Counts, name: string): string {
  return `${String(c.lines).padStart(9)} ${String(c.words).padStart(9)} ${String(c.bytes).padStart(11)} ${String(c.chars).padStart(11)} ${name}`;
}

export const wcTool = defineTool({
  name: 'wc',
  title: 'Count lines, words, bytes',
  description: `Count lines, words, bytes and characters of files, like wc: per file and in total. Give file paths or glob patterns (e.g. ["src/**/*.ts"]) to size a code base or a log quickly; files are streamed, so huge files are fine.
At most ${WC_MAX_FILES} files are counted per call (the result says when it stopped); split the globs to go further. Globs skip node_modules, .gitignore'd and secret files.`,
  group: 'files',
  input,
  output,
  async handle({ sandbox }, params) {
    const targets: string[] = [];
    const errors: Array<{ path: string; error: string }> = [];
    for (const p of params.paths) {
      if (!isGlob(p)) {
        targets.push(p);
        continue;
      }
      try {
        const entries = await sandbox.list({ patterns: [p], stats: false });
        if (entries.length === 0) errors.push({ path: p, error: 'no file matches this pattern' });
        for (const e of entries.sort((a, b) => (a.rel < b.rel ? -1 : 1))) targets.push(e.rel);
      } catch (err) {
        if (!isCallerError(err)) throw err;
        errors.push({ path: p, error: err.message });
      }
    }
    const unique = [...new Set(targets)];
    const truncated = unique.length > WC_MAX_FILES;
    const files: Array<Counts & { path: string }> = [];
    for (const p of unique.slice(0, WC_MAX_FILES)) {
      try {
        files.push(await countFile(sandbox, p));
      } catch (err) {
        if (!isCallerError(err)) throw err;
        errors.push({ path: p, error: err.message });
      }
    }
    if (files.length === 0 && errors.length > 0 && !params.paths.some(isGlob)) {
      throw new UserInputError(errors.map((e) => e.error).join('; '));
    }
    const total = files.reduce((t, f) => ({ lines: t.lines + f.lines, words: t.words + f.words, bytes: t.bytes + f.bytes, chars: t.chars + f.chars }), {
      lines: 0,
      words: 0,
      bytes: 0,
      chars: 0,
    });
    const header = `${'lines'.padStart(9)} ${'words'.padStart(9)} ${'bytes'.padStart(11)} ${'chars'.padStart(11)} path`;
    const lines = [header];
    let bytes = header.length;
    let cut = 0;
    for (const f of files) {
      const r = row(f, f.path);
      if (bytes + r.length > TEXT_BUDGET) cut++;
      else {
        lines.push(r);
        bytes += r.length + 1;
      }
    }
    if (files.length > 1) lines.push(row(total, 'total'));
    if (cut > 0) lines.push(`[${cut} rows not shown to stay within 40 KB: count fewer files per call]`);
    for (const e of errors) lines.push(`${e.path}: ${e.error}`);
    if (truncated) lines.push(`[stopped after ${WC_MAX_FILES} of ${unique.length} files: narrow the globs]`);
    return { data: { files, total, errors, truncated }, text: lines.join('\n') };
  },
});
