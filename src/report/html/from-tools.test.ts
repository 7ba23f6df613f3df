import { describe, expect, it } from 'vitest';
import { chartsFromToolResults } from './from-tools.js';

const page = (extra: Record<string, unknown> = {}) => ({
  source: 'results/locust/run_stats_history.csv',
  points_total: 3,
  offset: 0,
  t: [0, 1, 2],
  series: [{ key: 'p95', values: [10, 12, null] }],
  spectrum: {
    source: 'results/locust/run_stats.csv',
    endpoints: [
      {
        name: 'GET /items',
        points: [
          { p: 50, ms: 5 },
          { p: 100, ms: 30 },
        ],
      },
    ],
  },
  ...extra,
});

describe('chartsFromToolResults', () => {
  it("draws a whole loadtest_series answer: the run's timeline and spectrum", () => {
    const charts = chartsFromToolResults([{ name: 'loadtest_series', content: page() }]);
    expect(charts.timeline).toEqual({ source: 'results/locust/run_stats_history.csv', t: [0, 1, 2], series: [{ key: 'p95', values: [10, 12, null] }] });
    expect(charts.spectrum?.endpoints.map((e) => e.name)).toEqual(['GET /items']);
  });

  it('leaves out one page of several: a part of the run is not its timeline', () => {
    expect(chartsFromToolResults([{ name: 'loadtest_series', content: page({ next_offset: 3 }) }])).toEqual({});
    expect(chartsFromToolResults([{ name: 'loadtest_series', content: page({ offset: 3 }) }])).toEqual({});
  });

  it('ignores a tool it does not draw and a profile_top result without its call tree', () => {
    const charts = chartsFromToolResults([
      { name: 'grep', content: { files: [] } },
      { name: 'profile_top', content: { path: 'p.cpuprofile', unit: 'ms', by_self: [] } },
    ]);
    expect(charts).toEqual({});
  });
});
