import { z } from 'zod';
import { computed, type Quantity } from '../../analysers/quantity.js';
import { sloMath } from '../../report/slo-math.js';
import { UserInputError } from '../../errors.js';
import { QuantitySchema } from '../../report/quantity.js';
import { defineTool } from '../define.js';
import { loadTestAnalyser } from './load.js';
import { loadTestInputs, resolveFiles } from './shared.js';
import { showNumber, significant } from '../../numbers.js';

const input = z.object({
  slo: z.number().gt(0).lt(100).describe('Objective, as a percentage (99.9) or a fraction (0.999).'),
  window_days: z.number().positive().max(366).optional().describe('SLO window in days (default 30).'),
  error_rate_percent: z.number().min(0).max(100).optional().describe('Observed error rate in % of requests. Give this or loadtest.'),
  loadtest: z
    .string()
    .optional()
    .describe('A load-test result file: its overall error rate, throughput and duration are used (see loadtest_summary for formats).'),
  observed_hours: z
    .number()
    .positive()
    .optional()
    .describe("How long that error rate was observed, to report budget consumed and time left. Defaults to the load test's duration when loadtest is given."),
  requests_per_second: z.number().positive().optional().describe("Traffic, to express the budget in requests. Defaults to the load test's throughput."),
});

const Q = QuantitySchema;
const output = z.object({
  slo_percent: z.number(),
  window_days: z.number(),
  error_rate: Q,
  error_budget: Q.describe('1 − SLO, in %'),
  error_budget_time: Q.describe('the budget as downtime over the window, in min'),
  error_budget_requests: Q.nullable().describe('the budget as failed requests over the window, at the given traffic'),
  burn_rate: Q.describe('error rate / budget, x (1 = spends exactly the budget over the window)'),
  time_to_exhaustion: Q.nullable().describe('hours for a full budget to be spent at this burn rate; null when nothing burns'),
  budget_consumed: Q.nullable().describe('share of the budget spent during observed_hours, in %'),
  time_left: Q.nullable().describe('hours until the rest of the budget is gone at this burn rate'),
  verdict: z.enum(['within budget', 'burning faster than sustainable', 'budget exhausted']),
});

export const sloMathTool = defineTool({
  name: 'slo_math',
  title: 'Error budget and burn rate',
  description: `Compute an SLO's error budget (as %, minutes of downtime and requests over the window), the burn rate of an observed error rate, and the time to budget exhaustion (SRE Workbook arithmetic).
Give the error rate directly (error_rate_percent) or a load-test result file (loadtest) whose overall error rate, throughput and duration are read exactly. Every figure comes back as a quantity with its source; 14.4x over 1 h, 6x over 6 h, 3x over 1 d and 1x over 3 d are the Workbook's alerting thresholds (see slo_alert_rules).`,
  group: 'analyse',
  input,
  output,
  async handle({ sandbox, signal }, params) {
    if ((params.error_rate_percent === undefined) === (params.loadtest === undefined)) {
      throw new UserInputError('give exactly one of error_rate_percent or loadtest');
    }
    let errorRate: Quantity;
    let observedHours = params.observed_hours;
    let rps = params.requests_per_second;
    if (params.loadtest !== undefined) {
      const files = await resolveFiles(sandbox, [params.loadtest]);
      const { analyseLoadTests } = await loadTestAnalyser();
      const results = await analyseLoadTests(await loadTestInputs(sandbox, files), { signal });
      const overall = results[0]!.overall;
      errorRate = overall.error_rate;
      if (observedHours === undefined && overall.duration) observedHours = overall.duration.value / 3600;
      if (rps === undefined && overall.throughput) rps = overall.throughput.value;
    } else {
      errorRate = { value: params.error_rate_percent!, unit: '%', source: { kind: 'estimate', basis: 'error rate given by the caller' } };
    }
    const m = sloMath({ slo: params.slo, windowDays: params.window_days ?? 30, errorRatio: errorRate.value / 100, observedHours, requestsPerSecond: rps });
    const from = (what: string) => `slo_math: ${what}`;
    const sloPct = significant(m.slo * 100, 12);
    const data = {
      slo_percent: sloPct,
      window_days: m.window_days,
      error_rate: errorRate,
      error_budget: computed(significant(m.error_budget_ratio * 100, 12), '%', from(`100 − ${sloPct}`)),
      error_budget_time: computed(significant(m.error_budget_minutes, 9), 'min', from(`budget × ${m.window_days} d`)),
      error_budget_requests:
        m.error_budget_requests === null
          ? null
          : computed(Math.round(m.error_budget_requests), 'count', from(`budget × ${showNumber(rps, 4)} req/s × ${m.window_days} d`)),
      burn_rate: computed(significant(m.burn_rate, 9), 'x', from('error rate / budget')),
      time_to_exhaustion: m.hours_to_exhaustion === null ? null : computed(significant(m.hours_to_exhaustion, 9), 'h', from('window / burn rate')),
      budget_consumed:
        m.budget_consumed_ratio === null
          ? null
          : computed(significant(m.budget_consumed_ratio * 100, 9), '%', from(`burn rate × ${showNumber(observedHours, 4)} h / window`)),
      time_left:
        m.hours_to_exhaustion_from_now === null
          ? null
          : computed(significant(m.hours_to_exhaustion_from_now, 9), 'h', from('remaining budget × window / burn rate')),
      verdict: m.verdict,
    };
    const text = [
      `SLO ${sloPct}% over ${m.window_days} d: budget ${showNumber(data.error_budget.value, 4)}% = ${showNumber(data.error_budget_time.value, 4)} min${data.error_budget_requests ? ` = ${data.error_budget_requests.value} requests` : ''}`,
      `error rate ${showNumber(errorRate.value, 4)}% → burn rate ${showNumber(m.burn_rate, 4)}x; full budget gone in ${m.hours_to_exhaustion === null ? 'never' : `${showNumber(m.hours_to_exhaustion, 4)} h`}`,
      data.budget_consumed
        ? `consumed in ${showNumber(observedHours, 4)} h: ${showNumber(data.budget_consumed.value, 4)}%; time left ${data.time_left ? `${showNumber(data.time_left.value, 4)} h` : 'unbounded'}`
        : '',
      `verdict: ${m.verdict}`,
    ].filter(Boolean);
    return { data, text: text.join('\n') };
  },
});
