import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const of = async (md: string) => (await validateReport(md)).violations.filter((v) => v.rule === 'missing-before-after');

describe('before/after numbers', () => {
  it('passes blocks with numbers on both sides', async () => {
    expect(await of(en)).toEqual([]);
    expect(await of(fr)).toEqual([]);
  });

  it('flags a BEFORE part with no number', async () => {
    const md = edit(fr, '// Latence : 180 ms, Throughput : 350 req/s\n', '');
    const v = await of(md);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ severity: 'error', line: lineOf(md, '// AVANT : chaque requête') });
  });

  it('flags a block with no AFTER part', async () => {
    const md = edit(en, /\/\/ AFTER: one batched query[\s\S]*?const byId[^\n]*\n/, '');
    expect((await of(md)).map((v) => v.message).join()).toContain('no AFTER');
  });

  it('flags a P0/P1 plan row with no block, and a plan with no block at all', async () => {
    const withoutOne = edit(en, /#### Optimisation: Remove the cart's N\+1 queries\n\n```javascript\n[\s\S]*?```\n/, '');
    const v = await of(withoutOne);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ severity: 'warning', line: lineOf(withoutOne, "| 3 | Remove the cart's N+1") });

    const none = edit(en, /### Optimisation BEFORE\/AFTER[\s\S]*?(?=## Phase 6)/, 'Nothing yet.\n\n');
    expect(await of(none)).toMatchObject([{ severity: 'error', line: lineOf(none, '## Phase 5') }]);
  });
});
