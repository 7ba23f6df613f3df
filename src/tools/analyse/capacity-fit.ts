import { z } from 'zod';
import { fitUsl, levelsFromHistory, littlesLaw, type Point } from '../../analysers/capacity.js';
import { uslCurve, uslKnee } from '../../analysers/capacity-curve.js';
import { computed } from '../../analysers/quantity.js';
import { UserInputError } from '../../errors.js';
import { QuantitySchema } from '../../report/quantity.js';
import { defineTool } from '../define.js';
import { loadTestAnalyser } from './load.js';
import { loadTestInputs, resolveFiles } from './shared.js';
import { showNumber, significant } from '../../numbers.js';

const input = z.object({
  points: z
    .array(z.object({ concurrency: z.number().positive(), throughput: z.number().positive().describe('req/s') }))
    .max(1000)
    .optional()
    .describe('Measured (concurrency, throughput) pairs, at least 3 distinct concurrency levels.'),
  loadtest: z
    .string()
    .optional()
    .describe(
      'Or a load test with a user-count history (Locust _stats_history.csv, k6 --out json or csv with its vus points, a JMeter JTL with allThreads): throughput per user level is read from it.',
    ),
  loadtests: z
    .array(z.string().min(1))
    .min(1)
    .max(50)
    .optional()
    .describe(
      'Or several files (or globs) of one run, read together as loadtest_summary reads them (e.g. raw files of distributed runners): the first result with a user-count history is fitted.',
    ),
  project_at: z
    .array(z.number().positive())
    .max(20)
    .optional()
    .describe('Concurrencies to project throughput at (default powers of two up to 4× the largest measured).'),
  little: z
    .object({
      throughput: z.number().positive().optional().describe('req/s'),
      latency_ms: z.number().positive().optional().describe('mean time in system, ms'),
      concurrency: z.number().positive().optional(),
    })
    .optional()
    .describe("Little's law: give two of the three to get the third."),
});

const output = z.object({
  usl: z
    .object({
      sigma: z.number().describe('contention (serial fraction), 0..1'),
      kappa: z.number().describe('coherency (crosstalk) cost'),
      lambda: z.number().describe('throughput of one user, req/s'),
      peak_concurrency: QuantitySchema.nullable().describe('N* = √((1−σ)/κ); null when κ = 0'),
      max_throughput: QuantitySchema,
      r_squared: z.number(),
      points: z.array(z.object({ concurrency: z.number(), throughput: z.number() })),
      projections: z.array(z.object({ concurrency: z.number(), throughput: QuantitySchema })),
      knee: z.number().nullable().describe('N where throughput is half of linear scaling (X(N) = λN/2); null when nothing contends'),
      curve: z
        .array(z.object({ concurrency: z.number(), throughput: z.number() }))
        .describe(
          'the fitted curve sampled at 100 concurrencies, from 1 to 1.05 × the furthest of the largest measured N, N* and the knee (these two when within 3 × the measured range)',
        ),
    })
    .nullable(),
  levels: z
    .object({
      source: z.string().describe('the file(s) the history was read from'),
      steady: z
        .boolean()
        .describe(
          'true: steady seconds only (the first second after each change skipped); false: fewer than 3 levels had steady seconds, so every second counts, ramp included (rough)',
        ),
      points: z.array(z.object({ concurrency: z.number(), throughput: z.number().describe("req/s, mean over the level's seconds") })),
    })
    .nullable()
    .describe("the (concurrency, throughput) levels read from the load test's history (loadtest or loadtests only); what was fitted"),
  little: z.object({ concurrency: z.number(), throughput: QuantitySchema, latency: QuantitySchema, solved_for: z.string() }).nullable(),
  notes: z.array(z.string()),
});

export const capacityFitTool = defineTool({
  name: 'capacity_fit',
  title: "Capacity: USL fit and Little's law",
  description: `Fit the Universal Scalability Law X(N) = λN / (1 + σ(N−1) + κN(N−1)) to measured (concurrency, throughput) points or to a load test's user-count history (Locust _stats_history.csv, k6 --out json/csv with vus points, JMeter JTL with allThreads), by least squares: returns σ (contention), κ (coherency), λ, the peak concurrency N* = √((1−σ)/κ), the maximum throughput, R², projections for the capacity table, the knee (half of linear scaling) and the fitted curve sampled for a chart. From a load test it also returns the levels it read (steady seconds, else ramp seconds included, said in a note); a history with fewer than 3 levels gives those levels and no fit.
Also solves Little's law (concurrency = throughput × time in system) from any two of the three. Needs at least 3 distinct concurrency levels; a low R² means the model does not explain the data — say so rather than trust the projection.`,
  group: 'analyse',
  input,
  output,
  async handle({ sandbox, signal }, params) {
    if (!params.points && !params.loadtest && !params.loadtests && !params.little) throw new UserInputError('give points, loadtest, loadtests or little');
    const notes: string[] = [];
    let usl = null;
    let levels: { source: string; steady: boolean; points: { concurrency: number; throughput: number }[] } | null = null;
    let source = 'capacity_fit: USL least squares on the given points';
    let pts: Point[] | null = params.points ? params.points.map((p) => ({ n: p.concurrency, x: p.throughput })) : null;
    const loadtest = params.loadtests ?? (params.loadtest ? [params.loadtest] : null);
    if (loadtest) {
      const files = await resolveFiles(sandbox, loadtest);
      const { analyseLoadTests } = await loadTestAnalyser();
      const results = await analyseLoadTests(await loadTestInputs(sandbox, files), { signal });
      const history = results.find((r) => r.history.length > 0)?.history;
      if (!history)
        throw new UserInputError(
          `${files[0]!.rel} has no user-count history: give a Locust _stats_history.csv (run with --csv-full-history), a k6 --out json/csv file, a JMeter JTL with allThreads, or points`,
        );
      const read = levelsFromHistory(history);
      const from = files.map((f) => f.rel).join(', ');
      pts = read.points;
      source = `capacity_fit: USL least squares on ${from}`;
      levels = { source: from, steady: read.steady, points: pts.map((p) => ({ concurrency: p.n, throughput: significant(p.x, 6) })) };
      notes.push(
        read.steady
          ? `${pts.length} concurrency levels from the history; throughput per level is the mean over its seconds, the first second after each change skipped`
          : `${from} holds fewer than 3 steady user levels; the fit includes the ramp seconds (one 1-second sample per level while users were spawned), so it is rough`,
      );
      if (new Set(pts.map((p) => p.n)).size < 3) {
        notes.push(`${pts.length} concurrency level(s) in the history: a USL fit needs at least 3 distinct levels, so there is no fit`);
        pts = null;
      }
    }
    if (pts) {
      const fit = fitUsl(pts, params.project_at);
      const maxN = Math.max(...pts.map((p) => p.n));
      if (fit.peak_concurrency !== null && fit.peak_concurrency > 4 * maxN)
        notes.push(`N* (${showNumber(fit.peak_concurrency, 4)}) is far beyond the largest measured concurrency (${maxN}): an extrapolation`);
      if (fit.r_squared < 0.9) notes.push(`R² = ${showNumber(fit.r_squared, 4)}: the USL explains the data poorly; treat the projections as rough`);
      usl = {
        sigma: significant(fit.sigma, 6),
        kappa: significant(fit.kappa, 6),
        lambda: significant(fit.lambda, 6),
        peak_concurrency: fit.peak_concurrency === null ? null : computed(significant(fit.peak_concurrency, 6), 'users', `${source}: √((1−σ)/κ)`),
        max_throughput: computed(significant(fit.max_throughput, 6), 'req/s', `${source}: X(N*)`),
        r_squared: significant(fit.r_squared, 6),
        points: pts.map((p) => ({ concurrency: p.n, throughput: significant(p.x, 6) })),
        projections: fit.projections.map((p) => ({ concurrency: p.n, throughput: computed(significant(p.x, 6), 'req/s', `${source}: X(${p.n})`) })),
        knee: null as number | null,
        curve: [] as { concurrency: number; throughput: number }[],
      };
      const knee = uslKnee(usl.sigma, usl.kappa);
      usl.knee = knee === null ? null : significant(knee, 6);
      usl.curve = uslCurve({ sigma: usl.sigma, kappa: usl.kappa, lambda: usl.lambda }, maxN, usl.peak_concurrency?.value ?? null).map((p) => ({
        concurrency: significant(p.n, 6),
        throughput: significant(p.x, 6),
      }));
    }
    let little = null;
    if (params.little) {
      const l = littlesLaw({
        throughput: params.little.throughput,
        latencySeconds: params.little.latency_ms === undefined ? undefined : params.little.latency_ms / 1000,
        concurrency: params.little.concurrency,
      });
      const from = "capacity_fit: Little's law L = λW";
      little = {
        concurrency: significant(l.concurrency, 9),
        throughput: computed(significant(l.throughput, 9), 'req/s', from),
        latency: computed(significant(l.latency_seconds * 1000, 9), 'ms', from),
        solved_for: l.solved_for,
      };
    }
    const text: string[] = [];
    if (usl) {
      text.push(
        `USL fit on ${usl.points.length} points: σ=${showNumber(usl.sigma, 4)} κ=${showNumber(usl.kappa, 4)} λ=${showNumber(usl.lambda, 4)} req/s, R²=${showNumber(usl.r_squared, 4)}`,
        `peak concurrency N*=${usl.peak_concurrency ? showNumber(usl.peak_concurrency.value, 4) : '∞ (κ=0)'}; max throughput ${showNumber(usl.max_throughput.value, 4)} req/s`,
        `projections: ${usl.projections.map((p) => `N=${p.concurrency}: ${showNumber(p.throughput.value, 4)}`).join(', ')}`,
      );
    }
    if (little)
      text.push(
        `Little's law (${little.solved_for}): L=${showNumber(little.concurrency, 4)} = ${showNumber(little.throughput.value, 4)} req/s × ${showNumber(little.latency.value, 4)} ms`,
      );
    text.push(...notes.map((n) => `note: ${n}`));
    if (levels && !usl)
      text.push(`levels read from ${levels.source}: ${levels.points.map((p) => `N=${p.concurrency}: ${showNumber(p.throughput, 4)} req/s`).join(', ')}`);
    return { data: { usl, little, levels, notes }, text: text.join('\n') };
  },
});
