import { expect, it } from 'vitest';
import { UserInputError } from '../errors.js';
import { compileUserRegex, USER_REGEX_MAX_CHARS } from './user-regex.js';

it('matches anywhere in the text, like RegExp.test, with flags', () => {
  const re = compileUserRegex('/api/users/\\d+');
  expect(re.test('GET /api/users/123')).toBe(true);
  expect(re.test('GET /api/users/me')).toBe(false);
  expect(re.test('GET /api/users/123')).toBe(true);
  expect(compileUserRegex('checkout', { flags: 'i' }).test('POST /CheckOut')).toBe(true);
  expect(compileUserRegex('checkout').test('POST /CheckOut')).toBe(false);
  expect(compileUserRegex('^b$', { flags: 'm' }).test('a\nb\nc')).toBe(true);
  expect(compileUserRegex('a.b', { flags: 's' }).test('a\nb')).toBe(true);
});

it('runs (a+)+$ against 100k a and a bang in linear time', () => {
  const re = compileUserRegex('(a+)+$');
  const t0 = performance.now();
  expect(re.test(`${'a'.repeat(100_000)}!`)).toBe(false);
  expect(performance.now() - t0).toBeLessThan(2_000);
  expect(compileUserRegex('(a|aa)+$').test('a'.repeat(100_000))).toBe(true);
});

it("refuses invalid, unsupported and oversized patterns as the caller's mistake", () => {
  const refusal = (pattern: string) => {
    try {
      compileUserRegex(pattern, { what: 'endpoint_filter' });
    } catch (err) {
      expect(err).toBeInstanceOf(UserInputError);
      return (err as Error).message;
    }
    throw new Error(`accepted ${pattern}`);
  };
  expect(refusal('a(')).toMatch(/^invalid endpoint_filter \(RE2 syntax.*\): missing closing \)/);
  expect(refusal('(?<=a)b')).toContain('invalid endpoint_filter');
  expect(refusal('(a)\\1')).toContain('invalid endpoint_filter');
  expect(refusal('((a{100}){100}){100}')).toContain('invalid endpoint_filter');
  expect(refusal('a'.repeat(USER_REGEX_MAX_CHARS + 1))).toContain('endpoint_filter too long');
});

it('stops a matcher past its work budget instead of running on, and remembers texts it saw', () => {
  // About 500 instructions times 900 characters a test: 4 fit in the budget.
  const re = compileUserRegex('[\\s\\S]{500}x', { workBudget: 2_000_000 });
  const text = 'y'.repeat(900);
  for (let i = 0; i < 10; i++) expect(re.test(text)).toBe(false);
  expect(() => {
    for (let i = 0; i < 10; i++) re.test(`${text}${i}`);
  }).toThrow(/too costly/);
});
