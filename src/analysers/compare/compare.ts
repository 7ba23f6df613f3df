/**
 * `compareRuns(before, after, options)`: the BEFORE/AFTER comparison of issue 12, returning
 * the `ace diff --json` contract (types.ts). It picks the method from what each side holds:
 *  - one raw run per side → circular block bootstrap over time (raw.ts);
 *  - several runs on either side → each run one sample: medians, order-statistic intervals,
 *    Mann–Whitney (runs.ts);
 *  - otherwise (a summary on either side) → the change without significance (summary.ts).
 * The load check (load.ts) runs first: a difference beyond the tolerance makes every latency
 * and throughput verdict `inconclusive`, naming the difference.
 */
import { compareLoad, describeLoadDifference, describeLoadField, DEFAULT_LOAD_TOLERANCE } from './load.js';
import { DEFAULT_ERROR_FLOOR_PP } from './error-rate.js';
import { compareRaw } from './raw.js';
import { Rng } from './rng.js';
import { compareSeveral } from './runs.js';
import { compareSummaries } from './summary.js';
import { summariseRaw } from './summarise.js';
import type { CompareOptions, Comparison, Run, Side, SummaryRun } from './types.js';
import { overallVerdict } from './verdict.js';

export const DEFAULTS = {
  alpha: 0.05,
  threshold: 0.05,
  errorFloorPp: DEFAULT_ERROR_FLOOR_PP,
  loadTolerance: DEFAULT_LOAD_TOLERANCE,
  resamples: 1000,
  seed: 1,
  maxBootstrapSamples: 10_000,
} as const;

function runsOf(side: Side): readonly Run[] {
  return Array.isArray(side) ? side : [side as Run];
}

function asSummary(run: Run): SummaryRun {
  return run.kind === 'summary' ? run : summariseRaw(run);
}

export function compareRuns(before: Side, after: Side, options: CompareOptions = {}): Comparison {
  const alpha = options.alpha ?? DEFAULTS.alpha;
  const threshold = options.threshold ?? DEFAULTS.threshold;
  const errorFloorPp = options.errorFloorPp ?? DEFAULTS.errorFloorPp;
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`alpha must lie in (0, 1), got ${alpha}`);
  if (!(threshold >= 0)) throw new RangeError(`threshold must be ≥ 0, got ${threshold}`);
  const rb = runsOf(before);
  const ra = runsOf(after);
  if (rb.length === 0 || ra.length === 0) throw new RangeError('each side needs at least one run');

  const notes: string[] = [];
  const load = compareLoad(rb[0]!.load, ra[0]!.load, options.loadTolerance ?? DEFAULTS.loadTolerance);
  const loadDifference = load.differences.length > 0 ? load.differences.map(describeLoadDifference).join(', ') : null;
  if (loadDifference) notes.push(`The load differed (${loadDifference}): latency and throughput are not compared for a verdict.`);
  if (load.oneSided.length > 0) notes.push(`Known on one side only, not checked: ${load.oneSided.map(describeLoadField).join(', ')}.`);
  if (!rb[0]!.load && !ra[0]!.load) notes.push('The load of the runs is not described: it is assumed to be the same.');

  const base = { alpha, threshold_pct: 100 * threshold, load_differences: load.differences };
  const common = { alpha, threshold, errorFloorPp };

  if (rb.length === 1 && ra.length === 1 && rb[0]!.kind === 'raw' && ra[0]!.kind === 'raw') {
    const unit = options.resampling ?? 'time-blocks';
    const resamples = options.resamples ?? DEFAULTS.resamples;
    const seed = options.seed ?? DEFAULTS.seed;
    const raw = compareRaw(rb[0]!, ra[0]!, {
      ...common,
      resamples,
      maxSamples: options.maxBootstrapSamples ?? DEFAULTS.maxBootstrapSamples,
      unit,
      rng: new Rng(seed),
      loadDifference,
    });
    notes.push(
      unit === 'time-blocks'
        ? `Intervals: circular block bootstrap over time, ${resamples} replicates per side (seed ${seed}); each side's window is cut into time bins and resampled in blocks of consecutive bins, the block length chosen by the Politis–White rule on the per-bin mean log-latency series (see blocks).`
        : `Intervals: bootstrap of single requests, ${resamples} replicates per side (seed ${seed}). It ignores autocorrelation: its intervals are too narrow on real load tests.`,
      "Verdicts: regressed / improved when the interval excludes 0, the change passes the noise threshold and the p-value survives Holm's correction over all the metrics compared; unchanged when the interval lies within ± the threshold. The maximum is reported, never decides.",
      ...raw.notes,
    );
    if (raw.blocks.some((b) => b.thinning[0] > 1 || b.thinning[1] > 1))
      notes.push(
        'Long series entered the bootstrap thinned 1 in k in time order (see blocks): point values use every request, intervals are if anything wider.',
      );
    return {
      verdict: overallVerdict(raw.metrics),
      metrics: raw.metrics,
      notes,
      method: unit === 'time-blocks' ? 'block-bootstrap' : 'request-bootstrap',
      ...base,
      runs_per_side: { before: 1, after: 1 },
      blocks: raw.blocks,
    };
  }

  if (rb.length > 1 || ra.length > 1) {
    const several = compareSeveral(rb.map(asSummary), ra.map(asSummary), { ...common, loadDifference });
    notes.push(
      `Each run is one sample: ${rb.length} BEFORE, ${ra.length} AFTER. Medians with order-statistic intervals; change intervals from the Mann–Whitney shift interval of log values; p-values from Mann–Whitney U (exact without ties up to 50 runs), Holm-corrected over the metrics compared.`,
      ...several.notes,
    );
    if (several.needed > Math.min(rb.length, ra.length))
      notes.push(`A conclusive answer needs about ${several.needed} runs per side (see runs_per_side.needed).`);
    return {
      verdict: overallVerdict(several.metrics),
      metrics: several.metrics,
      notes,
      method: 'runs',
      ...base,
      runs_per_side: { before: rb.length, after: ra.length, ...(several.needed > 0 ? { needed: several.needed } : {}) },
    };
  }

  const metrics = compareSummaries(asSummary(rb[0]!), asSummary(ra[0]!), common);
  notes.push(
    'One summary per side: the changes are reported, no significance can be claimed. Raw per-request results, or several runs per side, allow a verdict.',
  );
  return { verdict: overallVerdict(metrics), metrics, notes, method: 'summary', ...base, runs_per_side: { before: 1, after: 1 } };
}
