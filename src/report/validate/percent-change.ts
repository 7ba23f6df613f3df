/**
 * A written % change must agree with its two numbers (within PERCENT_TOLERANCE points):
 * "Latence : 350 ms ... Latence attendue : 200 ms (-43%)" in a before/after block,
 * "from 420 ms to 120 ms (-71%)" / "de 420 ms à 120 ms (-71%)" in a sentence or cell,
 * and Before/After/Change columns of a table.
 */
import { PERCENT_TOLERANCE, percentChange } from '../format.js';
import type { ReportDoc } from './doc.js';
import type { TableBlock } from './markdown.js';
import { optimisationBlocks, type TextLine } from './optimisations.js';
import { findQuantities, fold, isRateUnit, lineOf, sentences, toMs, type FoundQuantity } from './text.js';
import type { Violation } from './types.js';

/** Comparable magnitude and dimension of a quantity (time in ms, rate in req/s, else its unit). */
function measure(q: FoundQuantity): { dim: string; value: number } {
  const ms = toMs(q);
  if (ms !== undefined) return { dim: 'time', value: ms };
  if (isRateUnit(q.unit)) return { dim: 'rate', value: q.unit === 'req/min' ? q.value / 60 : q.value };
  return { dim: q.unit, value: q.value };
}

/**
 * What may stand between a figure and its change: a statistic ("P95", "p(99)", "P99.9",
 * "avg", "médiane") and a connecting word ("soit", "i.e.", "that is", "c.-à-d."). Matched on
 * folded text (lower case, no accents). Each part is a fixed word or a bounded repetition.
 */
const QUALIFIER = String.raw`(?:p\(?\d{1,2}(?:[.,]\d{1,3})?\)?|avg|average|mean|moyenne|median|mediane|max|min)`;
const CONNECTOR = String.raw`(?:soit|i\.\s?e\.?|that is|c\.?-?a-?d\.?|=)`;

/**
 * "(-43%)", ", -43%", " soit -43%", " P95 (-30 %)", " avg, i.e. -30%" right after a
 * quantity: the written change. Read on a short window (WRITTEN_WINDOW characters).
 */
const WRITTEN_RE = new RegExp(String.raw`^\s*(?:${QUALIFIER}\s*)?(?:[(,]\s*)?(?:${CONNECTOR}\s*)?(?:[(,]\s*)?([-+−]?)\s?(\d{1,9}(?:[.,]\d{1,6})?)\s?%`, 'u');
const WRITTEN_WINDOW = 48;

interface Written {
  sign: string;
  value: number;
}

function writtenAfter(text: string, end: number): Written | undefined {
  const m = WRITTEN_RE.exec(fold(text.slice(end, end + WRITTEN_WINDOW)));
  if (!m || m[2] === undefined) return undefined;
  return { sign: m[1] === '−' ? '-' : (m[1] ?? ''), value: Number(m[2].replace(',', '.')) };
}

/** Why `written` disagrees with the change from `before` to `after`; undefined when it agrees. */
export function disagreement(before: number, after: number, written: Written): string | undefined {
  if (before === 0) return undefined;
  const exact = ((after - before) / Math.abs(before)) * 100;
  const shown = percentChange(before, after);
  const signed = written.sign === '-' ? -written.value : written.value;
  const ok = written.sign === '' ? Math.abs(Math.abs(exact) - written.value) <= PERCENT_TOLERANCE + 0.5 : Math.abs(exact - signed) <= PERCENT_TOLERANCE + 0.5;
  return ok ? undefined : `${written.sign}${written.value}% but the two numbers give ${shown > 0 ? '+' : ''}${shown}%`;
}

function quantitiesOf(lines: TextLine[]): Array<{ q: FoundQuantity; line: TextLine }> {
  return lines.flatMap((line) => findQuantities(line.text).map((q) => ({ q, line })));
}

/** The prompt's "Latence : …, Throughput : …" lines, where the measured figures are. */
const METRIC_LINE_RE = /\b(?:latence|latency|throughput|debit)\b/;

/** Metric lines when the part has any, else every line: numbers in a problem's wording are not the measurement. */
function metricLines(lines: TextLine[]): TextLine[] {
  const metric = lines.filter((l) => METRIC_LINE_RE.test(fold(l.text)));
  return metric.length > 0 ? metric : lines;
}

function checkBlocks(doc: ReportDoc, out: Violation[]): void {
  for (const block of optimisationBlocks(doc)) {
    if (!block.before || !block.after) continue;
    // The before figures by dimension: the k-th "after" time is compared with the k-th "before" time.
    const before = new Map<string, Array<{ q: FoundQuantity; line: TextLine }>>();
    for (const b of quantitiesOf(metricLines(block.before))) {
      if (b.q.unit === '%') continue;
      const dim = measure(b.q).dim;
      const list = before.get(dim) ?? [];
      list.push(b);
      before.set(dim, list);
    }
    const used = new Map<string, number>();
    for (const { q, line } of quantitiesOf(metricLines(block.after))) {
      if (q.unit === '%') continue;
      const written = writtenAfter(line.text, q.end);
      const m = measure(q);
      const k = used.get(m.dim) ?? 0;
      used.set(m.dim, k + 1);
      if (!written) continue;
      const match = before.get(m.dim)?.[k];
      if (!match) continue;
      const why = disagreement(measure(match.q).value, m.value, written);
      if (why) {
        out.push({
          rule: 'percent-change-mismatch',
          line: line.line,
          severity: 'error',
          message: `optimisation "${block.name}": ${why} (before ${match.line.text.slice(match.q.index, match.q.end).trim()}, after ${line.text.slice(q.index, q.end).trim()})`,
        });
      }
    }
  }
}

/** Between the two figures of "A to B": the word "to", an arrow, and maybe A's statistic ("420 ms P95 → 120 ms"). */
const CONNECTOR_RE = new RegExp(String.raw`^\s*(?:${QUALIFIER}\s*)?(?:to|a|à|->|→|=>|vers|—>|-->)\s*$`, 'u');

/** "A unit to B unit (P%)" inside one piece of text. */
function checkInline(text: string, report: (offset: number, message: string) => void): void {
  const qs = findQuantities(text);
  for (let i = 0; i + 1 < qs.length; i++) {
    const a = qs[i];
    const b = qs[i + 1];
    if (!a || !b || a.unit === '%' || b.unit === '%') continue;
    if (!CONNECTOR_RE.test(fold(text.slice(a.end, b.index)))) continue;
    const ma = measure(a);
    const mb = measure(b);
    if (ma.dim !== mb.dim) continue;
    const written = writtenAfter(text, b.end);
    if (!written) continue;
    const why = disagreement(ma.value, mb.value, written);
    if (why) report(a.index, `${text.slice(a.index, b.end).replace(/\s+/g, ' ').trim()}: ${why}`);
  }
}

const BEFORE_COL = /^(?:avant|before|actuel|current|baseline)\b/;
const AFTER_COL = /^(?:apres|after|attendu|expected|cible|target|projected)\b/;
const CHANGE_COL = /gain|change|variation|evolution|delta|%|diff/;

function checkTableColumns(table: TableBlock, out: Violation[]): void {
  const h = table.header.map(fold);
  const b = h.findIndex((x) => BEFORE_COL.test(x));
  const a = h.findIndex((x) => AFTER_COL.test(x));
  const c = h.findIndex((x, i) => i !== a && i !== b && CHANGE_COL.test(x));
  if (b < 0 || a < 0 || c < 0) return;
  for (const row of table.rows) {
    const qb = findQuantities(row.cells[b] ?? '')[0];
    const qa = findQuantities(row.cells[a] ?? '')[0];
    const change = row.cells[c] ?? '';
    const pct = findQuantities(change).find((q) => q.unit === '%');
    if (!qb || !qa || !pct) continue;
    const mb = measure(qb);
    const ma = measure(qa);
    if (mb.dim !== ma.dim) continue;
    const sign = /^\s*[-−]/.test(change.slice(pct.index)) ? '-' : /^\s*\+/.test(change.slice(pct.index)) ? '+' : '';
    const why = disagreement(mb.value, ma.value, { sign, value: Math.abs(pct.value) });
    if (why) out.push({ rule: 'percent-change-mismatch', line: row.line, severity: 'error', message: `row "${row.cells[0] ?? ''}": ${why}` });
  }
}

export function checkPercentChanges(doc: ReportDoc): Violation[] {
  const out: Violation[] = [];
  checkBlocks(doc, out);
  for (const block of doc.blocks) {
    if (block.kind === 'table') {
      checkTableColumns(block, out);
      for (const row of block.rows) {
        for (const cell of row.cells) {
          checkInline(cell, (_, message) => out.push({ rule: 'percent-change-mismatch', line: row.line, severity: 'error', message }));
        }
      }
    } else if (block.kind === 'prose') {
      for (const s of sentences(block.text)) {
        checkInline(s.text, (offset, message) =>
          out.push({ rule: 'percent-change-mismatch', line: lineOf(block.text, s.index + offset, block.line), severity: 'error', message }),
        );
      }
    }
  }
  return dedupe(out);
}

function dedupe(list: Violation[]): Violation[] {
  const seen = new Set<string>();
  return list.filter((v) => {
    const key = `${v.line}:${v.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
