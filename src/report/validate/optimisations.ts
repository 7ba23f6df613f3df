/**
 * The optimisation blocks of phase 5 ("#### Optimisation : <name>" followed by the
 * before/after code of the persona prompt), read as text with line numbers, split into
 * their BEFORE (AVANT) and AFTER (APRES) parts.
 */
import type { Placed, ReportDoc } from './doc.js';
import type { HeadingBlock } from './markdown.js';
import { fold } from './text.js';

export interface TextLine {
  text: string;
  line: number;
}

export interface OptimisationBlock {
  /** The heading that opens the block (or the phase heading when there is none). */
  heading: HeadingBlock;
  name: string;
  lines: TextLine[];
  /** Lines from the BEFORE marker up to the AFTER marker; undefined without a marker. */
  before: TextLine[] | undefined;
  /** Lines from the AFTER marker to the end of the block (explanations excluded). */
  after: TextLine[] | undefined;
}

const BEFORE_RE = /(?<![\p{L}])(?:avant|before)(?![\p{L}])/u;
const AFTER_RE = /(?<![\p{L}])(?:apres|after)(?![\p{L}])/u;
const EXPLANATION_RE = /^\W*(?:explication|explanation|pourquoi|why)\b/;
const COMMENT_RE = /^\s*(?:\/\/|#|--|\/\*|\*|<!--)/;
const NAMED_RE = /^optimi[sz]ation\s*\d*\s*[:\-–—]/;

function linesOf(block: Placed): TextLine[] {
  switch (block.kind) {
    case 'prose':
      return block.text.split('\n').map((text, i) => ({ text, line: block.line + i }));
    case 'code':
      // Only comments: the prompt's format writes the numbers there, and code has its own
      // digits ("$1" SQL parameters, timeouts) that are not measurements.
      return block.text
        .split('\n')
        .map((text, i) => ({ text, line: block.line + 1 + i }))
        .filter((l) => COMMENT_RE.test(l.text));
    case 'table':
      return [{ text: block.header.join(' | '), line: block.line }, ...block.rows.map((r) => ({ text: r.cells.join(' | '), line: r.line }))];
    default:
      return [];
  }
}

function split(lines: TextLine[]): Pick<OptimisationBlock, 'before' | 'after'> {
  const b = lines.findIndex((l) => BEFORE_RE.test(fold(l.text)));
  const a = lines.findIndex((l, i) => i > b && AFTER_RE.test(fold(l.text)) && !BEFORE_RE.test(fold(l.text)));
  const end = lines.findIndex((l, i) => i > a && EXPLANATION_RE.test(fold(l.text).replace(/^\s*(?:\/\/|#|--)\s*/, '')));
  return {
    before: b >= 0 ? lines.slice(b, a >= 0 ? a : undefined) : undefined,
    after: a >= 0 ? lines.slice(a, end >= 0 ? end : undefined) : undefined,
  };
}

/** Every optimisation block of phase 5, in order. */
export function optimisationBlocks(doc: ReportDoc): OptimisationBlock[] {
  const phase = doc.phaseHeadings.find((p) => p.phase === 5);
  // Keyed by line: a heading is one block, however many copies refer to it.
  const groups = new Map<number, { heading: HeadingBlock; blocks: Placed[] }>();
  for (const block of doc.blocks) {
    if (block.phase !== 5 || block.kind === 'heading' || !block.heading) continue;
    const group = groups.get(block.heading.line) ?? { heading: block.heading, blocks: [] };
    group.blocks.push(block);
    groups.set(block.heading.line, group);
  }
  // Sub-headings with nothing under them still count when named like the prompt's blocks.
  for (const block of doc.blocks) {
    if (block.kind === 'heading' && block.phase === 5 && !groups.has(block.line) && NAMED_RE.test(fold(block.text))) {
      groups.set(block.line, { heading: block, blocks: [] });
    }
  }
  const out: OptimisationBlock[] = [];
  for (const { heading, blocks } of groups.values()) {
    const named = heading.line !== phase?.heading.line && NAMED_RE.test(fold(heading.text));
    const lines = blocks.flatMap(linesOf);
    const hasMarker = lines.some((l) => BEFORE_RE.test(fold(l.text)) || AFTER_RE.test(fold(l.text)));
    const hasCode = blocks.some((b) => b.kind === 'code');
    if (heading.line === phase?.heading.line && !hasCode && !hasMarker) continue;
    if (!named && !hasCode && !hasMarker) continue;
    const name = heading.text.replace(/^\s*optimi[sz]ation\s*\d*\s*[:\-–—]\s*/i, '').trim();
    out.push({ heading, name, lines, ...split(lines) });
  }
  return out.sort((x, y) => x.heading.line - y.heading.line);
}
