/**
 * Rendering conventions shared by the emit tools, the assembler and the validator:
 * numbers, quantities with footnote markers, % change, Markdown tables, before/after labels.
 */
import { COLON, type Localised, type ReportLanguage } from './headings.js';
import { SOURCES_LABEL } from './headings.js';
import type { Quantity, Source, Unit } from './quantity.js';
import { formatNumber } from '../numbers.js';

const UNIT_LABELS: Partial<Record<Unit, Localised>> = {
  d: { fr: 'j', en: 'd' },
  '$/month': { fr: '$/mois', en: '$/month' },
};

/** Units written right after the number, with no space. */
const GLUED_UNITS: ReadonlySet<Unit> = new Set<Unit>(['%', 'x']);

/** `120 ms`, `0.1%`, `0.5x`, `1200 $/month`, `42` (count). No footnote marker. */
export function formatValue(value: number, unit: Unit, language: ReportLanguage): string {
  const n = formatNumber(value);
  if (unit === 'count') return n;
  if (GLUED_UNITS.has(unit)) return `${n}${unit}`;
  if (unit === '$') return `$${n}`;
  return `${n} ${UNIT_LABELS[unit]?.[language] ?? unit}`;
}

/** Same as formatValue with an explicit sign: `+150 ms`, `-43%`. */
export function formatSigned(value: number, unit: Unit, language: ReportLanguage): string {
  const body = formatValue(Math.abs(value), unit, language);
  const rounded = Number(formatNumber(value));
  return rounded > 0 ? `+${body}` : rounded < 0 ? `-${body}` : body;
}

/** The % change from `before` to `after`, rounded to an integer: 350 → 200 is -43. */
export function percentChange(before: number, after: number): number {
  if (before === 0) throw new Error('percent change from zero is undefined');
  const p = Math.round(((after - before) / Math.abs(before)) * 100);
  return Object.is(p, -0) ? 0 : p;
}

/** `-43%`, `+75%`, `0%`. */
export function formatPercentChange(p: number): string {
  return p > 0 ? `+${p}%` : `${p}%`;
}

/** How far apart a written % and the computed one may be (rounding of the inputs). */
export const PERCENT_TOLERANCE = 1;

const SOURCE_KIND_LABELS: Readonly<Record<Source['kind'], Localised>> = {
  measured: { fr: 'mesure', en: 'measured' },
  computed: { fr: 'calcule', en: 'computed' },
  estimate: { fr: 'estimation', en: 'estimate' },
};

function sourceText(source: Source, language: ReportLanguage): string {
  const label = SOURCE_KIND_LABELS[source.kind][language];
  const sep = COLON[language];
  switch (source.kind) {
    case 'measured':
      return `${label}${sep}\`${source.ref}\``;
    case 'computed':
      return `${label}${sep}${source.from}`;
    case 'estimate':
      return `${label}${sep}${source.basis}`;
  }
}

/**
 * Footnotes for one report: markers are numbered across the whole document and an
 * identical source reuses its number. `flush()` renders the definitions added since the
 * last flush, to sit under the table that used them.
 */
export class Footnotes {
  private readonly numbers = new Map<string, number>();
  private pending: Array<{ n: number; text: string }> = [];
  private next: number;

  constructor(
    readonly language: ReportLanguage,
    start = 1,
  ) {
    this.next = start;
  }

  /** `[^3]` for this source. */
  marker(source: Source): string {
    const text = sourceText(source, this.language);
    let n = this.numbers.get(text);
    if (n === undefined) {
      n = this.next++;
      this.numbers.set(text, n);
      this.pending.push({ n, text });
    }
    return `[^${n}]`;
  }

  /** `120 ms[^3]`. */
  quantity(q: Quantity): string {
    return `${formatValue(q.value, q.unit, this.language)}${this.marker(q.source)}`;
  }

  /** `+150 ms[^3]`. */
  signed(q: Quantity): string {
    return `${formatSigned(q.value, q.unit, this.language)}${this.marker(q.source)}`;
  }

  /** `Sources:` followed by `[^n]: kind: detail` lines; '' when nothing new. */
  flush(): string {
    if (this.pending.length === 0) return '';
    const lines = this.pending.map(({ n, text }) => `[^${n}]: ${text}`);
    this.pending = [];
    return [SOURCES_LABEL[this.language], '', ...lines].join('\n');
  }
}

function cell(text: string): string {
  return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
}

/** A GitHub-flavoured Markdown table. */
export function markdownTable(columns: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(columns), `|${columns.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/** A fenced code block whose fence is longer than any backtick run inside `code`. */
export function fenced(code: string, info = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${info}\n${code.replace(/\n+$/, '')}\n${fence}`;
}

/** Labels of the before/after block comments (the seed's format). */
export const BEFORE_AFTER_LABELS = {
  fr: {
    before: '// AVANT : ',
    latency: 'Latence : ',
    throughput: 'Throughput : ',
    after: '// APRES : ',
    expectedLatency: 'Latence attendue : ',
    expectedThroughput: 'Throughput attendu : ',
    measuredLatency: 'Latence {p} mesurée : ',
    measuredThroughput: 'Throughput mesuré : ',
    interval: 'IC 95 %',
    explanation: '// Explication : ',
  },
  en: {
    before: '// BEFORE: ',
    latency: 'Latency: ',
    throughput: 'Throughput: ',
    after: '// AFTER: ',
    expectedLatency: 'Expected latency: ',
    expectedThroughput: 'Expected throughput: ',
    measuredLatency: 'Measured {p} latency: ',
    measuredThroughput: 'Measured throughput: ',
    interval: '95 % CI',
    explanation: '// Explanation: ',
  },
} as const satisfies Localised<Record<string, string>>;

/** compare_runs' verdicts, as a BEFORE/AFTER block words them. */
export const VERDICT_WORDS = {
  fr: { improved: 'amélioré', regressed: 'dégradé', unchanged: 'inchangé', inconclusive: 'non concluant' },
  en: { improved: 'improved', regressed: 'regressed', unchanged: 'unchanged', inconclusive: 'inconclusive' },
} as const satisfies Localised<Record<'improved' | 'regressed' | 'unchanged' | 'inconclusive', string>>;

/** Info strings of the load-test script fences. */
export const SCRIPT_FENCES = { k6: 'javascript', locust: 'python', gatling: 'java' } as const;
