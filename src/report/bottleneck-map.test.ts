import { expect, it } from 'vitest';
import { renderBottleneckMap } from './bottleneck-map.js';

it("draws the prompt's bottleneck map, side path included", () => {
  const map = renderBottleneckMap(
    [
      { from: 'Client', to: 'CDN', latency: '100ms', bottleneck: false },
      { from: 'CDN', to: 'LB', latency: '5ms', bottleneck: false },
      { from: 'LB', to: 'API', latency: '2ms', bottleneck: false },
      { from: 'API', to: 'DB', latency: '150ms', bottleneck: true },
    ],
    { from: 'API', to: 'Cache', latency: '50ms', note: 'miss 40%' },
  );
  expect(map).toBe(
    [
      '[Client] --100ms-→ [CDN] --5ms-→ [LB] --2ms-→ [API] --150ms-→ [DB]',
      '                                                  │         ↑',
      '                                                  │    BOTTLENECK',
      '                                                  └──50ms──→ [Cache] (miss 40%)',
    ].join('\n'),
  );
  expect(map.match(/BOTTLENECK/g)).toHaveLength(1);
});
