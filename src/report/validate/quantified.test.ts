import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';
import { findPlaceholders, isUnitOnlyCell } from './text.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const of = async (md: string, rule: string) => (await validateReport(md)).violations.filter((v) => v.rule === rule);

describe('unquantified comparatives', () => {
  it.each([
    ['fr', fr, 'Le cache rend la page produit plus rapide pour les clients.'],
    ['fr', fr, 'Le cache réduit la latence de la page produit.'],
    ['fr', fr, 'Le cache reduit la latence de la page produit.'],
    ['fr', fr, 'Cette optimisation améliore nettement le temps de réponse.'],
    ['en', en, 'Caching makes the product page faster for customers.'],
    ['en', en, 'The cache reduces the latency of the product page.'],
    ['en', en, 'This change improves response time and gives lower latency.'],
  ])('flags a %s sentence with a comparative and no number: %s', async (_, clean, sentence) => {
    const md = `${clean}\n${sentence}\n`;
    const v = await of(md, 'unquantified-comparative');
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, sentence));
  });

  it('accepts a comparative with its number and unit', async () => {
    const md = `${fr}\nLe cache réduit la latence P95 de 150 ms, soit -43%.\n\nThe page is 3x faster.\n`;
    expect(await of(md, 'unquantified-comparative')).toEqual([]);
  });

  it('flags a table row whose cells hold a comparative and no number', async () => {
    const md = edit(
      en,
      '| Business | Active users, transactions/min | Custom metrics |',
      '| Business | Active users, transactions/min | Custom metrics, better visibility |',
    );
    const v = await of(md, 'unquantified-comparative');
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, '| Business |'));
  });

  it('ignores comparatives inside code', async () => {
    expect(await of(`${en}\nRun \`make faster-build\` first: it takes 2 min.\n`, 'unquantified-comparative')).toEqual([]);
  });
});

describe('placeholders', () => {
  const seed = fixture('seed-tables.md');

  it("reports the seed's own example tables as unquantified", async () => {
    const found = await of(seed, 'unquantified-placeholder');
    // Every row of the seed's metrics table is a unit without a number ("ms", "<%", "MB/GB").
    for (const label of ['| Latence P50 |', '| Throughput |', '| Memory usage |', '| Cold start time |']) {
      expect(found.map((v) => v.line)).toContain(lineOf(seed, label));
    }
    // Load projections: "X", "X GB", "$X".
    expect(found.map((v) => v.line)).toContain(lineOf(seed, '| Actuel | X |'));
    // Before/after comments: "Xms", "-Y%".
    expect(found.some((v) => v.message.includes('"Xms"'))).toBe(true);
    expect(found.some((v) => v.message.includes('"-Y%"'))).toBe(true);
    // Trade-offs and SLO dashboard bullets: "$X", "X days".
    expect(found.some((v) => v.message.includes('"$X"'))).toBe(true);
    expect(found.some((v) => v.message.includes('"X days"'))).toBe(true);
    expect((await validateReport(seed)).ok).toBe(false);
  });

  it('flags a single placeholder cell in a clean report', async () => {
    const md = edit(en, '| Latency P95 | 420 ms[^1] | 200 ms |', '| Latency P95 | X ms | 200 ms |');
    expect((await of(md, 'unquantified-placeholder')).map((v) => v.line)).toEqual([lineOf(md, '| Latency P95 |')]);
  });

  it('does not take N/A or counts for placeholders', async () => {
    expect(await of(en, 'unquantified-placeholder')).toEqual([]);
  });
});

describe('unit-only cells', () => {
  it.each(['ms', '<%', 'MB/GB', '<MB/GB', 'req/s', 's', '<s', 'X', '$X', 'TBD'])('"%s" is a template value', async (cell) => {
    expect(isUnitOnlyCell(cell) || findPlaceholders(cell).length > 0).toBe(true);
  });
  it.each(['Go', 'x', 'Users', 'N/A', '120 ms', 'Node Exporter', '-'])('"%s" is not', async (cell) => {
    expect(isUnitOnlyCell(cell) || findPlaceholders(cell).length > 0).toBe(false);
  });
});
