/**
 * The report's Markdown as DOM, through marked's lexer: headings, paragraphs, lists, tables,
 * code. Every text goes in as a text node; raw HTML in the Markdown shows as text.
 */
import { type Token, type Tokens, Lexer } from 'marked';
import { el } from './dom.js';

function inline(tokens: readonly Token[] | undefined, parent: HTMLElement): void {
  for (const t of tokens ?? []) {
    switch (t.type) {
      case 'strong':
        inline((t as Tokens.Strong).tokens, parent.appendChild(el('strong')));
        break;
      case 'em':
        inline((t as Tokens.Em).tokens, parent.appendChild(el('em')));
        break;
      case 'del':
        inline((t as Tokens.Del).tokens, parent.appendChild(el('del')));
        break;
      case 'codespan':
        parent.append(el('code', {}, decode((t as Tokens.Codespan).text)));
        break;
      case 'br':
        parent.append(el('br'));
        break;
      case 'link': {
        const link = t as Tokens.Link;
        const a = el('a');
        if (link.href.startsWith('#')) a.setAttribute('href', link.href);
        inline(link.tokens, a);
        parent.append(a);
        break;
      }
      case 'text': {
        const text = t as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) inline(text.tokens, parent);
        else parent.append(decode(text.text));
        break;
      }
      default:
        parent.append(decode('text' in t && typeof t.text === 'string' ? t.text : t.raw));
    }
  }
}

/** marked keeps entities (&amp;) in text: turn them back into characters, with no parser. */
function decode(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}

function block(t: Token, parent: HTMLElement): void {
  switch (t.type) {
    case 'heading': {
      const h = t as Tokens.Heading;
      const tag = `h${Math.min(6, Math.max(1, h.depth))}` as 'h1';
      inline(h.tokens, parent.appendChild(el(tag)));
      break;
    }
    case 'paragraph':
      inline((t as Tokens.Paragraph).tokens, parent.appendChild(el('p')));
      break;
    case 'list': {
      const l = t as Tokens.List;
      const list = parent.appendChild(el(l.ordered ? 'ol' : 'ul'));
      for (const item of l.items) {
        const li = list.appendChild(el('li'));
        for (const c of item.tokens) {
          if (c.type === 'text') inline((c as Tokens.Text).tokens ?? [c], li);
          else block(c, li);
        }
      }
      break;
    }
    case 'table': {
      const tb = t as Tokens.Table;
      const table = el('table');
      const head = table.appendChild(el('thead')).appendChild(el('tr'));
      for (const cell of tb.header) inline(cell.tokens, head.appendChild(el('th')));
      const body = table.appendChild(el('tbody'));
      for (const row of tb.rows) {
        const tr = body.appendChild(el('tr'));
        for (const cell of row) inline(cell.tokens, tr.appendChild(el('td')));
      }
      parent.append(el('div', { class: 'table-wrap' }, table));
      break;
    }
    case 'code':
      parent.append(el('pre', {}, el('code', {}, (t as Tokens.Code).text)));
      break;
    case 'blockquote': {
      const q = parent.appendChild(el('blockquote'));
      for (const c of (t as Tokens.Blockquote).tokens) block(c, q);
      break;
    }
    case 'hr':
      parent.append(el('hr'));
      break;
    case 'space':
      break;
    default:
      parent.append(el('p', {}, t.raw));
  }
}

export function renderMarkdown(markdown: string, parent: HTMLElement): void {
  for (const t of new Lexer({ gfm: true }).lex(markdown)) block(t, parent);
}
