/**
 * A number with a unit and a provenance. Every figure of an Ace report is one of these:
 * measured (evidence inside the sandbox), computed (by a named tool or formula) or an
 * estimate (with its stated assumption).
 */
import { z } from 'zod';

export const UNITS = [
  'µs',
  'ms',
  's',
  'min',
  'h',
  'd',
  'req/s',
  'req/min',
  '%',
  'x',
  'B',
  'KB',
  'MB',
  'GB',
  'TB',
  'users',
  'pods',
  'nodes',
  'vCPU',
  'connections',
  'queries',
  'rows',
  '$/month',
  '$',
  'count',
] as const;
export type Unit = (typeof UNITS)[number];
export const UnitSchema = z.enum(UNITS).describe('Unit from a fixed set. "x" is a ratio (burn rate), "count" a bare number.');

export const MeasuredSource = z.strictObject({
  kind: z.literal('measured'),
  ref: z
    .string()
    .min(1)
    .describe(
      'Evidence inside the project: "path" or "path:line" (or "path:start-end"), the file and line must exist; or a production query as metrics_query gives it in source_ref ("promql <query> @ <source> [...]", the source configured in ace.config.json).',
    ),
});
export const ComputedSource = z.strictObject({
  kind: z.literal('computed'),
  from: z.string().min(1).describe('The tool or formula that produced the number from other quantities.'),
});
export const EstimateSource = z.strictObject({
  kind: z.literal('estimate'),
  basis: z.string().min(1).describe('The assumption behind the number, e.g. "assumes 40% cache miss rate".'),
});
export const SourceSchema = z.discriminatedUnion('kind', [MeasuredSource, ComputedSource, EstimateSource]);
export type Source = z.infer<typeof SourceSchema>;

export const QuantitySchema = z.strictObject({
  value: z.number(),
  unit: UnitSchema,
  source: SourceSchema,
});
export type Quantity = z.infer<typeof QuantitySchema>;

/** A quantity restricted to some units (e.g. durations only). */
export function quantityOf<const U extends readonly [Unit, ...Unit[]]>(units: U, what: string) {
  return z
    .strictObject({ value: z.number(), unit: z.enum(units), source: SourceSchema })
    .describe(`${what}: a number with a unit (${units.join(', ')}) and a source.`);
}

export const DURATION_UNITS = ['µs', 'ms', 's', 'min', 'h', 'd'] as const satisfies readonly Unit[];
export const SIZE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const satisfies readonly Unit[];
export const RATE_UNITS = ['req/s', 'req/min'] as const satisfies readonly Unit[];

/** Factor to a family's base unit (ms, B, req/s); units without a family convert only to themselves. */
const FAMILIES: ReadonlyArray<Readonly<Partial<Record<Unit, number>>>> = [
  { µs: 0.001, ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 },
  { B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3, TB: 1024 ** 4 },
  { 'req/s': 1, 'req/min': 1 / 60 },
];

function familyOf(unit: Unit): Readonly<Partial<Record<Unit, number>>> | undefined {
  return FAMILIES.find((f) => f[unit] !== undefined);
}

export function sameDimension(a: Unit, b: Unit): boolean {
  if (a === b) return true;
  const fa = familyOf(a);
  return fa !== undefined && fa === familyOf(b);
}

/** Converts `value` from one unit to another of the same dimension; undefined otherwise. */
export function convert(value: number, from: Unit, to: Unit): number | undefined {
  if (from === to) return value;
  const family = familyOf(from);
  const f = family?.[from];
  const t = family?.[to];
  if (f === undefined || t === undefined) return undefined;
  return (value * f) / t;
}

/** Rounds away floating noise (0.30000000000000004 → 0.3). */
export function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export function computed(value: number, unit: Unit, from: string): Quantity {
  return { value: tidy(value), unit, source: { kind: 'computed', from } };
}
