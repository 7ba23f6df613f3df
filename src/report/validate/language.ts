/**
 * One language throughout (format rule 5). Each prose paragraph or list item is detected
 * on its own with `eld` (an n-gram detector, restricted to French and English) after
 * removing what is language-neutral: code, numbers with units, paths, identifiers. A
 * paragraph counts only when it is long enough, the detector is confident, and the
 * function words of that language ("le", "des", "the", "of") agree, so English jargon in
 * a French sentence ("cache miss", "throughput") does not make it English. Headings and
 * table cells are left out (the persona prompt's own French tables carry English terms),
 * and so are quotations (blockquotes: log lines, the user's own words).
 * A report with too little prose to judge (one made of tables, such as `ace audit`'s) is
 * judged on the words of its headings and table cells (headers and labels are words too;
 * numbers, units, code and paths are not), once there are MIN_TABLE_WORDS of them, the
 * detector is clear, and the fixed labels Ace renders (phase headings, table names, column
 * headers) do not say otherwise; a report in the wrong language then fails like one in
 * prose. With fewer words, the fixed labels alone decide the language reported, and raise
 * no violation.
 */
import { eld as shared } from 'eld/extrasmall';
import { PHASE_HEADINGS, type ReportLanguage, SOURCES_LABEL, TABLES } from '../headings.js';
import { REPORT_LANGUAGES } from '../table.js';
import type { ReportDoc } from './doc.js';
import { findQuantities, isUnitOnlyCell, normalize } from './text.js';
import type { Violation } from './types.js';

const detector = shared.newInstance();
detector.setLanguageSubset([...REPORT_LANGUAGES]);

const FRENCH = new Set(
  'le la les un une des du de au aux et est sont pour dans sur avec par pas que qui ce cette ces son sa ses leur leurs nous vous il elle ils on ne plus mais ou donc car si en cela chaque tout tous sous entre depuis lorsque quand avant apres'.split(
    ' ',
  ),
);
const ENGLISH = new Set(
  'the a an and is are was were for in on with by not that which this these those its their we you it they but or so if of to from each all under between since when before after be been has have than into'.split(
    ' ',
  ),
);

/** Minimum words for a paragraph to be judged, and the detector's minimum score margin. */
const MIN_WORDS = 6;
const MIN_MARGIN = 0.1;

export interface Sample {
  line: number;
  language: ReportLanguage;
  words: number;
  confident: boolean;
}

/** Longer runs of letters are not words of a language (a hash, a hostile input). */
const MAX_WORD = 40;
/** Words handed to the detector per sample: enough to judge, and a bound on its work. */
const DETECT_WORDS = 300;
const EDGE = new Set(["'", '’', '-']);

/** `w` without leading and trailing apostrophes and hyphens (a loop: `['-]+$` backtracks). */
function trimEdges(w: string): string {
  let a = 0;
  let b = w.length;
  while (a < b && EDGE.has(w[a]!)) a++;
  while (b > a && EDGE.has(w[b - 1]!)) b--;
  return w.slice(a, b);
}

/**
 * The words of a paragraph that carry its language: no numbers, paths, file names,
 * identifiers or acronyms. Linear: the text is cut at white space first, and each
 * regular expression then runs on one short token, anchored or with bounded repetition.
 */
export function proseWords(text: string): string[] {
  const out: string[] = [];
  for (const token of text.split(/\s+/)) {
    if (token === '' || token.length > 4 * MAX_WORD) continue;
    // Paths ("src/db.ts", "a\\b") and file names or dotted identifiers ("pool.js", "e.g").
    if (token.includes('/') || token.includes('\\') || /.\.\w{1,5}(?!\w)/.test(token)) continue;
    for (const piece of token.split(/[^\p{L}'’-]+/u)) {
      const w = trimEdges(piece);
      if (w.length < 2 || w.length > MAX_WORD || !/^\p{L}[\p{L}'’-]*$/u.test(w)) continue;
      if (/\p{Lu}.*\p{Lu}/u.test(w) || /[a-z][A-Z]/.test(w)) continue;
      out.push(w);
    }
  }
  return out;
}

function functionWords(words: readonly string[]): { fr: number; en: number } {
  let fr = 0;
  let en = 0;
  for (const raw of words) {
    const w = raw.toLowerCase();
    const base = w.replace(/^(?:l|d|qu|n|s|c|j)['’]/, '');
    if (base !== w || FRENCH.has(w)) fr++;
    if (ENGLISH.has(w)) en++;
  }
  return { fr, en };
}

/** Detects one paragraph; `confident` only when long enough, clear, and the function words agree. */
export function detectSample(text: string, line: number): Sample | undefined {
  const words = proseWords(text);
  if (words.length < 2) return undefined;
  const scores = detector.detect(words.slice(0, DETECT_WORDS).join(' ')).getScores();
  const fr = scores.fr ?? 0;
  const en = scores.en ?? 0;
  const language: ReportLanguage = fr >= en ? 'fr' : 'en';
  const fw = functionWords(words);
  const agrees = language === 'fr' ? fw.fr > fw.en : fw.en > fw.fr;
  return { line, language, words: words.length, confident: words.length >= MIN_WORDS && Math.abs(fr - en) >= MIN_MARGIN && agrees };
}

function samples(doc: ReportDoc): Sample[] {
  const out: Sample[] = [];
  for (const block of doc.blocks) {
    if (block.kind !== 'prose' || block.footnote || block.quote) continue;
    const s = detectSample(block.text, block.line);
    if (s) out.push(s);
  }
  return out;
}

const NAMES: Readonly<Record<ReportLanguage, string>> = { fr: 'French', en: 'English' };

/** Ace's labels in one language only (a label spelt the same in both tells nothing). */
const LABELS: Readonly<Record<ReportLanguage, ReadonlySet<string>>> = (() => {
  const pairs: Array<Record<ReportLanguage, string>> = [
    ...Object.values(PHASE_HEADINGS).map((h) => ({ fr: h.fr.replace(/^#+\s*/, ''), en: h.en.replace(/^#+\s*/, '') })),
    ...TABLES.map((t) => t.name),
    ...TABLES.map((t) => ({ fr: t.columns.fr.join('|'), en: t.columns.en.join('|') })),
    SOURCES_LABEL,
  ];
  const distinct = pairs.filter((p) => normalize(p.fr) !== normalize(p.en));
  return { fr: new Set(distinct.map((p) => normalize(p.fr))), en: new Set(distinct.map((p) => normalize(p.en))) };
})();

/** The language of the fixed labels (headings, table headers, "Sources:"), or unknown when they do not lean one way. */
function labelLanguage(doc: ReportDoc): ReportLanguage | 'unknown' {
  let fr = 0;
  let en = 0;
  for (const block of doc.blocks) {
    const key =
      block.kind === 'heading'
        ? normalize(block.text)
        : block.kind === 'table'
          ? normalize(block.header.join('|'))
          : block.kind === 'prose'
            ? normalize(block.text)
            : '';
    if (LABELS.fr.has(key)) fr++;
    if (LABELS.en.has(key)) en++;
  }
  return fr === en ? 'unknown' : fr > en ? 'fr' : 'en';
}

/** Words of headings and table cells before they may decide a report's language. */
const MIN_TABLE_WORDS = 30;
/** Words of headings and tables read: plenty to judge, and a bound on the work. */
const MAX_TABLE_WORDS = 1000;

/** A cell's words, numbers with their units blanked first ("120 ms", "req/s" are no language). */
function cellWords(cell: string): string[] {
  if (isUnitOnlyCell(cell)) return [];
  let text = '';
  let at = 0;
  for (const q of findQuantities(cell)) {
    text += cell.slice(at, q.index) + ' ';
    at = q.end;
  }
  return proseWords(text + cell.slice(at));
}

/** The language of the headings and table cells, with the line of the first table; undefined when unclear. */
function tableLanguage(doc: ReportDoc): { language: ReportLanguage; line: number } | undefined {
  const words: string[] = [];
  let line: number | undefined;
  for (const block of doc.blocks) {
    if (words.length >= MAX_TABLE_WORDS) break;
    if (block.kind === 'heading') words.push(...cellWords(block.text));
    else if (block.kind === 'table') {
      line ??= block.line;
      for (const cell of block.header) words.push(...cellWords(cell));
      for (const row of block.rows) {
        if (words.length >= MAX_TABLE_WORDS) break;
        for (const cell of row.cells) words.push(...cellWords(cell));
      }
    }
  }
  if (line === undefined || words.length < MIN_TABLE_WORDS) return undefined;
  const scores = detector.detect(words.slice(0, MAX_TABLE_WORDS).join(' ')).getScores();
  const fr = scores.fr ?? 0;
  const en = scores.en ?? 0;
  if (Math.abs(fr - en) < MIN_MARGIN) return undefined;
  return { language: fr > en ? 'fr' : 'en', line };
}

/** The report's language and the violations of rule 5. */
export function checkLanguage(doc: ReportDoc, expected: ReportLanguage | undefined): { language: ReportLanguage | 'unknown'; violations: Violation[] } {
  const all = samples(doc);
  const confident = all.filter((s) => s.confident);
  const weight = (lang: ReportLanguage) => confident.filter((s) => s.language === lang).reduce((n, s) => n + s.words, 0);
  const fr = weight('fr');
  const en = weight('en');
  const language: ReportLanguage | 'unknown' = fr + en < 12 ? 'unknown' : fr >= en ? 'fr' : 'en';
  const violations: Violation[] = [];
  if (language === 'unknown') {
    const labels = labelLanguage(doc);
    const tables = tableLanguage(doc);
    if (!tables || (labels !== 'unknown' && labels !== tables.language)) return { language: labels, violations };
    if (expected && tables.language !== expected) {
      violations.push({
        rule: 'language-mismatch',
        line: tables.line,
        severity: 'error',
        message: `the report's headings and tables are written in ${NAMES[tables.language]} but ${NAMES[expected]} was expected (the language of the request): headers and labels are words too`,
      });
    }
    return { language: tables.language, violations };
  }
  const share = Math.max(fr, en) / (fr + en);
  if (expected && language !== expected && share >= 0.6) {
    violations.push({
      rule: 'language-mismatch',
      line: confident.find((s) => s.language === language)?.line ?? 1,
      severity: 'error',
      message: `the report is written in ${NAMES[language]} but ${NAMES[expected]} was expected (the language of the request)`,
    });
  }
  const majority = expected && share < 0.6 ? expected : language;
  for (const s of confident) {
    if (s.language === majority) continue;
    violations.push({
      rule: 'language-mixed',
      line: s.line,
      severity: 'error',
      message: `this paragraph is in ${NAMES[s.language]} in a ${NAMES[majority]} report: write the whole report in ${NAMES[majority]}`,
    });
  }
  return { language, violations };
}
