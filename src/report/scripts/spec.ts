/**
 * One load-test spec, rendered as a k6 script, a Locust locustfile and a Gatling simulation:
 * scenarios (k6 executors with stages), weighted endpoints with checks, thresholds, base URL.
 */
import { z } from 'zod';
import { durationSeconds, K6_DURATION } from './duration.js';

const Identifier = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'lower-case identifier: letters, digits, _');
export const K6Duration = z.string().regex(K6_DURATION, 'k6 duration such as "30s", "2m", "1h30m"');

const Stage = z.strictObject({ duration: K6Duration, target: z.number().int().min(0).max(1_000_000) });
export type Stage = z.infer<typeof Stage>;

export const SCENARIO_KINDS = ['smoke', 'load', 'stress', 'spike', 'soak'] as const;

const common = {
  name: Identifier.describe('Scenario name, e.g. "load"'),
  kind: z.enum(SCENARIO_KINDS).optional().describe('Which row of the test scenarios table it implements'),
  startTime: K6Duration.optional().describe('Offset from the test start (k6 runs scenarios in parallel otherwise)'),
};
const Vus = z.number().int().min(1).max(1_000_000);

export const ScenarioSchema = z.discriminatedUnion('executor', [
  z.strictObject({ ...common, executor: z.literal('constant-vus'), vus: Vus, duration: K6Duration }),
  z.strictObject({ ...common, executor: z.literal('ramping-vus'), startVUs: z.number().int().min(0).default(0), stages: z.array(Stage).min(1).max(30) }),
  z.strictObject({
    ...common,
    executor: z.literal('constant-arrival-rate'),
    rate: z.number().int().min(1),
    timeUnit: K6Duration.default('1s'),
    duration: K6Duration,
    preAllocatedVUs: Vus,
    maxVUs: Vus.optional(),
  }),
  z.strictObject({
    ...common,
    executor: z.literal('ramping-arrival-rate'),
    startRate: z.number().int().min(0).default(0),
    timeUnit: K6Duration.default('1s'),
    preAllocatedVUs: Vus,
    maxVUs: Vus.optional(),
    stages: z.array(Stage).min(1).max(30),
  }),
]);
export type Scenario = z.output<typeof ScenarioSchema>;

export const EndpointSchema = z.strictObject({
  name: Identifier.describe('Used for the request tag and the function name'),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
  path: z.string().regex(/^\/[^\s`$\\]*$/, 'a path starting with "/", no spaces, backticks, $ or backslashes'),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]+$/), z.string().max(500)).optional(),
  body: z.json().optional().describe('JSON body, sent with Content-Type: application/json'),
  weight: z.number().int().min(1).max(100).default(1).describe('Relative share of iterations'),
  expectStatus: z.number().int().min(100).max(599).default(200),
  maxDurationMs: z.number().positive().optional().describe('Adds a check on the response time'),
});
export type Endpoint = z.output<typeof EndpointSchema>;

export const ThresholdSchema = z.strictObject({
  metric: z.string().min(1).max(120).describe('k6 metric, optionally with tags: "http_req_duration{name:products}"'),
  type: z.enum(['trend', 'rate', 'counter', 'gauge']).optional().describe('Only for custom metrics'),
  expressions: z
    .array(z.union([z.string(), z.strictObject({ threshold: z.string(), abortOnFail: z.boolean(), delayAbortEval: K6Duration.optional() })]))
    .min(1)
    .max(10)
    .describe('k6 expressions: "p(95)<200", "rate<0.01", or {threshold, abortOnFail, delayAbortEval}'),
});
export type Threshold = z.output<typeof ThresholdSchema>;

export const LoadTestSpecSchema = z.strictObject({
  baseUrl: z.url().describe('Default base URL; the scripts read BASE_URL from the environment first'),
  scenarios: z.array(ScenarioSchema).min(1).max(10),
  endpoints: z.array(EndpointSchema).min(1).max(30),
  thresholds: z.array(ThresholdSchema).min(1).max(30),
  thinkTimeSeconds: z.number().min(0).max(60).default(1),
});
export type LoadTestSpec = z.output<typeof LoadTestSpecSchema>;

/** Peak virtual users of a VU-driven scenario (undefined for arrival-rate executors). */
export function peakUsers(s: Scenario): number | undefined {
  switch (s.executor) {
    case 'constant-vus':
      return s.vus;
    case 'ramping-vus':
      return Math.max(s.startVUs, ...s.stages.map((st) => st.target));
    default:
      return undefined;
  }
}

/** Total duration of a scenario, in seconds. */
export function scenarioSeconds(s: Scenario): number {
  return 'stages' in s ? s.stages.reduce((t, st) => t + durationSeconds(st.duration), 0) : durationSeconds(s.duration);
}

/** The stages a scenario amounts to, for tools without executors (Locust shapes, Gatling). */
export function asStages(s: Scenario): { startVUs: number; stages: Stage[] } {
  switch (s.executor) {
    case 'constant-vus':
      return { startVUs: s.vus, stages: [{ duration: s.duration, target: s.vus }] };
    case 'ramping-vus':
      return { startVUs: s.startVUs, stages: s.stages };
    case 'constant-arrival-rate':
      return { startVUs: s.preAllocatedVUs, stages: [{ duration: s.duration, target: s.preAllocatedVUs }] };
    case 'ramping-arrival-rate':
      return { startVUs: s.preAllocatedVUs, stages: s.stages.map((st) => ({ duration: st.duration, target: s.maxVUs ?? s.preAllocatedVUs })) };
  }
}
