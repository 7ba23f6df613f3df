import { describe, expect, it } from 'vitest';
import { formatNumber, grouped, percentOf, showNumber, significant, signed } from './numbers.js';

describe('significant', () => {
  it('keeps the leading figures and passes zero and non-finite values through', () => {
    expect(significant(1234.5, 3)).toBe(1230);
    expect(significant(0.012345, 3)).toBe(0.0123);
    expect(significant(-98.76, 2)).toBe(-99);
    expect(significant(0, 4)).toBe(0);
    expect(significant(Number.POSITIVE_INFINITY, 4)).toBe(Number.POSITIVE_INFINITY);
    expect(significant(Number.NaN, 4)).toBeNaN();
  });
});

describe('showNumber', () => {
  it('writes significant figures without ever cutting the whole part', () => {
    expect(showNumber(0.012345, 3)).toBe('0.0123');
    expect(showNumber(12.345, 3)).toBe('12.3');
    expect(showNumber(1234.5, 3)).toBe('1235');
    expect(showNumber(123456, 4)).toBe('123456');
    expect(showNumber(-1234.5, 3)).toBe('-1234');
    expect(showNumber(42, 4)).toBe('42');
  });

  it('writes a dash for a missing value', () => {
    expect(showNumber(null, 3)).toBe('-');
    expect(showNumber(undefined, 3)).toBe('-');
    expect(showNumber(Number.NaN, 3)).toBe('-');
  });
});

describe('formatNumber', () => {
  it('keeps 2 decimals, 4 below 0.1, and no negative zero', () => {
    expect(formatNumber(123.456)).toBe('123.46');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(-0.001)).toBe('-0.001');
    expect(formatNumber(-0.00001)).toBe('0');
    expect(formatNumber(1200)).toBe('1200');
  });
});

describe('grouped, percentOf, signed', () => {
  it('write counts, shares and changes', () => {
    expect(grouped(1234567)).toBe('1,234,567');
    expect(percentOf(0.0923)).toBe('9.2%');
    expect(percentOf(1)).toBe('100.0%');
    expect(signed(12.5)).toBe('+12.5');
    expect(signed(-3)).toBe('-3');
    expect(signed(0)).toBe('0');
  });
});
