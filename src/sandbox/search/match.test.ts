/** The matching on its own: bytes in, matches out, no thread and no file. */
import { describe, expect, it } from 'vitest';
import { compileQuery, searchBuffer } from './match.js';
import type { SearchQuery } from './protocol.js';

const query = (over: Partial<SearchQuery>): SearchQuery => ({
  pattern: '',
  fixed: false,
  ignoreCase: false,
  multiline: false,
  mode: 'content',
  before: 0,
  after: 0,
  maxLinesPerFile: 100,
  maxLineChars: 200,
  maxFileBytes: 1 << 20,
  ...over,
});

const text = Buffer.from('alpha one\nbeta two\ngamma three\nbeta four\n');
const run = (q: SearchQuery) => searchBuffer('f.txt', text, q, compileQuery(q));

describe('compileQuery', () => {
  it('searches a plain case-sensitive literal as bytes, and compiles a regex and its one-line twin with the same flags', () => {
    expect(compileQuery(query({ pattern: 'beta' }))).toEqual({ needle: Buffer.from('beta') });
    const c = compileQuery(query({ pattern: 'b.ta', ignoreCase: true, prefilter: ['ta'] }));
    expect(c.regex?.flags).toBe('gim');
    expect(c.line?.flags).toBe('im');
    expect(c.line?.source).toBe(c.regex?.source);
    expect(c.candidateLines).toBe(true);
  });

  it('escapes a fixed pattern', () => {
    expect(compileQuery(query({ pattern: 'a.b', fixed: true, ignoreCase: true })).regex?.source).toBe('a\\.b');
  });
});

describe('searchBuffer', () => {
  it('finds literal lines with context and counts', () => {
    expect(run(query({ pattern: 'beta', mode: 'count' }))).toEqual({ rel: 'f.txt', count: 2 });
    expect(run(query({ pattern: 'beta', before: 1 }))?.lines).toEqual([
      { n: 1, text: 'alpha one', match: false },
      { n: 2, text: 'beta two', match: true },
      { n: 3, text: 'gamma three', match: false },
      { n: 4, text: 'beta four', match: true },
    ]);
  });

  it('matches a regex, with and without the candidate-line prefilter, to the same lines', () => {
    const plain = run(query({ pattern: 'b\\w+ t' }));
    const filtered = run(query({ pattern: 'b\\w+ t', prefilter: ['b'] }));
    expect(plain).toEqual({ rel: 'f.txt', count: 1, lines: [{ n: 2, text: 'beta two', match: true }] });
    expect(filtered).toEqual(plain);
  });

  it('matches across lines only in multiline mode', () => {
    expect(run(query({ pattern: 'two.gamma', multiline: true, mode: 'count' }))).toEqual({ rel: 'f.txt', count: 2 });
    expect(run(query({ pattern: 'two\\ngamma', mode: 'count' }))).toBeNull();
  });

  it('returns null when nothing matches, and one hit in files mode', () => {
    expect(run(query({ pattern: 'delta' }))).toBeNull();
    expect(run(query({ pattern: 'a', mode: 'files' }))).toEqual({ rel: 'f.txt', count: 1 });
  });
});
