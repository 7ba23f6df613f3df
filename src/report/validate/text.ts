/**
 * Text helpers for a tolerant reading of hand-written reports: accent-free comparison,
 * numbers with units ("120 ms", "1.2s", "-43%", "$800", "3x"), and the template
 * placeholders of the persona prompt ("X ms", "$X", "Y%", a unit alone in a cell).
 */

/** Lower case, accents removed, typographic quotes and spaces unified, whitespace collapsed. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u00a0\u202f]/g, ' ')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Canonical unit for each spelling; the key is matched case-insensitively except where noted. */
const UNIT_SPELLINGS: ReadonlyArray<readonly [canonical: string, spellings: readonly string[]]> = [
  ['ns', ['ns']],
  ['µs', ['µs', 'μs', 'us']],
  ['ms', ['ms', 'msec']],
  ['s', ['s', 'sec', 'secs', 'second', 'seconds', 'seconde', 'secondes']],
  ['min', ['min', 'mins', 'minute', 'minutes', 'mn']],
  ['h', ['h', 'hr', 'hrs', 'hour', 'hours', 'heure', 'heures']],
  ['d', ['d', 'j', 'day', 'days', 'jour', 'jours']],
  ['week', ['week', 'weeks', 'semaine', 'semaines']],
  ['month', ['month', 'months', 'mois']],
  ['req/s', ['req/s', 'req/sec', 'reqs/s', 'rps', 'qps', 'tps', 'ops/s', 'requests/s', 'requetes/s', 'requêtes/s']],
  ['req/min', ['req/min', 'rpm', 'requests/min', 'requetes/min', 'requêtes/min', 'transactions/min', 'tx/min']],
  ['%', ['%']],
  ['pts', ['pt', 'pts', 'points']],
  ['x', ['x', 'fois', 'times']],
  ['B', ['bytes', 'octets']],
  ['KB', ['kb', 'kib', 'ko']],
  ['MB', ['mb', 'mib', 'mo']],
  ['GB', ['gb', 'gib', 'go']],
  ['TB', ['tb', 'tib']],
  ['users', ['users', 'user', 'utilisateurs', 'utilisateur', 'vus', 'vu']],
  ['pods', ['pods', 'pod', 'nodes', 'node', 'noeuds', 'nœuds', 'replicas', 'replicas', 'instances', 'instance']],
  ['vCPU', ['vcpu', 'vcpus', 'cpu', 'cpus', 'cores', 'coeurs', 'cœurs']],
  ['connections', ['connections', 'connexions', 'conn', 'threads', 'workers']],
  ['rows', ['rows', 'lignes', 'queries', 'requetes', 'requêtes', 'requests', 'pending', 'messages', 'errors', 'erreurs']],
  ['$', ['$', '€', 'usd', 'eur', '$/month', '$/mois', '€/mois', '€/month']],
];

const CANONICAL = new Map<string, string>();
for (const [canonical, spellings] of UNIT_SPELLINGS) for (const s of spellings) CANONICAL.set(s.toLowerCase(), canonical);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const UNIT_ALTERNATION = [...CANONICAL.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escapeRe)
  .join('|');

/**
 * "1200", "1,200" and "1 200" (grouped thousands), "0.5", "0,5" (French decimal comma).
 * At most five groups: an unbounded run of groups is scanned again from every group it
 * holds ("111 111 111 ..." would take quadratic time); no real figure has more.
 */
const NUMBER = String.raw`[-+−]?(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3}){1,5}(?!\d)|\d+)(?:[.,]\d+)?`;
/** "120 ms", "-43%", "1.2s", "3x", "2 000 users" is read as "000 users": the unit is what matters. */
const QUANTITY_RE = new RegExp(
  String.raw`(?<![\p{L}\d.,_+\-])(${NUMBER})\s?(${UNIT_ALTERNATION})(?![\p{L}\d_])|(?<![\p{L}\d])([$€])\s?(\d+(?:[.,]\d+)*)(?:\s?[kKmM](?![\p{L}]))?`,
  'giu',
);

export interface FoundQuantity {
  value: number;
  /** Canonical unit ('ms', 's', '%', 'req/s', '$' ...). */
  unit: string;
  index: number;
  end: number;
}

function parseNumber(raw: string): number {
  const grouped = /^([-+−]?\d{1,3}(?:[,\u00a0\u202f ]\d{3}){1,5})(?!\d)/.exec(raw);
  const body = grouped ? grouped[1]!.replace(/[,\u00a0\u202f ]/g, '') + raw.slice(grouped[1]!.length) : raw;
  return Number(body.replace('−', '-').replace(',', '.'));
}

/** Every number-with-unit in `text`, in order. Placeholders such as "X ms" are not numbers. */
export function findQuantities(text: string): FoundQuantity[] {
  const out: FoundQuantity[] = [];
  for (const m of text.matchAll(QUANTITY_RE)) {
    const index = m.index ?? 0;
    if (m[1] !== undefined && m[2] !== undefined) {
      const unit = CANONICAL.get(m[2].toLowerCase());
      if (unit) out.push({ value: parseNumber(m[1]), unit, index, end: index + m[0].length });
    } else if (m[4] !== undefined) {
      out.push({ value: parseNumber(m[4].replace(/,(?=\d{3}\b)/g, '')), unit: '$', index, end: index + m[0].length });
    }
  }
  return out;
}

export function hasQuantity(text: string): boolean {
  return findQuantities(text).length > 0;
}

const TIME_FACTORS: Readonly<Record<string, number>> = {
  ns: 1e-6,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  min: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Milliseconds for a time quantity; undefined for any other unit. */
export function toMs(q: { value: number; unit: string }): number | undefined {
  const f = TIME_FACTORS[q.unit];
  return f === undefined ? undefined : q.value * f;
}

export function isRateUnit(unit: string): boolean {
  return unit === 'req/s' || unit === 'req/min';
}

/** The persona prompt's template values: "X ms", "Xms", "$X", "X GB", "-Y%", "X req/s", "X days". */
const PLACEHOLDER_VALUE_RE = new RegExp(
  String.raw`(?<![\p{L}\d_])[-+<>]?(?:X{1,3}|Y{1,3}|N{2,3}|\?{1,3})\s?(?:${UNIT_ALTERNATION})(?![\p{L}\d_])|\$\s?[XY](?![\p{L}\d_])`,
  'gu',
);

/**
 * A whole cell that is only a unit symbol ("ms", "<%", "MB/GB", "req/s") or a template
 * letter ("X", "TBD"). Short symbols only: "Go" (the language) or "x" (a tick) are content.
 */
const UNIT_SYMBOL = String.raw`(?:ms|s|µs|μs|us|ns|min|h|%|req\/s|req\/min|rps|qps|[KMGT]B|\$|€|\$\/mois|\$\/month)`;
const UNIT_ONLY_CELL_RE = new RegExp(
  String.raw`^[<>≤≥~=]?\s*${UNIT_SYMBOL}(?:\s?\/\s?${UNIT_SYMBOL})*$|^(?:X{1,3}|Y{1,3}|\?{1,3}|TBD|TODO|TBC|[àa] d[ée]finir)$`,
  'u',
);

export interface Placeholder {
  text: string;
  index: number;
}

/** Template values left in free text (a sentence or a cell). */
export function findPlaceholders(text: string): Placeholder[] {
  return [...text.matchAll(PLACEHOLDER_VALUE_RE)].map((m) => ({ text: m[0].trim(), index: m.index ?? 0 }));
}

/** True when a table cell holds no value but a unit or a template letter ("ms", "<%", "MB/GB", "X"). */
export function isUnitOnlyCell(cell: string): boolean {
  return UNIT_ONLY_CELL_RE.test(cell.trim());
}

/**
 * Splits prose into sentences, keeping offsets. A period splits only when followed by
 * white space and not part of a number ("1.2 s") or a common abbreviation ("e.g.").
 */
export function sentences(text: string): Array<{ text: string; index: number }> {
  const out: Array<{ text: string; index: number }> = [];
  const re = /(?<!\b(?:e\.g|i\.e|etc|vs|cf|ex|approx|env))[.!?;](?=\s|$)|\n\s*\n/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const end = (m.index ?? 0) + m[0].length;
    const piece = text.slice(start, end);
    if (piece.trim()) out.push({ text: piece, index: start });
    start = end;
  }
  const rest = text.slice(start);
  if (rest.trim()) out.push({ text: rest, index: start });
  return out;
}

/** Newline offsets of the last text asked about: a long block is asked about many times. */
let indexed: { text: string; newlines: number[] } | undefined;

/** The 1-based line of `offset` in `text`, counted from `firstLine` (binary search over its newlines). */
export function lineOf(text: string, offset: number, firstLine: number): number {
  if (indexed?.text !== text) {
    const newlines: number[] = [];
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) newlines.push(i);
    indexed = { text, newlines };
  }
  const { newlines } = indexed;
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newlines[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return firstLine + lo;
}

/** Lower case without accents, one output character per input character (offsets kept). */
export function fold(text: string): string {
  if (/^[\x00-\x7f]*$/.test(text)) return text.toLowerCase();
  let out = '';
  for (const ch of text) {
    const f = ch
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase();
    out += f.length === ch.length ? f : ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch;
  }
  return out.replace(/[\u2018\u2019\u02bc]/g, "'");
}
