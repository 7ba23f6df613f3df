/**
 * The scripted model of the headless tests: a realistic session on test/fixtures/shop-api
 * (start, look around, one failing read, the fourteen emit calls of the golden example,
 * assemble, validate, a closing summary). Each step checks the tool results it was sent.
 */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { shopApiCalls } from '../golden/shop-api-example.js';
import { type MessagesRequest, type Step, reply } from '../support/scripted-api/index.js';

export const SHOP_API = fileURLToPath(new URL('../fixtures/shop-api', import.meta.url));
export const TARGET = 'shop-api';

/** Every tool result of the request's last user message succeeded. */
export function expectNoToolErrors(req: MessagesRequest): void {
  const failed = req.toolResults().filter((r) => r.is_error);
  expect(failed.map((r) => r.text)).toEqual([]);
}

const call = ([name, input]: [string, Record<string, unknown>]) => ({ name, input });

/** The whole session, step by step: 9 model turns. */
export function fullRun(): Step[] {
  const emits = shopApiCalls('en').map(call);
  return [
    () =>
      reply.toolUse(
        [
          { name: 'start_report', input: { language: 'en', target: TARGET } },
          { name: 'glob', input: { pattern: '**/*' } },
        ],
        { text: 'Starting with the baseline: what does the project hold?' },
      ),
    (req) => {
      expectNoToolErrors(req);
      expect(req.toolResults()[1]?.text).toContain('results/k6-baseline.json');
      return reply.toolUse([
        { name: 'read', input: { path: 'src/server.js' } },
        { name: 'read', input: { path: 'results/k6-baseline.json' } },
        { name: 'loadtest_summary', input: { paths: ['results/k6-baseline.json'] } },
        { name: 'slo_math', input: { slo: 99.9, loadtest: 'results/k6-baseline.json' } },
      ]);
    },
    (req) => {
      expectNoToolErrors(req);
      // A path that does not exist: the tool error must come back to the model, not end the run.
      return reply.toolUse({ name: 'read', input: { path: 'src/cache.js' } });
    },
    (req) => {
      const [result] = req.toolResults();
      expect(result?.is_error).toBe(true);
      return reply.toolUse(emits.slice(0, 4), { text: 'No cache layer. Phase 1 and 2 tables.' });
    },
    (req) => {
      expectNoToolErrors(req);
      return reply.toolUse(emits.slice(4, 8));
    },
    (req) => {
      expectNoToolErrors(req);
      return reply.toolUse(emits.slice(8));
    },
    (req) => {
      expectNoToolErrors(req);
      return reply.toolUse({ name: 'assemble_report', input: {} });
    },
    (req) => {
      expectNoToolErrors(req);
      const markdown = req.toolResults()[0]!.text;
      return reply.toolUse({ name: 'validate_report', input: { markdown } });
    },
    (req) => {
      expectNoToolErrors(req);
      expect(req.toolResults()[0]?.text).toMatch(/^ok: the report passes/);
      return reply.text('The report validates. Main bottleneck: N+1 queries on /api/products.');
    },
  ];
}
