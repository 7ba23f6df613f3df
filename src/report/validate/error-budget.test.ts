import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { budgetMismatch } from './error-budget.js';
import { validateReport } from './index.js';

const fr = fixture('clean.fr.md');
const of = async (md: string) => (await validateReport(md)).violations.filter((v) => v.rule === 'error-budget-mismatch');

describe('error budget', () => {
  it('follows from the SLO: 99.9% → 0.1%, 99.95% → 21.6 min per 30 days', async () => {
    expect(budgetMismatch(99.9, '0.1%')).toBeUndefined();
    expect(budgetMismatch(99.95, '21.6 min / mois')).toBeUndefined();
    expect(budgetMismatch(99.9, '43 min per month')).toBeUndefined();
    expect(budgetMismatch(99.9, '1%')).toContain('0.1%');
    expect(await of(fr)).toEqual([]);
  });

  it('flags a percentage budget that does not follow', async () => {
    const md = edit(fr, '| 99.9% | 0.1% par mois |', '| 99.9% | 1% par mois |');
    const v = await of(md);
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, '| 99.9% | 1% par mois |'));
  });

  it('flags a time budget that does not follow', async () => {
    const md = edit(fr, '21.6 min par mois', '60 min par mois');
    expect((await of(md)).map((v) => v.message).join()).toContain('21.6 min');
  });

  it('checks a sentence that gives both', async () => {
    const md = `${fr}\nAvec un SLO de 99.5%, le budget d'erreur est de 0.05%.\n`;
    expect((await of(md)).map((v) => v.line)).toEqual([lineOf(md, 'Avec un SLO')]);
  });
});
