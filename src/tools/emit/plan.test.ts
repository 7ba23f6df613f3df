import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const est = { kind: 'estimate', basis: 'benchmark on staging' };
const row = (optimisation: string, priority: string, category: string) => ({
  optimisation,
  layer: 'database',
  effort: { value: 5, unit: 'min', source: est },
  latencyImpact: { value: -80, unit: 'ms', source: est },
  latencyMetric: 'P95',
  throughputImpact: { value: 30, unit: '%', source: est },
  priority,
  category,
});

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
  await ace.call('start_report', { language: 'fr', target: 'shop-api' });
});
afterAll(async () => ace.close());

describe('emit_optimisation_plan', () => {
  it('numbers the rows and renders the impacts as signed quantities', async () => {
    const result = await ace.call('emit_optimisation_plan', {
      rows: [row('Index sur users.email', 'P0', 'quick_win'), { ...row('Refactor N+1', 'P1', 'refactoring'), throughputImpact: null }],
    });
    expect(result.isError).toBeFalsy();
    expect(ace.text(result)).toContain('| # | Optimisation | Couche | Effort | Impact Latence | Impact Throughput | Priorite |');
    expect(ace.text(result)).toContain('| 1 | Index sur users.email | Base de donnees | 5 min[^1] | -80 ms[^1] P95 | +30%[^1] | P0 Quick Win |');
    expect(ace.text(result)).toContain('| 2 | Refactor N+1 | Base de donnees | 5 min[^1] | -80 ms[^1] P95 | N/A | P1 |');
  });

  it('refuses priorities out of order, naming the row', async () => {
    const result = await ace.call('emit_optimisation_plan', { rows: [row('A', 'P1', 'refactoring'), row('B', 'P0', 'quick_win')] });
    expect(result.isError).toBe(true);
    expect(ace.text(result)).toMatch(/row 2 \(B\): priorities out of order: P0 comes after P1/);
  });

  it('keeps quick wins before refactoring before micro-optimisations', async () => {
    const p0 = await ace.call('emit_optimisation_plan', { rows: [row('A', 'P0', 'refactoring')] });
    expect(ace.text(p0)).toMatch(/row 1 \(A\): P0 is for measurable quick wins/);
    const order = await ace.call('emit_optimisation_plan', { rows: [row('A', 'P1', 'micro'), row('B', 'P1', 'quick_win')] });
    expect(ace.text(order)).toMatch(/row 2 \(B\): within P1, a quick_win comes after a micro/);
  });

  it('needs at least one quantified impact', async () => {
    const result = await ace.call('emit_optimisation_plan', { rows: [{ ...row('A', 'P0', 'quick_win'), latencyImpact: null, throughputImpact: null }] });
    expect(ace.text(result)).toMatch(/row 1 \(A\): give a latency or a throughput impact/);
  });
});
