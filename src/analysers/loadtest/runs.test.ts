import { describe, expect, it } from 'vitest';
import { addToRuns, byStart, OVERLAP_SLACK_MS } from './runs.js';

interface Part {
  names: string[];
  firstStartMs: number | null;
  lastEndMs: number | null;
}
const part = (name: string, firstStartMs: number | null, lastEndMs: number | null): Part => ({ names: [name], firstStartMs, lastEndMs });

function group(...parts: Part[]): string[][] {
  const runs: Part[] = [];
  for (const p of parts) addToRuns(runs, p, (into, from) => into.names.push(...from.names));
  return byStart(runs).map((r) => r.names);
}

describe('addToRuns', () => {
  it('keeps overlapping files (distributed runners) together', () => {
    expect(group(part('b', 2_000, 60_000), part('a', 0, 59_000), part('c', 30_000, 61_000))).toEqual([['b', 'a', 'c']]);
  });

  it('separates runs whose spans do not overlap, listed in the order they started', () => {
    const day = 86_400_000;
    expect(group(part('today', day, day + 60_000), part('yesterday', 0, 60_000))).toEqual([['yesterday'], ['today']]);
  });

  it('joins two runs that a later file bridges', () => {
    const runs: Part[] = [];
    const merge = (into: Part, from: Part) => into.names.push(...from.names);
    addToRuns(runs, part('early', 0, 10_000), merge);
    addToRuns(runs, part('late', 50_000, 60_000), merge);
    expect(runs).toHaveLength(2);
    addToRuns(runs, part('long', 5_000, 55_000), merge);
    expect(runs).toEqual([{ names: ['early', 'long', 'late'], firstStartMs: 0, lastEndMs: 60_000 }]);
  });

  it('tolerates whole-second timestamps: a gap under the slack is still one run', () => {
    expect(group(part('a', 0, 10_000), part('b', 10_000 + OVERLAP_SLACK_MS, 20_000))).toEqual([['a', 'b']]);
    expect(group(part('a', 0, 10_000), part('b', 10_001 + OVERLAP_SLACK_MS, 20_000))).toEqual([['a'], ['b']]);
  });

  it('puts files without timestamps in a run of their own, last', () => {
    expect(group(part('untimed', null, null), part('a', 0, 1_000), part('untimed2', null, null))).toEqual([['a'], ['untimed', 'untimed2']]);
  });
});
