import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';
import { findQuantities } from './text.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const of = async (md: string) => (await validateReport(md)).violations.filter((v) => v.rule === 'percent-change-mismatch');

describe('% change', () => {
  it('accepts changes within a point of the two numbers', async () => {
    expect(await of(en)).toEqual([]);
    expect(await of(fr)).toEqual([]);
  });

  it('flags a before/after block whose % disagrees', async () => {
    const md = edit(fr, 'Latence attendue : 300 ms (-29%)', 'Latence attendue : 300 ms (-50%)');
    const v = await of(md);
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, 'Latence attendue : 300 ms'));
    expect(v[0]?.message).toContain('-29%');
  });

  it('flags a wrong throughput change, in seconds-free units', async () => {
    const md = edit(en, 'Expected throughput: 700 req/s (+100%)', 'Expected throughput: 700 req/s (+50%)');
    expect(await of(md)).toHaveLength(1);
  });

  it('pairs the Latency lines, not numbers in the wording of the problem', async () => {
    const block = [
      '## Phase 5: Implementation Recommendations',
      '',
      '#### Optimisation: Batch the item lookups',
      '',
      '```',
      '// BEFORE: 51 round trips of 4 ms each per order',
      '// Latency: 350 ms, Throughput: 120 req/s',
      'old()',
      '// AFTER: one query with IN (...)',
      '// Expected latency: 200 ms (-43%), Expected throughput: 210 req/s (+75%)',
      'new()',
      '```',
    ].join('\n');
    expect(await of(block)).toEqual([]);
    expect(await of(block.replace('(-43%)', '(-60%)'))).toHaveLength(1);
  });

  it('checks "from A to B (P%)" in prose and cells', async () => {
    const good = `${en}\nThe P95 went from 420 ms to 120 ms (-71%).\n`;
    expect(await of(good)).toEqual([]);
    const bad = `${fr}\nLe P95 passe de 420 ms à 1.2 s (+20%).\n`;
    expect((await of(bad)).map((v) => v.line)).toEqual([lineOf(bad, 'Le P95 passe')]);
  });

  it('checks Before/After/Change columns', async () => {
    const table = '| Metric | Before | After | Change |\n|---|---|---|---|\n| P95 | 400 ms | 300 ms | -25% |\n| P99 | 1 s | 600 ms | -20% |\n';
    const md = `${en}\n${table}`;
    expect((await of(md)).map((v) => v.line)).toEqual([lineOf(md, '| P99 | 1 s')]);
  });
});

describe('numbers as written', () => {
  it('reads grouped thousands and decimal commas', async () => {
    const values = (t: string) => findQuantities(t).map((q) => `${q.value} ${q.unit}`);
    expect(values('1,200 req/s, 1 800 req/s, 0,5 %, 1,25 s, -43%')).toEqual(['1200 req/s', '1800 req/s', '0.5 %', '1.25 s', '-43 %']);
    const md = `${en}\nThroughput went from 950 req/s to 1,200 req/s (+26%).\n`;
    expect(await of(md)).toEqual([]);
  });
});

describe("the seed's before/after template (shared/seed/ace-SKILL.md)", () => {
  // The seed: "// Latence : Xms, Throughput : X req/s" then
  // "// Latence attendue : Xms (-Y%), Throughput attendu : X req/s (+Y%)", and "-150ms P95 soit -43%".
  const block = (after: string) =>
    [
      '## Phase 5 : Implementation Recommandations',
      '',
      '#### Optimisation : Index sur orders.customer_id',
      '',
      '```',
      '// AVANT : scan complet de la table orders',
      '// Latence actuelle : 840 ms P95, Throughput : 120 req/s',
      'old()',
      '',
      '// APRES : index sur customer_id',
      `// ${after}`,
      'new()',
      '```',
    ].join('\n');

  it.each([
    'Latence attendue : 320 ms P95 (-62 %), Throughput attendu : 210 req/s (+75 %)',
    'Latence attendue : 320 ms p95 (-62%)',
    'Latence attendue : 320 ms p(95), soit -62 %',
    'Latence attendue : 320 ms P95 (i.e. -62%)',
    'Latence attendue : 320 ms P95, c.-à-d. -62 %',
    'Expected latency: 320 ms P95, that is -62%',
    'Latence attendue : 320 ms médiane (-62 %)',
  ])('accepts a right change: %s', async (after) => {
    expect(await of(block(after))).toEqual([]);
  });

  it.each([
    ['Latence attendue : 320 ms P95 (-30 %)', '-30% but the two numbers give -62%'],
    ['Latence attendue : 320 ms p(99) (-30%)', '-30% but'],
    ['Latence attendue : 320 ms P99.9 (-30%)', '-30% but'],
    ['Latence attendue : 320 ms avg (-30%)', '-30% but'],
    ['Latence attendue : 320 ms mean, i.e. -30%', '-30% but'],
    ['Latence attendue : 320 ms P95, soit -30 %', '-30% but'],
    ['Expected latency: 320 ms median, that is -30%', '-30% but'],
    ['Latence attendue : 320 ms P95 (-62 %), Throughput attendu : 210 req/s (+30 %)', '+30% but the two numbers give +75%'],
  ])('catches a wrong change: %s', async (after, message) => {
    const md = block(after);
    const v = await of(md);
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, after));
    expect(v[0]?.message).toContain(message);
  });

  it('checks "de A P95 à B P95 soit P%" in a sentence', async () => {
    expect(await of(`${fr}\nLe P95 passe de 350 ms P95 à 200 ms P95 soit -43 %.\n`)).toEqual([]);
    expect(await of(`${fr}\nLe P95 passe de 350 ms P95 à 200 ms P95 soit -20 %.\n`)).toHaveLength(1);
  });
});
