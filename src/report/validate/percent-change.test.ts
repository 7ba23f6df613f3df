import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';
import { findQuantities } from './text.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const of = (md: string) => validateReport(md).violations.filter((v) => v.rule === 'percent-change-mismatch');

describe('% change', () => {
  it('accepts changes within a point of the two numbers', () => {
    expect(of(en)).toEqual([]);
    expect(of(fr)).toEqual([]);
  });

  it('flags a before/after block whose % disagrees', () => {
    const md = edit(fr, 'Latence attendue : 300 ms (-29%)', 'Latence attendue : 300 ms (-50%)');
    const v = of(md);
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, 'Latence attendue : 300 ms'));
    expect(v[0]?.message).toContain('-29%');
  });

  it('flags a wrong throughput change, in seconds-free units', () => {
    const md = edit(en, 'Expected throughput: 700 req/s (+100%)', 'Expected throughput: 700 req/s (+50%)');
    expect(of(md)).toHaveLength(1);
  });

  it('pairs the Latency lines, not numbers in the wording of the problem', () => {
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
    expect(of(block)).toEqual([]);
    expect(of(block.replace('(-43%)', '(-60%)'))).toHaveLength(1);
  });

  it('checks "from A to B (P%)" in prose and cells', () => {
    const good = `${en}\nThe P95 went from 420 ms to 120 ms (-71%).\n`;
    expect(of(good)).toEqual([]);
    const bad = `${fr}\nLe P95 passe de 420 ms à 1.2 s (+20%).\n`;
    expect(of(bad).map((v) => v.line)).toEqual([lineOf(bad, 'Le P95 passe')]);
  });

  it('checks Before/After/Change columns', () => {
    const table = '| Metric | Before | After | Change |\n|---|---|---|---|\n| P95 | 400 ms | 300 ms | -25% |\n| P99 | 1 s | 600 ms | -20% |\n';
    const md = `${en}\n${table}`;
    expect(of(md).map((v) => v.line)).toEqual([lineOf(md, '| P99 | 1 s')]);
  });
});

describe('numbers as written', () => {
  it('reads grouped thousands and decimal commas', () => {
    const values = (t: string) => findQuantities(t).map((q) => `${q.value} ${q.unit}`);
    expect(values('1,200 req/s, 1 800 req/s, 0,5 %, 1,25 s, -43%')).toEqual(['1200 req/s', '1800 req/s', '0.5 %', '1.25 s', '-43 %']);
    const md = `${en}\nThroughput went from 950 req/s to 1,200 req/s (+26%).\n`;
    expect(of(md)).toEqual([]);
  });
});
