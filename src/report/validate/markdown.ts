/**
 * Reads a Markdown report into a flat list of blocks with 1-based line numbers:
 * headings, prose (paragraphs, list items, quotes), GFM tables and fenced code.
 *
 * Parsing uses `marked`'s block lexer (GFM tables with escaped pipes, fences of any length,
 * code nested in lists, setext headings) and never its inline lexer (see inline.ts). It
 * gives no positions, so each token is located in the source from its `raw` text, moving
 * forward only, and searched for within its parent's extent only. Nested tokens are walked
 * with an explicit stack; the depth `marked` itself recurses to is bounded by shape.ts.
 */
import { Lexer, type Token, type Tokens } from 'marked';
import { cleanInline, maskInline, plainInline } from './inline.js';
import { REPORT_LIMITS } from './shape.js';

interface BlockBase {
  line: number;
}
export interface HeadingBlock extends BlockBase {
  kind: 'heading';
  depth: number;
  text: string;
}
/** Prose with inline code, URLs, footnote markers and emphasis blanked out (offsets kept). */
export interface ProseBlock extends BlockBase {
  kind: 'prose';
  text: string;
  /** A footnote definition (`[^3]: measured: ...`): a source, not prose. */
  footnote: boolean;
  /** Inside a blockquote: often a quotation (a log line, the user's words). */
  quote: boolean;
}
export interface TableRow {
  line: number;
  cells: string[];
}
export interface TableBlock extends BlockBase {
  kind: 'table';
  header: string[];
  rows: TableRow[];
}
export interface CodeBlock extends BlockBase {
  kind: 'code';
  lang: string;
  text: string;
}
export type Block = HeadingBlock | ProseBlock | TableBlock | CodeBlock;

class Locator {
  private readonly lineStarts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  /**
   * Offset of `raw` in [from, end); tries its first non-blank line when nesting re-indented
   * it; `from` when neither is there. Searching within the parent's extent only keeps the
   * walk within (nesting depth x size).
   */
  find(raw: string, from: number, end: number): number {
    const window = this.source.slice(from, end);
    const direct = raw.length > 0 ? window.indexOf(raw) : -1;
    if (direct >= 0) return from + direct;
    const newline = raw.indexOf('\n');
    let first = (newline < 0 ? raw : raw.slice(0, newline)).trim();
    if (!first)
      first =
        raw
          .split('\n')
          .find((l) => l.trim() !== '')
          ?.trim() ?? '';
    if (first) {
      const at = window.indexOf(first);
      if (at >= 0) return from + at;
    }
    return from;
  }
  line(offset: number): number {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

interface Frame {
  tokens: readonly Token[];
  next: number;
  quote: boolean;
  /** End of the parent's extent in the source: children are searched before it. */
  end: number;
  /** Where the cursor goes once the frame is done (past the parent token). */
  after: number;
  /** A list's items, walked one by one (each becomes a frame of its tokens). */
  items?: readonly Tokens.ListItem[];
}

/** Columns a nested line may have lost to its container's prefix (indentation, "> "). */
const PREFIX_SLACK = 2 * REPORT_LIMITS.nesting + 16;

/** Parses `source` into blocks in document order. */
export function parseBlocks(source: string): Block[] {
  const text = source.replace(/\r\n?/g, '\n');
  const locator = new Locator(text);
  const blocks: Block[] = [];
  let cursor = 0;
  /** The extent in the source of `raw` found at `at`: longer than raw when nesting re-indented it. */
  const extent = (raw: string, at: number, end: number) => {
    if (text.startsWith(raw, at)) return Math.min(end, at + raw.length);
    let lines = 1;
    for (let i = raw.indexOf('\n'); i >= 0; i = raw.indexOf('\n', i + 1)) lines++;
    return Math.min(end, at + raw.length + lines * PREFIX_SLACK);
  };
  const stack: Frame[] = [{ tokens: new Lexer({ gfm: true }).blockTokens(text), next: 0, quote: false, end: text.length, after: 0 }];

  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.items) {
      const item = frame.items[frame.next++];
      if (!item) {
        stack.pop();
        cursor = Math.max(cursor, frame.after);
        continue;
      }
      cursor = locator.find(item.raw, cursor, frame.end);
      stack.push({ tokens: item.tokens, next: 0, quote: frame.quote, end: extent(item.raw, cursor, frame.end), after: cursor });
      continue;
    }
    const token = frame.tokens[frame.next++];
    if (!token) {
      stack.pop();
      cursor = Math.max(cursor, frame.after);
      continue;
    }
    if (token.type === 'space' || token.type === 'hr' || token.type === 'def') {
      if (text.startsWith(token.raw, cursor)) cursor += token.raw.length;
      continue;
    }
    const at = locator.find(token.raw, cursor, frame.end);
    const line = locator.line(at);
    const past = at + (text.startsWith(token.raw, at) ? token.raw.length : 1);
    switch (token.type) {
      case 'heading': {
        const h = token as Tokens.Heading;
        blocks.push({ kind: 'heading', line, depth: h.depth, text: cleanInline(plainInline(h.text)) });
        break;
      }
      case 'paragraph':
      case 'text': {
        const footnote = /^\s*\[\^[^\]]+\]:/.test(token.raw);
        blocks.push({ kind: 'prose', line, text: maskInline(token.raw), footnote, quote: frame.quote });
        break;
      }
      case 'code': {
        const c = token as Tokens.Code;
        blocks.push({ kind: 'code', line, lang: (c.lang ?? '').trim().split(/\s+/)[0]?.toLowerCase() ?? '', text: c.text });
        break;
      }
      case 'table': {
        const t = token as Tokens.Table;
        blocks.push({
          kind: 'table',
          line,
          header: t.header.map((c) => cleanInline(plainInline(c.text))),
          rows: t.rows.map((row, i) => ({ line: line + 2 + i, cells: row.map((c) => cleanInline(plainInline(c.text))) })),
        });
        break;
      }
      case 'blockquote': {
        cursor = at;
        const end = extent(token.raw, at, frame.end);
        stack.push({ tokens: (token as Tokens.Blockquote).tokens, next: 0, quote: true, end, after: past });
        continue;
      }
      case 'list': {
        cursor = at;
        const end = extent(token.raw, at, frame.end);
        stack.push({ tokens: [], next: 0, quote: frame.quote, end, after: past, items: (token as Tokens.List).items });
        continue;
      }
      default:
        break;
    }
    cursor = Math.max(cursor, past);
  }
  return blocks;
}
