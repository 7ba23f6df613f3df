/**
 * "Quantify everything" (format rule 1): a comparative ("faster", "réduit", "improves")
 * needs a number with a unit in the same sentence (or, in a table, the same row); a
 * template value left from the persona prompt ("X ms", "$X", "Y%", a unit alone in a
 * cell) is no number at all.
 */
import type { Placed, ReportDoc } from './doc.js';
import type { CodeBlock, TableBlock } from './markdown.js';
import { findPlaceholders, fold, hasQuantity, isUnitOnlyCell, lineOf, sentences } from './text.js';
import type { Violation } from './types.js';

/** Comparatives in French and English, matched on accent-free lower-case text. */
const COMPARATIVE_RE = new RegExp(
  [
    String.raw`plus (?:rapide|lent|lente|performant|performante|efficace|leger|legere|fluide|stable|reactif|reactive)s?`,
    String.raw`moins (?:lent|lente|couteux|couteuse|gourmand|gourmande|de latence|d'erreurs?)s?`,
    String.raw`meilleure?s?`,
    String.raw`amelior\p{L}*`,
    String.raw`reduit\p{L}*|reduire|reduisant|reduisent|reduction`,
    String.raw`diminu\p{L}*`,
    String.raw`accelere\p{L}*|acceleration`,
    String.raw`faster|slower|quicker|better|cheaper`,
    String.raw`improv(?:e|es|ed|ing|ement|ements)`,
    String.raw`reduc(?:e|es|ed|ing|tion|tions)`,
    String.raw`decreas(?:e|es|ed|ing)`,
    String.raw`speeds? up|speed-?up`,
    String.raw`boost(?:s|ed|ing)?`,
    String.raw`outperform\p{L}*`,
    String.raw`(?:lower|less|reduced) latency|(?:higher|more|increased) throughput`,
    String.raw`more (?:efficient|performant|responsive|scalable)`,
  ].join('|'),
  'gu',
);

const BOUNDED_RE = new RegExp(String.raw`(?<![\p{L}\d_-])(?:${COMPARATIVE_RE.source})(?![\p{L}\d_])`, 'gu');

function comparatives(text: string): Array<{ word: string; index: number }> {
  const folded = fold(text);
  return [...folded.matchAll(BOUNDED_RE)].map((m) => ({
    word: text.slice(m.index ?? 0, (m.index ?? 0) + m[0].length),
    index: m.index ?? 0,
  }));
}

const HINT = 'give the number and unit, e.g. "-150 ms P95 (-43%)"';

function checkProse(block: Placed & { kind: 'prose' }, out: Violation[]): void {
  if (block.footnote) return;
  for (const s of sentences(block.text)) {
    const found = comparatives(s.text);
    const holders = findPlaceholders(s.text);
    for (const p of holders) {
      out.push({
        rule: 'unquantified-placeholder',
        line: lineOf(block.text, s.index + p.index, block.line),
        severity: 'error',
        message: `template value "${p.text}" instead of a number: ${HINT}`,
      });
    }
    const first = found[0];
    if (first && !hasQuantity(s.text)) {
      out.push({
        rule: 'unquantified-comparative',
        line: lineOf(block.text, s.index + first.index, block.line),
        severity: 'error',
        message: `"${first.word}" with no number and unit in the same sentence: ${HINT}`,
      });
    }
  }
}

function checkTable(table: TableBlock, out: Violation[]): void {
  for (const row of table.rows) {
    const placeholders: string[] = [];
    for (const cell of row.cells) {
      if (isUnitOnlyCell(cell)) placeholders.push(cell.trim());
      else placeholders.push(...findPlaceholders(cell).map((p) => p.text));
    }
    if (placeholders.length > 0) {
      const shown = [...new Set(placeholders)].map((p) => `"${p}"`).join(', ');
      out.push({
        rule: 'unquantified-placeholder',
        line: row.line,
        severity: 'error',
        message: `row "${row.cells[0] ?? ''}" has template values ${shown} instead of numbers: ${HINT}`,
      });
    }
    const rowText = row.cells.join(' | ');
    const found = row.cells.flatMap((c) => comparatives(c));
    const first = found[0];
    if (first && !hasQuantity(rowText)) {
      out.push({
        rule: 'unquantified-comparative',
        line: row.line,
        severity: 'error',
        message: `"${first.word}" in row "${row.cells[0] ?? ''}" with no number and unit in the row: ${HINT}`,
      });
    }
  }
}

/** Comment lines of code blocks (the before/after format writes its numbers there). */
function checkCode(block: CodeBlock, out: Violation[]): void {
  const lines = block.text.split('\n');
  lines.forEach((text, i) => {
    if (!/^\s*(?:\/\/|#|--|\/\*|\*)/.test(text)) return;
    for (const p of findPlaceholders(text)) {
      out.push({
        rule: 'unquantified-placeholder',
        line: block.line + 1 + i,
        severity: 'error',
        message: `template value "${p.text}" in a code comment instead of a number: ${HINT}`,
      });
    }
  });
}

export function checkQuantified(doc: ReportDoc): Violation[] {
  const out: Violation[] = [];
  for (const block of doc.blocks) {
    if (block.kind === 'prose') checkProse(block, out);
    else if (block.kind === 'table') checkTable(block, out);
    else if (block.kind === 'code') checkCode(block, out);
  }
  return out;
}
