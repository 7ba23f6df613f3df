import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../../test/support/client.js';
import { PHASE_HEADINGS, TABLES } from '../../report/headings.js';

const FIXTURE = fileURLToPath(new URL('../../../test/fixtures/shop-api', import.meta.url));
const slos = (objective: number) => ({ rows: [{ service: 'API', sli: 'Availability', objective }] });

let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(FIXTURE);
});
afterAll(async () => ace.close());

describe('start_report', () => {
  it('sets the language, or detects it from the target, else English', async () => {
    const fr = await ace.call('start_report', { target: "l'API des commandes est trop lente pour les clients" });
    expect(fr.structuredContent).toEqual({ language: 'fr', target: "l'API des commandes est trop lente pour les clients", detected: true });
    const en = await ace.call('start_report', { target: 'the orders API is too slow for our customers' });
    expect((en.structuredContent as { language: string }).language).toBe('en');
    const path = await ace.call('start_report', { target: 'src/api' });
    expect((path.structuredContent as { language: string }).language).toBe('en');
    const explicit = await ace.call('start_report', { language: 'fr', target: 'src/api' });
    expect(explicit.structuredContent).toMatchObject({ language: 'fr', detected: false });
  });

  it('forgets the tables of an earlier report', async () => {
    await ace.call('emit_slos', slos(99.9));
    await ace.call('start_report', { language: 'en', target: 'src/api' });
    expect(ace.session.tables.size).toBe(0);
  });
});

describe('assemble_report', () => {
  it('lays out the seven phases in order with a marker for every table not emitted', async () => {
    await ace.call('start_report', { language: 'en', target: 'src/api' });
    await ace.call('emit_slos', slos(99.9));
    const result = await ace.call('assemble_report', {});
    expect(result.isError).toBeFalsy();
    const { markdown, emitted, missing } = result.structuredContent as { markdown: string; emitted: string[]; missing: string[] };
    expect(markdown.startsWith('# Performance report: src/api\n')).toBe(true);
    const positions = Object.values(PHASE_HEADINGS).map((h) => markdown.indexOf(`${h.en}\n`));
    expect(positions.every((p) => p > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(emitted).toEqual(['slos']);
    expect(missing).toHaveLength(TABLES.length - 1);
    expect(markdown).toContain('### Current metrics\n\n> **Not emitted**: this table was not produced (call `emit_current_metrics`).');
    expect(markdown).toContain('### Recommended SLOs\n\n| Service | SLI | SLO | Error Budget |');
  });

  it('keeps the last emission of a table and numbers footnotes across the report', async () => {
    await ace.call('start_report', { language: 'fr', target: 'src/api' });
    await ace.call('emit_slos', slos(99.9));
    await ace.call('emit_slos', slos(99.5));
    await ace.call('emit_cost_tradeoffs', {
      rows: [
        {
          option: 'A',
          monthlyCostDelta: { value: 10, unit: '$/month', source: { kind: 'estimate', basis: 'tarif public' } },
          effect: { value: -5, unit: 'ms', source: { kind: 'estimate', basis: 'mesure staging' } },
          effectMetric: 'P95',
        },
      ],
    });
    const { markdown } = (await ace.call('assemble_report', { title: 'Rapport' })).structuredContent as { markdown: string };
    expect(markdown.startsWith('# Rapport\n\n## Phase 1 : Baseline & Metriques Actuelles')).toBe(true);
    expect(markdown).toContain('| API | Availability | 99.5% | 0.5%[^1] hors budget/mois |');
    expect(markdown).not.toContain('99.9%');
    expect(markdown).toContain('| A | +10 $/mois[^2] | -5 ms[^3] P95 |');
    expect(markdown).toContain('> **Non emis**');
  });

  it('lists the report tools after the emit tools, emit tools in phase order', async () => {
    const names = (await ace.client.listTools()).tools.map((t) => t.name);
    const emit = names.filter((n) => n.startsWith('emit_'));
    expect(emit).toEqual(TABLES.map((t) => `emit_${t.id}`));
    expect(names.indexOf('start_report')).toBeGreaterThan(names.indexOf('emit_slo_dashboard'));
    expect(names.indexOf('assemble_report')).toBe(names.indexOf('start_report') + 1);
  });
});
