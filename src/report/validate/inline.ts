/**
 * Inline Markdown read in linear time: code spans, links, markup. `marked`'s own inline
 * lexer is quadratic on some inputs ("_a_a_a...", "![a![a..."), so the validator never
 * runs it: it reads block tokens only and reduces their inline text here. Every regular
 * expression below either is anchored or has no quantified part that can run past the next
 * one of its own delimiters, so no character is scanned from more than a few start positions.
 */

/** Code spans as [start, end) offsets: a backtick run closed by the next run of the same length. */
export function codeSpans(text: string): Array<[number, number]> {
  const runs: Array<{ at: number; length: number }> = [];
  for (let i = text.indexOf('`'); i >= 0; i = text.indexOf('`', i)) {
    let j = i;
    while (text.charCodeAt(j) === 96) j++;
    runs.push({ at: i, length: j - i });
    i = j;
  }
  // The next run of the same length, found right to left in one pass.
  const next = new Array<number>(runs.length);
  const lastOfLength = new Map<number, number>();
  for (let k = runs.length - 1; k >= 0; k--) {
    next[k] = lastOfLength.get(runs[k]!.length) ?? -1;
    lastOfLength.set(runs[k]!.length, k);
  }
  const spans: Array<[number, number]> = [];
  for (let k = 0; k < runs.length;) {
    const close = next[k]!;
    if (close < 0) {
      k++;
      continue;
    }
    spans.push([runs[k]!.at, runs[close]!.at + runs[close]!.length]);
    k = close + 1;
  }
  return spans;
}

/** Applies `outside` to the text between code spans and `inside` to each span (with its backticks). */
function aroundCode(text: string, outside: (s: string) => string, inside: (span: string) => string): string {
  let out = '';
  let at = 0;
  for (const [start, end] of codeSpans(text)) {
    out += outside(text.slice(at, start)) + inside(text.slice(start, end));
    at = end;
  }
  return out + outside(text.slice(at));
}

const blank = (s: string) => s.replace(/[^\n]/g, ' ');

/** "](url "title")": the link target after a link's text. */
const LINK_TARGET_RE = /\]\([^()\s\]]*(?:[ \t]+"[^"\n]*")?\)/g;
const TAG_RE = /<[^<>\n]+>/g;
const URL_RE = /\bhttps?:\/\/\S+/g;
const FOOTNOTE_REF_RE = /\[\^[^\]\s[]+\]/g;
/** Indentation, quote markers and a list marker at a line start. */
const LINE_PREFIX_RE = /^([ \t]*)(?:>[ \t]?)*(?:[-*+]|\d{1,9}[.)])?(?=[ \t])/gm;

/** Blanks what is not prose, keeping every offset: code spans, URLs, footnote refs, markup. */
export function maskInline(raw: string): string {
  return aroundCode(raw, (s) => s, blank)
    .replace(LINK_TARGET_RE, (m) => ']' + blank(m.slice(1)))
    .replace(TAG_RE, blank)
    .replace(URL_RE, blank)
    .replace(FOOTNOTE_REF_RE, blank)
    .replace(LINE_PREFIX_RE, blank)
    .replace(/\*\*|__|~~/g, '  ')
    .replace(/[*_[\]]/g, ' ');
}

const LINK_RE = /!?\[([^[\]\n]*)\](?:\([^()\s]*(?:[ \t]+"[^"\n]*")?\)|\[[^[\]\n]*\])/g;
const AUTOLINK_RE = /<((?:https?|mailto):[^<>\s]*)>/g;
const HTML_RE = /<\/?[A-Za-z][^<>\n]*>/g;
const ESCAPABLE = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

/** Emphasis markers and backslash escapes removed, in one pass. */
function unmark(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length && ESCAPABLE.includes(s[i + 1]!)) {
      out += s[++i];
    } else if (c === '*' || c === '~') {
      // A lone "*" between spaces ("2 * 3") is text; next to a word it is emphasis.
      if (s[i - 1] === ' ' && s[i + 1] === ' ') out += c;
    } else if (c === '_' && isWordChar(s[i - 1]) && isWordChar(s[i + 1])) {
      out += c; // intraword: http_req_duration
    } else if (c !== '_') {
      out += c;
    }
  }
  return out;
}

/** Plain text of inline Markdown (a heading, a table cell): markup removed, code kept as its text. */
export function plainInline(raw: string): string {
  return aroundCode(
    raw,
    (s) => unmark(s.replace(LINK_RE, '$1').replace(AUTOLINK_RE, '$1').replace(HTML_RE, '')),
    (span) => {
      const body = span.replace(/^`+|`+$/g, '');
      return body.length > 2 && body.startsWith(' ') && body.endsWith(' ') ? body.slice(1, -1) : body;
    },
  );
}

/** Removes footnote markers, decodes the few entities left in cell text, collapses white space. */
export function cleanInline(text: string): string {
  return text
    .replace(FOOTNOTE_REF_RE, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}
