import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { braceExpansions, checkPattern, checkPatterns, MAX_BRACE_EXPANSIONS, patternCostProblem } from './pattern.js';

/** fast-glob's own matcher (its dependency, untyped): what the patterns really meet. */
const micromatch = createRequire(import.meta.url)('micromatch') as {
  braces(pattern: string, options: { expand: boolean }): string[];
  makeRe(pattern: string, options: { dot: boolean }): RegExp;
};

describe('braceExpansions', () => {
  it.each([
    ['**/*.ts', 1],
    ['*.{ts,tsx}', 2],
    ['{a,b}/{c,d,e}', 6],
    ['{a,{b,c}}', 3],
    ['{a,b{c,d}}x', 3],
    ['x{1..10}', 10],
    ['x{01..100..10}', 10],
    ['{a..z}', 26],
    ['{a}', 1],
    ['\\{a,b\\}', 1],
    ['{a,b', 2],
    ['{,a}', 2],
  ])('%s expands to %i', (pattern, count) => {
    expect(braceExpansions(pattern)).toBe(count);
  });

  it('agrees with micromatch on small patterns', () => {
    for (const p of ['{a,b}{c,d}', '{a,{b,c}d}e', 'x{1..5}y{a,b}', '{a,b,c}/{d,e}/*']) {
      expect(braceExpansions(p)).toBe(micromatch.braces(p, { expand: true }).length);
    }
  });

  it('counts the bombs without expanding them, and fast', () => {
    const started = performance.now();
    expect(braceExpansions('{a,b}'.repeat(20))).toBeGreaterThan(MAX_BRACE_EXPANSIONS);
    expect(braceExpansions('x{1..10000000}')).toBeGreaterThan(MAX_BRACE_EXPANSIONS);
    expect(braceExpansions(`x{1..${'9'.repeat(400)}}`)).toBeGreaterThan(MAX_BRACE_EXPANSIONS);
    expect(braceExpansions('{'.repeat(5000) + 'a,b' + '}'.repeat(5000))).toBe(2);
    expect(braceExpansions('{a,b,c,d}'.repeat(50_000))).toBeGreaterThan(MAX_BRACE_EXPANSIONS);
    // A hang guard, not a speed claim: expanding any of these would take minutes to forever.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('patternCostProblem', () => {
  it.each(['**/*.ts', 'src/**/*.test.ts', '**/*.{ts,tsx}', '**/node_modules/**/*.js', '*/*/*.json', '!**/*.min.js', 'a*b*c', '@(a|b)/*.ts', 'src/[abc]*.ts'])(
    'accepts %s',
    (pattern) => expect(patternCostProblem(pattern)).toBeUndefined(),
  );

  it.each([
    ['{a,b}'.repeat(20), /braces expand/],
    ['x{1..10000000}', /braces expand/],
    ['a'.repeat(2000), /longer than/],
    ['**/a/**/a/**/b', /'\*\*' segments/],
    ['*a*a*a*b', /too many wildcards/],
    ['*a*/*a*b', /too many wildcards/],
    ['+(+(a))', /nested extglob/],
    ['@(a)@(b)@(c)', /too many wildcards/],
  ])('refuses %s', (pattern, message) => {
    expect(patternCostProblem(pattern)).toMatch(message);
  });

  it('keeps the worst accepted shapes cheap to match against hostile names', () => {
    const name = 'a'.repeat(255);
    for (const [pattern, subject] of [
      ['*a*a', name],
      ['*a*/*a', `${name}/${name}`],
      ['**/*a*a', Array(16).fill(name).join('/')],
      ['**/a/**/b', Array(2000).fill('a').join('/')],
    ] as const) {
      expect(patternCostProblem(pattern)).toBeUndefined();
      const re = micromatch.makeRe(pattern, { dot: true });
      const started = performance.now();
      re.test(`${subject}!`);
      // A hang guard, not a speed claim: a catastrophic shape takes minutes to forever on these names.
      expect(performance.now() - started, pattern).toBeLessThan(2000);
    }
  });
});

describe('checkPattern', () => {
  it('refuses a brace bomb with a clear message', () => {
    expect(() => checkPattern('{a,b}'.repeat(20))).toThrow(/pattern refused: braces expand to more than 1024 patterns/);
  });

  it('still refuses climbs and absolute patterns', () => {
    expect(() => checkPattern('{..,x}/**')).toThrow(/'\.\.' is refused/);
    expect(() => checkPattern('/etc/*')).toThrow(/absolute patterns/);
  });
});

describe('checkPatterns', () => {
  it('caps the expansions of one call over all its patterns', () => {
    expect(() => checkPatterns(['*.{a,b}', '!*.min.js'])).not.toThrow();
    expect(() => checkPatterns(Array(10).fill('{a,b}'.repeat(7)))).toThrow(/braces expand to more than 1024 patterns in all/);
    expect(() => checkPatterns(Array(101).fill('*.ts'))).toThrow(/more than 100 patterns/);
  });
});
