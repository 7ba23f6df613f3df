import { describe, expect, it } from 'vitest';
import { groupIntoRuns, OVERLAP_SLACK_MS } from './runs.js';

const part = (name: string, firstStartMs: number | null, lastEndMs: number | null) => ({ name, firstStartMs, lastEndMs });
const names = (runs: { name: string }[][]) => runs.map((r) => r.map((p) => p.name));

describe('groupIntoRuns', () => {
  it('keeps overlapping files (distributed runners) together, in time order', () => {
    const runs = groupIntoRuns([part('b', 2_000, 60_000), part('a', 0, 59_000), part('c', 30_000, 61_000)]);
    expect(names(runs)).toEqual([['a', 'b', 'c']]);
  });

  it('separates runs whose spans do not overlap', () => {
    const day = 86_400_000;
    const runs = groupIntoRuns([part('today', day, day + 60_000), part('yesterday', 0, 60_000)]);
    expect(names(runs)).toEqual([['yesterday'], ['today']]);
  });

  it('chains a file that overlaps the run so far, not just the previous file', () => {
    const runs = groupIntoRuns([part('long', 0, 100_000), part('early', 1_000, 2_000), part('late', 90_000, 120_000)]);
    expect(names(runs)).toEqual([['long', 'early', 'late']]);
  });

  it('tolerates whole-second timestamps: a gap under the slack is still one run', () => {
    expect(names(groupIntoRuns([part('a', 0, 10_000), part('b', 10_000 + OVERLAP_SLACK_MS, 20_000)]))).toEqual([['a', 'b']]);
    expect(names(groupIntoRuns([part('a', 0, 10_000), part('b', 10_001 + OVERLAP_SLACK_MS, 20_000)]))).toEqual([['a'], ['b']]);
  });

  it('puts files without timestamps in a group of their own, last', () => {
    const runs = groupIntoRuns([part('untimed', null, null), part('a', 0, 1_000), part('untimed2', null, null)]);
    expect(names(runs)).toEqual([['a'], ['untimed', 'untimed2']]);
  });
});
