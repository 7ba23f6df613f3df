/**
 * Phase 6 from a (concurrency, throughput) series (a load test's history): a Universal Scalability
 * Law fit through `capacity_fit`, and the scaling triggers it supports. The request rate one
 * instance is known to sustain is the USL peak X(N*) when the fit (R² >= 0.9) puts N* inside the
 * measured range, else the throughput at the highest level measured (a lower bound: no
 * saturation seen). Load projections and cost trade-offs need production traffic, growth, data
 * size and prices, none of which a load test holds: they are left for a model.
 */
import { levelsFromHistory } from '../analysers/capacity.js';
import type { LoadTestResult } from '../analysers/loadtest/model.js';
import type { ReportLanguage } from '../report/headings.js';
import type { Quantity } from '../report/quantity.js';
import { DEFAULT_TARGETS } from './baseline.js';
import { type AuditContext, round } from './context.js';

interface UslOutput {
  sigma: number;
  kappa: number;
  lambda: number;
  peak_concurrency: Quantity | null;
  max_throughput: Quantity;
  r_squared: number;
  points: Array<{ concurrency: number; throughput: number }>;
}
interface FitOutput {
  usl: UslOutput | null;
  notes: string[];
}

export interface CapacityReading {
  usl: UslOutput;
  notes: string[];
  /** Request rate one instance is known to sustain, and why. */
  sustained: { rps: number; basis: string; saturated: boolean };
}

const MIN_R2 = 0.9;

/** The fit on the history: steady seconds only (capacity_fit's own reading), else ramp seconds included. */
async function fit(ctx: AuditContext, primary: LoadTestResult): Promise<FitOutput | null> {
  const { points, steady } = levelsFromHistory(primary.history);
  if (points.length < 3) return null;
  // The file the history comes from (a Locust run's history file, or the one raw file) is the
  // fit's source when capacity_fit can read it the same way; else the levels are given as points.
  const file = primary.files.find((f) => f.format === 'locust-history')?.path ?? (primary.files.length === 1 ? primary.files[0]!.path : undefined);
  if (steady && file) return ctx.ace.call<FitOutput>('capacity_fit', { loadtest: file });
  const out = await ctx.ace.call<FitOutput>('capacity_fit', { points: points.map((p) => ({ concurrency: p.n, throughput: p.x })) });
  if (!steady) {
    out.notes.unshift(
      `${file ?? primary.files.map((f) => f.path).join(', ')} holds fewer than 3 steady user levels; the fit includes the ramp seconds (one 1-second sample per level while users were spawned), so it is rough`,
    );
  }
  return out;
}

export function sustainedRate(usl: UslOutput, language: ReportLanguage = 'en'): CapacityReading['sustained'] {
  const t = (en: string, fr: string) => (language === 'fr' ? fr : en);
  const maxN = Math.max(...usl.points.map((p) => p.concurrency));
  const top = usl.points.find((p) => p.concurrency === maxN)!;
  const peak = usl.peak_concurrency?.value;
  if (peak !== undefined && peak <= maxN && usl.r_squared >= MIN_R2) {
    const x = round(usl.max_throughput.value, 4);
    return { rps: usl.max_throughput.value, basis: t(`USL peak ${x} req/s at N* = ${round(peak, 3)}`, `pic USL ${x} req/s a N* = ${round(peak, 3)}`), saturated: true };
  }
  const why =
    peak === undefined
      ? t('the USL fit finds no peak, κ = 0', "l'ajustement USL ne trouve aucun pic, κ = 0")
      : t(`the USL fit puts N* at ${round(peak, 3)}, outside what was measured`, `l'ajustement USL place N* a ${round(peak, 3)}, hors des mesures`);
  const x = round(top.throughput, 4);
  return {
    rps: top.throughput,
    basis: t(`${x} req/s measured at ${maxN} users, the highest level tested; ${why}`, `${x} req/s mesures a ${maxN} utilisateurs, le plus haut niveau teste ; ${why}`),
    saturated: false,
  };
}

function triggerRows(sustained: CapacityReading['sustained'], p95: number | null, language: ReportLanguage) {
  const t = (en: string, fr: string) => (language === 'fr' ? fr : en);
  const rows: Record<string, unknown>[] = [
    {
      metric: t(`Request rate per instance (70 % and 30 % of ${sustained.basis})`, `Debit par instance (70 % et 30 % de ${sustained.basis})`),
      scaleUp: { value: round(0.7 * sustained.rps), unit: 'req/s', sustained: { value: 3, unit: 'min' } },
      scaleDown: { value: round(0.3 * sustained.rps), unit: 'req/s', sustained: { value: 10, unit: 'min' } },
      cooldown: { value: 5, unit: 'min' },
    },
  ];
  if (p95 !== null && p95 < DEFAULT_TARGETS.p95) {
    rows.push({
      metric: t(
        `P95 latency (up above the ${DEFAULT_TARGETS.p95} ms default target, down once back to the ${round(p95)} ms measured)`,
        `Latence P95 (hausse au-dela de la cible par defaut de ${DEFAULT_TARGETS.p95} ms, baisse une fois revenue aux ${round(p95)} ms mesures)`,
      ),
      scaleUp: { value: DEFAULT_TARGETS.p95, unit: 'ms', sustained: { value: 5, unit: 'min' } },
      scaleDown: { value: round(p95), unit: 'ms', sustained: { value: 15, unit: 'min' } },
      cooldown: { value: 5, unit: 'min' },
    });
  }
  return rows;
}

/** Emits the scaling triggers when the evidence has a concurrency series; returns what the fit read. */
export async function auditCapacity(ctx: AuditContext, primary: LoadTestResult): Promise<CapacityReading | null> {
  const out = await fit(ctx, primary);
  if (!out?.usl) {
    ctx.log.push('capacity: no (concurrency, throughput) series with 3 levels in the evidence: phase 6 left for a model');
    return null;
  }
  const usl = out.usl;
  const sustained = sustainedRate(usl, ctx.language);
  ctx.log.push(
    `capacity: USL on ${usl.points.length} levels: σ=${round(usl.sigma)} κ=${round(usl.kappa)} λ=${round(usl.lambda)} req/s, R²=${round(usl.r_squared)}, ` +
      `N*=${usl.peak_concurrency ? round(usl.peak_concurrency.value) : 'none (κ = 0)'}; one instance sustains ${sustainedRate(usl).basis}`,
    ...out.notes.map((n) => `capacity note: ${n}`),
  );
  await ctx.ace.call('emit_scaling_triggers', { rows: triggerRows(sustained, primary.overall.latency.p95?.value ?? null, ctx.language) });
  ctx.judgement.push(
    `scaling triggers assume the load test hit one instance${sustained.saturated ? '' : ' and that it can take at least the highest load tested'}; the 70 %/30 % levels, durations and cooldowns are defaults`,
    'load projections and cost trade-offs are left for a model: they need production traffic, growth, database size and prices, none of which is in the evidence',
  );
  return { usl, notes: out.notes, sustained };
}
