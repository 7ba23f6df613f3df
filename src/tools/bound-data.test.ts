import { expect, it } from 'vitest';
import { boundData } from './bound-data.js';

const size = (v: unknown) => Buffer.byteLength(JSON.stringify(v));

it('returns a result that fits as it is', () => {
  const data = { a: [1, 2, 3], b: 'x' };
  expect(boundData(data, 1000)).toEqual({ data, cuts: [] });
});

it('cuts the biggest list to fit, keeping its leading items and the rest of the result, without touching the original', () => {
  const errors = Array.from({ length: 200_000 }, (_, i) => ({ endpoint: `/e${i % 7}`, message: `boom ${i}`, count: i }));
  const data = { results: [{ files: [{ path: 'a.csv' }], errors, notes: ['n'] }] };
  const cut = boundData(data, 40_000)!;
  expect(size(cut.data)).toBeLessThanOrEqual(40_000);
  const result = (cut.data.results as Array<{ files: unknown; errors: unknown[]; notes: unknown }>)[0]!;
  expect(result.files).toEqual([{ path: 'a.csv' }]);
  expect(result.notes).toEqual(['n']);
  expect(result.errors.length).toBeGreaterThan(100);
  expect(result.errors).toEqual(errors.slice(0, result.errors.length));
  expect(cut.cuts).toEqual([`results[0].errors: ${result.errors.length} of 200000 items`]);
  expect(data.results[0]!.errors).toHaveLength(200_000);
});

it('shares the room between several big lists rather than emptying one', () => {
  const list = (tag: string) => Array.from({ length: 5_000 }, (_, i) => `${tag}-${i}`);
  const cut = boundData({ a: list('a'), b: list('b'), c: list('c') }, 30_000)!;
  const kept = cut.data as { a: string[]; b: string[]; c: string[] };
  expect(size(kept)).toBeLessThanOrEqual(30_000);
  for (const l of [kept.a, kept.b, kept.c]) expect(l.length).toBeGreaterThan(500);
});

it('cuts a long text (marking it) when it is what holds the bytes, and leaves short texts whole', () => {
  const cut = boundData({ language: 'en', markdown: `# Title\n${'é word '.repeat(20_000)}`, emitted: ['a'] }, 10_000)!;
  const kept = cut.data as { language: string; markdown: string; emitted: string[] };
  expect(size(kept)).toBeLessThanOrEqual(10_000);
  expect(kept.language).toBe('en');
  expect(kept.emitted).toEqual(['a']);
  expect(kept.markdown.startsWith('# Title\né word')).toBe(true);
  expect(kept.markdown.endsWith('…')).toBe(true);
  expect(cut.cuts[0]).toMatch(/^markdown: \d+ of 140008 characters$/);
});

it('cuts a long list as a whole, not the texts inside its items one by one', () => {
  const rows = Array.from({ length: 300 }, (_, i) => ({ id: i, text: 'z'.repeat(1_000) }));
  const cut = boundData({ rows }, 20_000)!;
  const kept = (cut.data as { rows: typeof rows }).rows;
  expect(kept.every((r) => r.text.length === 1_000)).toBe(true);
  expect(size(cut.data)).toBeLessThanOrEqual(20_000);
});

it('gives up (null) when nothing it may shorten holds the bytes', () => {
  const wide = Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, i]));
  expect(boundData(wide, 1_000)).toBeNull();
});
