import { expect, it } from 'vitest';
import { findMeasuredRefs, parseRef } from './evidence.js';

it('splits a reference into path and line range', () => {
  expect(parseRef('src/server.js:10')).toEqual({ path: 'src/server.js', start: 10, end: 10 });
  expect(parseRef('src/server.js:10-14')).toEqual({ path: 'src/server.js', start: 10, end: 14 });
  expect(parseRef('results/k6.json')).toEqual({ path: 'results/k6.json' });
});

it('finds every measured source with where it sits', () => {
  const params = {
    rows: [
      { current: { value: 1, unit: 'ms', source: { kind: 'measured', ref: 'a.json:3' } } },
      { current: { value: 1, unit: 'ms', source: { kind: 'estimate', basis: 'b' } } },
    ],
  };
  expect(findMeasuredRefs(params)).toEqual([{ ref: 'a.json:3', where: 'rows[0].current.source' }]);
});
