/**
 * A parsed report with context: each block knows its phase and nearest heading, and each
 * Markdown table is matched to the kind of table it is (by columns, heading and phase).
 */
import type { Phase } from '../headings.js';
import { columnIndex, headerKey, headingNames, phaseOfHeading, TABLE_KINDS, type TableKind } from './catalog.js';
import { parseBlocks, type Block, type HeadingBlock, type TableBlock } from './markdown.js';

export type Placed<B extends Block = Block> = B & {
  phase: Phase | undefined;
  /** The closest heading above the block (of any depth), if any. */
  heading: HeadingBlock | undefined;
};

export interface IdentifiedTable {
  table: Placed<TableBlock>;
  kind: TableKind | undefined;
  /** For each required column of `kind` (by index), the header index holding it, or -1. */
  columns: number[];
}

export interface ReportDoc {
  blocks: Placed[];
  /** Every heading that opens a phase, in document order. */
  phaseHeadings: Array<{ phase: Phase; heading: HeadingBlock }>;
  tables: IdentifiedTable[];
}

function place(blocks: Block[]): { placed: Placed[]; phaseHeadings: ReportDoc['phaseHeadings'] } {
  const placed: Placed[] = [];
  const phaseHeadings: ReportDoc['phaseHeadings'] = [];
  let phase: Phase | undefined;
  let phaseDepth = 0;
  let heading: HeadingBlock | undefined;
  for (const block of blocks) {
    if (block.kind === 'heading') {
      const opens = phaseOfHeading(block.text, block.depth);
      if (opens !== undefined) {
        phase = opens;
        phaseDepth = block.depth;
        phaseHeadings.push({ phase: opens, heading: block });
      } else if (phase !== undefined && block.depth <= phaseDepth) {
        phase = undefined;
      }
      heading = block;
    }
    placed.push({ ...block, phase, heading });
  }
  return { placed, phaseHeadings };
}

function identify(table: Placed<TableBlock>): IdentifiedTable {
  let best: { kind: TableKind; score: number; columns: number[] } | undefined;
  const keys = table.header.map(headerKey);
  for (const kind of TABLE_KINDS) {
    if (kind.columns.length === 0) continue;
    const columns = kind.columns.map((synonyms) => columnIndex(keys, synonyms));
    const found = columns.filter((c) => c >= 0).length / kind.columns.length;
    const named = table.heading ? headingNames(kind, table.heading.text) : 0;
    if (found < 0.5 && named === 0) continue;
    const score = (found >= 0.5 ? found * 10 : 0) + (named > 0 ? 5 + named / 1000 : 0) + (table.phase === kind.phase ? 2 : 0);
    if (!best || score > best.score) best = { kind, score, columns };
  }
  return { table, kind: best?.kind, columns: best?.columns ?? [] };
}

export function readReport(markdown: string): ReportDoc {
  const { placed, phaseHeadings } = place(parseBlocks(markdown));
  const tables = placed.filter((b): b is Placed<TableBlock> => b.kind === 'table').map(identify);
  return { blocks: placed, phaseHeadings, tables };
}

/** The cell of `row` in the required column `column` of an identified table ('' when absent). */
export function cellOf(t: IdentifiedTable, cells: readonly string[], column: number): string {
  const index = t.columns[column] ?? -1;
  return index >= 0 ? (cells[index] ?? '') : '';
}

/** Index of a required column of a kind by its English name in headings.ts ('priority', 'slo'...). */
export function requiredColumn(kind: TableKind, englishName: string): number {
  return kind.columnLabels.findIndex((label) => label.split('/')[0]?.toLowerCase() === englishName.toLowerCase());
}
