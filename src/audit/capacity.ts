/**
 * Phase 6 from a (concurrency, throughput) series (a load test's history): a Universal Scalability
 * Law fit through `capacity_fit`, and the scaling triggers it supports. The request rate one
 * instance is known to sustain is the USL peak X(N*) when the fit (R² >= 0.9) puts N* inside the
 * measured range, else the throughput at the highest level measured (a lower bound: no
 * saturation seen). Load projections and cost trade-offs need production traffic, growth, data
 * size and prices, none of which a load test holds: they are left for a model.
 */
import { type ReportLanguage, inLanguage } from '../report/headings.js';
import { DEFAULT_TARGETS } from './baseline.js';
import { type AuditContext } from './context.js';
import type { CapacityFit, LoadTestResult, UslFit } from './types.js';
import { significant } from '../numbers.js';

/** What the sustained rate is read from. */
type UslReading = Pick<UslFit, 'points' | 'peak_concurrency' | 'max_throughput' | 'r_squared'>;

export interface CapacityReading {
  usl: UslFit;
  notes: string[];
  /** Request rate one instance is known to sustain, and why. */
  sustained: { rps: number; basis: string; saturated: boolean };
}

const MIN_R2 = 0.9;

/**
 * The files capacity_fit reads the run's history from: a Locust run's history file, else the
 * run's files (raw files of one run merge as loadtest_summary merged them).
 */
export function historyFiles(primary: LoadTestResult): string[] {
  const locust = primary.files.find((f) => f.format === 'locust-history')?.path;
  return locust ? [locust] : primary.files.map((f) => f.path);
}

/**
 * capacity_fit on the run the audit reads: the levels it read from the history (for sizing) and
 * its USL fit, the same figures a model gets from the tool on the same file(s). Null when the
 * run has no user-count history or the tool refuses it (said in the log).
 */
export async function readCapacity(ctx: AuditContext, primary: LoadTestResult): Promise<CapacityFit | null> {
  if (primary.history.length === 0) return null;
  const files = historyFiles(primary);
  try {
    return await ctx.ace.tool('capacity_fit', files.length === 1 ? { loadtest: files[0]! } : { loadtests: files });
  } catch (err) {
    ctx.log.push(`capacity: ${(err as Error).message}`);
    return null;
  }
}

export function sustainedRate(usl: UslReading, language: ReportLanguage = 'en'): CapacityReading['sustained'] {
  const maxN = Math.max(...usl.points.map((p) => p.concurrency));
  const top = usl.points.find((p) => p.concurrency === maxN)!;
  const peak = usl.peak_concurrency?.value;
  if (peak !== undefined && peak <= maxN && usl.r_squared >= MIN_R2) {
    const x = significant(usl.max_throughput.value, 4);
    return {
      rps: usl.max_throughput.value,
      basis: inLanguage(language, { fr: `pic USL ${x} req/s a N* = ${significant(peak, 3)}`, en: `USL peak ${x} req/s at N* = ${significant(peak, 3)}` }),
      saturated: true,
    };
  }
  const why =
    peak === undefined
      ? inLanguage(language, { fr: "l'ajustement USL ne trouve aucun pic, κ = 0", en: 'the USL fit finds no peak, κ = 0' })
      : inLanguage(language, {
          fr: `l'ajustement USL place N* a ${significant(peak, 3)}, hors des mesures`,
          en: `the USL fit puts N* at ${significant(peak, 3)}, outside what was measured`,
        });
  const x = significant(top.throughput, 4);
  return {
    rps: top.throughput,
    basis: inLanguage(language, {
      fr: `${x} req/s mesures a ${maxN} utilisateurs, le plus haut niveau teste ; ${why}`,
      en: `${x} req/s measured at ${maxN} users, the highest level tested; ${why}`,
    }),
    saturated: false,
  };
}

function triggerRows(sustained: CapacityReading['sustained'], p95: number | null, language: ReportLanguage) {
  const rows: Record<string, unknown>[] = [
    {
      metric: inLanguage(language, {
        fr: `Debit par instance (70 % et 30 % de ${sustained.basis})`,
        en: `Request rate per instance (70 % and 30 % of ${sustained.basis})`,
      }),
      scaleUp: { value: significant(0.7 * sustained.rps, 3), unit: 'req/s', sustained: { value: 3, unit: 'min' } },
      scaleDown: { value: significant(0.3 * sustained.rps, 3), unit: 'req/s', sustained: { value: 10, unit: 'min' } },
      cooldown: { value: 5, unit: 'min' },
    },
  ];
  if (p95 !== null && p95 < DEFAULT_TARGETS.p95) {
    rows.push({
      metric: inLanguage(language, {
        fr: `Latence P95 (hausse au-dela de la cible par defaut de ${DEFAULT_TARGETS.p95} ms, baisse une fois revenue aux ${significant(p95, 3)} ms mesures)`,
        en: `P95 latency (up above the ${DEFAULT_TARGETS.p95} ms default target, down once back to the ${significant(p95, 3)} ms measured)`,
      }),
      scaleUp: { value: DEFAULT_TARGETS.p95, unit: 'ms', sustained: { value: 5, unit: 'min' } },
      scaleDown: { value: significant(p95, 3), unit: 'ms', sustained: { value: 15, unit: 'min' } },
      cooldown: { value: 5, unit: 'min' },
    });
  }
  return rows;
}

/** Emits the scaling triggers when the evidence has a concurrency series; returns what the fit read. */
export async function auditCapacity(ctx: AuditContext, primary: LoadTestResult, out: CapacityFit | null): Promise<CapacityReading | null> {
  if (!out?.usl) {
    ctx.log.push('capacity: no (concurrency, throughput) series with 3 levels in the evidence: phase 6 left for a model');
    return null;
  }
  const usl = out.usl;
  const sustained = sustainedRate(usl, ctx.language);
  ctx.log.push(
    `capacity: USL on ${usl.points.length} levels: σ=${significant(usl.sigma, 3)} κ=${significant(usl.kappa, 3)} λ=${significant(usl.lambda, 3)} req/s, R²=${significant(usl.r_squared, 3)}, ` +
      `N*=${usl.peak_concurrency ? significant(usl.peak_concurrency.value, 3) : 'none (κ = 0)'}; one instance sustains ${sustainedRate(usl).basis}`,
    ...out.notes.map((n) => `capacity note: ${n}`),
  );
  await ctx.ace.call('emit_scaling_triggers', { rows: triggerRows(sustained, primary.overall.latency.p95?.value ?? null, ctx.language) });
  ctx.judgement.push(
    `scaling triggers assume the load test hit one instance${sustained.saturated ? '' : ' and that it can take at least the highest load tested'}; the 70 %/30 % levels, durations and cooldowns are defaults`,
    'load projections and cost trade-offs are left for a model: they need production traffic, growth, database size and prices, none of which is in the evidence',
  );
  return { usl, notes: out.notes, sustained };
}
