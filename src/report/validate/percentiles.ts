/**
 * Percentiles must not decrease: P50 <= P90 <= P95 <= P99 (<= P99.9), compared in
 * milliseconds whatever the unit (µs, ms, s, min). Checked down a table's rows (rows
 * labelled "Latence P50", "Latence P95" ... of the same metric), across a table's
 * percentile columns, and within one sentence or cell ("P50 120 ms, P95 340 ms").
 */
import type { ReportDoc } from './doc.js';
import type { TableBlock } from './markdown.js';
import { findQuantities, fold, lineOf, sentences, toMs } from './text.js';
import type { Violation } from './types.js';

const PERCENTILE_RE = /(?<![\p{L}\d])(?:p\(?(\d{2}(?:\.\d+)?)\)?|(median|mediane))(?![\p{L}\d])/u;

/** The percentile a label names ("Latence P95" → 95, "median" → 50), if exactly one. */
export function percentileOf(label: string): number | undefined {
  const all = [...fold(label).matchAll(new RegExp(PERCENTILE_RE.source, 'gu'))];
  if (all.length !== 1 || !all[0]) return undefined;
  return all[0][2] ? 50 : Number(all[0][1]);
}

/** First unsigned time quantity of a cell, in ms (deltas such as "-80ms" are not levels). */
function levelMs(text: string): number | undefined {
  for (const q of findQuantities(text)) {
    const sign = text.slice(q.index, q.index + 1);
    if (sign === '-' || sign === '+' || sign === '−') continue;
    const ms = toMs(q);
    if (ms !== undefined) return ms;
  }
  return undefined;
}

const fmt = (ms: number) => (ms >= 1000 ? `${+(ms / 1000).toFixed(3)} s` : `${+ms.toFixed(3)} ms`);
const pname = (p: number) => `P${p}`;

interface Point {
  p: number;
  ms: number;
  line: number;
}

/** Violations for a list of (percentile, value) points that should be non-decreasing. */
function ordered(points: Point[], where: string, out: Violation[]): void {
  const sorted = [...points].sort((a, b) => a.p - b.p);
  for (let i = 1; i < sorted.length; i++) {
    const lo = sorted[i - 1];
    const hi = sorted[i];
    if (!lo || !hi || lo.p === hi.p) continue;
    if (hi.ms < lo.ms - 1e-9) {
      out.push({
        rule: 'percentile-order',
        line: hi.line,
        severity: 'error',
        message: `${pname(hi.p)} (${fmt(hi.ms)}) is below ${pname(lo.p)} (${fmt(lo.ms)})${where}: percentiles cannot decrease`,
      });
    }
  }
}

/** Excluded columns: differences and deltas are not percentile levels. */
const DELTA_HEADER_RE = /ecart|gap|delta|diff|impact|gain|change|variation/;

function checkRows(table: TableBlock, out: Violation[]): void {
  const groups = new Map<string, Array<{ p: number; row: (typeof table.rows)[number] }>>();
  for (const row of table.rows) {
    const label = row.cells[0] ?? '';
    const p = percentileOf(label);
    if (p === undefined) continue;
    const key = fold(label).replace(new RegExp(PERCENTILE_RE.source, 'gu'), '').replace(/\W+/g, ' ').trim();
    const group = groups.get(key) ?? [];
    group.push({ p, row });
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    table.header.forEach((header, col) => {
      if (col === 0 || DELTA_HEADER_RE.test(fold(header))) return;
      const points: Point[] = [];
      for (const { p, row } of group) {
        const ms = levelMs(row.cells[col] ?? '');
        if (ms !== undefined) points.push({ p, ms, line: row.line });
      }
      ordered(points, ` in column "${header}"`, out);
    });
  }
}

function checkColumns(table: TableBlock, out: Violation[]): void {
  const pcols = table.header.map((h) => percentileOf(h));
  if (pcols.filter((p) => p !== undefined).length < 2) return;
  for (const row of table.rows) {
    const points: Point[] = [];
    pcols.forEach((p, col) => {
      if (p === undefined) return;
      const ms = levelMs(row.cells[col] ?? '');
      if (ms !== undefined) points.push({ p, ms, line: row.line });
    });
    ordered(points, ` in row "${row.cells[0] ?? ''}"`, out);
  }
}

/** "P50 120 ms", "p95=340ms", "P99 : 1.2 s" within one piece of text. */
// One run of spaces before the optional word: two (`\s*(?:...)?\s*`) would split every run in
// every way, quadratic in its length.
const INLINE_RE = /(?<![\p{L}\d])(?:p\(?(\d{2}(?:\.\d{1,3})?)\)?|median|mediane)\s*(?:(?:[:=]|est de|is|of|de|a|à)\s*)?(?=\d)/gu;

function inlinePoints(text: string, firstLine: number, source: string, offset: number): Point[] {
  const folded = fold(text);
  const points: Point[] = [];
  for (const m of folded.matchAll(INLINE_RE)) {
    const start = (m.index ?? 0) + m[0].length;
    const q = findQuantities(text.slice(start, start + 24))[0];
    if (!q || q.index !== 0) continue;
    const ms = toMs(q);
    if (ms === undefined) continue;
    points.push({ p: m[1] ? Number(m[1]) : 50, ms, line: lineOf(source, offset + (m.index ?? 0), firstLine) });
  }
  return points;
}

export function checkPercentiles(doc: ReportDoc): Violation[] {
  const out: Violation[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'table') {
      checkRows(block, out);
      checkColumns(block, out);
      for (const row of block.rows) {
        for (const cell of row.cells) ordered(inlinePoints(cell, row.line, cell, 0), '', out);
      }
    } else if (block.kind === 'prose') {
      for (const s of sentences(block.text)) ordered(inlinePoints(s.text, block.line, block.text, s.index), '', out);
    }
  }
  return out;
}
