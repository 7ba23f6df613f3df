/**
 * Reads a Markdown report into a flat list of blocks with 1-based line numbers:
 * headings, prose (paragraphs, list items, quotes), GFM tables and fenced code.
 *
 * Parsing uses `marked`'s lexer (GFM tables with escaped pipes, fences of any length,
 * code nested in lists, setext headings); it gives no positions, so each token is located
 * in the source from its `raw` text, moving forward only.
 */
import { Lexer, type Token, type Tokens } from 'marked';

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

/** Plain text of inline tokens: emphasis, links and code spans reduced to their text. */
function plain(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return fallback;
  let out = '';
  for (const t of tokens) {
    if (t.type === 'br') out += ' ';
    else if (t.type === 'html') continue;
    else if ('tokens' in t && Array.isArray(t.tokens) && t.tokens.length > 0) out += plain(t.tokens, '');
    else if ('text' in t && typeof t.text === 'string') out += t.text;
    else out += t.raw;
  }
  return out;
}

/** Removes footnote markers and decodes the few entities marked leaves in cell text. */
export function cleanInline(text: string): string {
  return text
    .replace(/\[\^[^\]\s]+\]/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** Blanks what is not prose, keeping every offset: code spans, URLs, footnote refs, markup. */
export function maskInline(raw: string): string {
  return raw
    .replace(/(`+)[\s\S]*?\1/g, blank)
    .replace(/\]\([^)\s]*(?:\s+"[^"]*")?\)/g, (m) => ']' + blank(m.slice(1)))
    .replace(/<[^>\n]+>/g, blank)
    .replace(/\bhttps?:\/\/\S+/g, blank)
    .replace(/\[\^[^\]\s]+\]/g, blank)
    .replace(/^([ \t]*)(?:>[ \t]?)*(?:[-*+]|\d+[.)])?(?=[ \t])/gm, blank)
    .replace(/\*\*|__|~~/g, blank)
    .replace(/[*_[\]]/g, ' ');
}

class Locator {
  private readonly lineStarts: number[] = [0];
  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  /** Offset of `raw` at or after `from`; tries its first non-blank line when nesting re-indented it. */
  find(raw: string, from: number): number {
    const direct = this.source.indexOf(raw, from);
    if (direct >= 0 && raw.length > 0) return direct;
    const first = raw.split('\n').find((l) => l.trim() !== '')?.trim();
    if (first) {
      const at = this.source.indexOf(first, from);
      if (at >= 0) return at;
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

/** Parses `source` into blocks in document order. */
export function parseBlocks(source: string): Block[] {
  const text = source.replace(/\r\n?/g, '\n');
  const locator = new Locator(text);
  const blocks: Block[] = [];
  let cursor = 0;

  const visit = (tokens: readonly Token[], quote = false): void => {
    for (const token of tokens) {
      if (token.type === 'space' || token.type === 'hr' || token.type === 'def') {
        if (text.startsWith(token.raw, cursor)) cursor += token.raw.length;
        continue;
      }
      const at = locator.find(token.raw, cursor);
      const line = locator.line(at);
      switch (token.type) {
        case 'heading': {
          const h = token as Tokens.Heading;
          blocks.push({ kind: 'heading', line, depth: h.depth, text: cleanInline(plain(h.tokens, h.text)) });
          break;
        }
        case 'paragraph':
        case 'text': {
          const footnote = /^\s*\[\^[^\]]+\]:/.test(token.raw);
          blocks.push({ kind: 'prose', line, text: maskInline(token.raw), footnote, quote });
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
            header: t.header.map((c) => cleanInline(plain(c.tokens, c.text))),
            rows: t.rows.map((row, i) => ({ line: line + 2 + i, cells: row.map((c) => cleanInline(plain(c.tokens, c.text))) })),
          });
          break;
        }
        case 'blockquote': {
          cursor = at;
          visit((token as Tokens.Blockquote).tokens, true);
          break;
        }
        case 'list': {
          cursor = at;
          for (const item of (token as Tokens.List).items) {
            cursor = locator.find(item.raw, cursor);
            visit(item.tokens, quote);
          }
          break;
        }
        default:
          break;
      }
      cursor = Math.max(cursor, at + (text.startsWith(token.raw, at) ? token.raw.length : 1));
    }
  };

  visit(new Lexer({ gfm: true }).lex(text));
  return blocks;
}
