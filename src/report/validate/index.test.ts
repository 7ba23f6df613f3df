import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/reports/load.js';
import { RULE_IDS, validateReport } from './index.js';

describe('validateReport', () => {
  it.each([
    ['clean.fr.md', 'fr'],
    ['clean.en.md', 'en'],
  ] as const)('passes the hand-written %s with no violation at all', async (name, language) => {
    const result = await validateReport(fixture(name), { language });
    expect(result.violations).toEqual([]);
    expect(result).toMatchObject({ ok: true, language });
  });

  it('fails the seed templates, mostly as unquantified', async () => {
    const result = await validateReport(fixture('seed-tables.md'));
    expect(result.ok).toBe(false);
    const unquantified = result.violations.filter((v) => v.rule.startsWith('unquantified-'));
    expect(unquantified.length).toBeGreaterThanOrEqual(20);
  });

  it('reports only known rule ids with 1-based lines', async () => {
    const md = fixture('seed-tables.md');
    const lines = md.split('\n').length;
    for (const v of (await validateReport(md)).violations) {
      expect(RULE_IDS).toContain(v.rule);
      expect(v.line).toBeGreaterThanOrEqual(1);
      expect(v.line).toBeLessThanOrEqual(lines);
    }
  });

  it('survives empty and odd input', async () => {
    expect((await validateReport('')).ok).toBe(false);
    await expect(validateReport('| a |\n|---|\n| `x|y` |\n\n```\nunclosed')).resolves.toBeDefined();
  });
});
