/** Turns a grep search outcome into one bounded page: structured entries and their text. */
import type { z } from 'zod';
import type { FileMatches, SearchOutcome } from '../../sandbox/sandbox.js';
import type { grepOutput } from './grep.js';
import { TEXT_BUDGET } from './shared.js';

type GrepOutput = z.input<typeof grepOutput>;

export interface PageOptions {
  mode: GrepOutput['mode'];
  offset: number;
  /** 0: no limit but the text budget. */
  headLimit: number;
  /** Output lines needed in content mode (offset + head limit, capped). */
  need: number;
  before: number;
  after: number;
  lineNumbers: boolean;
  /** Files over this size were skipped. */
  maxFileBytes: number;
}

function byPath(a: FileMatches, b: FileMatches): number {
  return a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0;
}

export function renderGrep(outcome: SearchOutcome, options: PageOptions): { data: GrepOutput; text: string } {
  const { mode, offset, headLimit, need, before, after } = options;
  const matches = outcome.matches.sort(byPath);
  const totalFiles = matches.length;
  const totalMatches = mode === 'files_with_matches' ? null : matches.reduce((n, m) => n + m.count, 0);
  const withLineNumbers = options.lineNumbers;

  let entries: string[];
  let entryCount: number;
  const data: GrepOutput = {
    mode,
    total_files: totalFiles,
    total_matches: totalMatches,
    offset,
    truncated: false,
    next_offset: null,
    skipped_binary: outcome.skippedBinary,
    skipped_large: outcome.skippedLarge,
  };
  const limitOf = (total: number) => (headLimit === 0 ? total : Math.min(total, offset + headLimit));
  if (mode === 'files_with_matches') {
    entryCount = matches.length;
    const page = matches.slice(offset, limitOf(entryCount)).map((m) => m.rel);
    entries = page;
    data.files = page;
  } else if (mode === 'count') {
    entryCount = matches.length;
    const page = matches.slice(offset, limitOf(entryCount));
    entries = page.map((m) => `${m.rel}:${m.count}`);
    data.counts = page.map((m) => ({ path: m.rel, count: m.count }));
  } else {
    const all: Array<{ path: string; line: number; text: string; match: boolean }> = [];
    let complete = true;
    for (const m of matches) {
      if (all.length >= need) {
        complete = false;
        break;
      }
      const held = m.lines ?? [];
      if (held.filter((l) => l.match).length < m.count) complete = false;
      for (const l of held) all.push({ path: m.rel, line: l.n, text: l.text, match: l.match });
    }
    entryCount = all.length + (complete ? 0 : 1);
    const page = all.slice(offset, limitOf(all.length));
    data.lines = page;
    entries = [];
    let previous: { path: string; line: number } | undefined;
    for (const l of page) {
      if (previous && (previous.path !== l.path || l.line > previous.line + 1) && (before > 0 || after > 0)) entries.push('--');
      const sep = l.match ? ':' : '-';
      entries.push(withLineNumbers ? `${l.path}${sep}${l.line}${sep}${l.text}` : `${l.path}${sep}${l.text}`);
      previous = { path: l.path, line: l.line };
    }
  }
  // Bound both channels, the text and the structured entries' JSON; what does not fit is left
  // for the next page.
  const structured: readonly unknown[] = data.files ?? data.counts ?? data.lines ?? [];
  let shown = 0;
  let bytes = 0;
  let jsonBytes = 0;
  const kept: string[] = [];
  for (const e of entries) {
    const size = Buffer.byteLength(e) + 1;
    const json = e === '--' ? 0 : Buffer.byteLength(JSON.stringify(structured[shown])) + 1;
    if ((bytes + size > TEXT_BUDGET || jsonBytes + json > TEXT_BUDGET) && kept.length > 0) break;
    kept.push(e);
    bytes += size;
    jsonBytes += json;
    if (e !== '--') shown++;
  }
  if (data.files) data.files = data.files.slice(0, shown);
  if (data.counts) data.counts = data.counts.slice(0, shown);
  if (data.lines) data.lines = data.lines.slice(0, shown);
  const end = offset + shown;
  data.truncated = end < entryCount;
  data.next_offset = data.truncated ? end : null;

  const header =
    mode === 'files_with_matches'
      ? `Found ${totalFiles} file${totalFiles === 1 ? '' : 's'}`
      : mode === 'count'
        ? `${totalMatches} matching line${totalMatches === 1 ? '' : 's'} in ${totalFiles} file${totalFiles === 1 ? '' : 's'}`
        : `${totalMatches} matching line${totalMatches === 1 ? '' : 's'} in ${totalFiles} file${totalFiles === 1 ? '' : 's'}`;
  const notes: string[] = [];
  if (data.truncated) notes.push(`[entries ${offset + 1}-${end} shown: call grep again with offset=${end} for more]`);
  if (outcome.unreadable > 0) notes.push(`[${outcome.unreadable} file(s) could not be read]`);
  if (outcome.skippedLarge > 0) notes.push(`[${outcome.skippedLarge} file(s) over ${options.maxFileBytes / 1024 / 1024} MB skipped]`);
  const body = totalFiles === 0 ? 'No matches found' : [header, ...kept].join('\n');
  return { data, text: [body, ...notes].join('\n') };
}
