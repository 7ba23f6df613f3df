import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';
import { priorityLevel } from './priorities.js';

const fr = fixture('clean.fr.md');
const of = async (md: string) => (await validateReport(md)).violations.filter((v) => v.rule === 'priority-order');

describe('priority order', () => {
  it('reads P-levels in bold or with a label', async () => {
    expect(priorityLevel('**P0 Quick Win**')).toBe(0);
    expect(priorityLevel('P2')).toBe(2);
    expect(priorityLevel('Quick win')).toBeUndefined();
    expect(await of(fr)).toEqual([]);
  });

  it('flags a P0 after a P1', async () => {
    const md = edit(fr, '| 2 h | -60 ms P95 | N/A | P2 |', '| 2 h | -60 ms P95 | N/A | P0 |');
    const v = await of(md);
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, '| 4 | Compression brotli'));
  });
});
