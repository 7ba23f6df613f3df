/**
 * How Ace rounds and writes numbers, in one place: tool texts, report cells, audit notes,
 * messages and charts all use these. Pure and free of imports, so every layer may use it,
 * the browser client included. Rounding is for what people read and for stable output;
 * never round inside the maths.
 */

/** `value` to `digits` significant figures: 1234.5 → 1230 (3), 0.012345 → 0.0123. */
export function significant(value: number, digits: number): number {
  if (!Number.isFinite(value) || value === 0) return value;
  return Number(value.toPrecision(digits));
}

/**
 * A number for text: `digits` significant figures, but never fewer than its whole part
 * (1234.5 → `1235` for 3 digits, not `1230`); `-` when there is no value.
 */
export function showNumber(value: number | null | undefined, digits: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  return String(Math.abs(value) >= 10 ** digits ? Math.round(value) : significant(value, digits));
}

/** The report's plain number: '.' decimal point, no grouping, at most 2 decimals (4 below 0.1). */
export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const decimals = abs !== 0 && abs < 0.1 ? 4 : 2;
  const rounded = Number(value.toFixed(decimals));
  return String(Object.is(rounded, -0) ? 0 : rounded);
}

/** A whole number with thousands separators, for counts and limits in messages: `1,000,000`. */
export function grouped(n: number): string {
  return n.toLocaleString('en-US');
}

/** A share of 1 as a percentage with one decimal: 0.0923 → `9.2%`. */
export function percentOf(share: number): string {
  return `${(100 * share).toFixed(1)}%`;
}

/** A change with its sign: `+12.5`, `-3`, `0`. */
export function signed(value: number): string {
  return value > 0 ? `+${value}` : String(value);
}
