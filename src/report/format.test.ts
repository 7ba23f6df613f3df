import { describe, expect, it } from 'vitest';
import { fenced, Footnotes, formatPercentChange, formatSigned, formatValue, markdownTable, percentChange } from './format.js';
import { convert, sameDimension } from './quantity.js';
import { formatNumber } from '../numbers.js';

describe('numbers and quantities', () => {
  it('formats numbers with a dot and at most two decimals', () => {
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(1234.567)).toBe('1234.57');
    expect(formatNumber(0.05)).toBe('0.05');
    expect(formatNumber(-0.0001)).toBe('-0.0001');
  });

  it('writes units as the report does', () => {
    expect(formatValue(120, 'ms', 'en')).toBe('120 ms');
    expect(formatValue(0.1, '%', 'fr')).toBe('0.1%');
    expect(formatValue(0.5, 'x', 'en')).toBe('0.5x');
    expect(formatValue(38, 'd', 'fr')).toBe('38 j');
    expect(formatValue(1400, '$/month', 'fr')).toBe('1400 $/mois');
    expect(formatValue(100, 'count', 'en')).toBe('100');
    expect(formatSigned(-380, 'req/s', 'en')).toBe('-380 req/s');
    expect(formatSigned(80, 'ms', 'en')).toBe('+80 ms');
  });

  it('computes % change like the seed: 350 → 200 is -43%, 120 → 210 is +75%', () => {
    expect(percentChange(350, 200)).toBe(-43);
    expect(percentChange(120, 210)).toBe(75);
    expect(formatPercentChange(-43)).toBe('-43%');
    expect(formatPercentChange(75)).toBe('+75%');
  });

  it('converts within a dimension only', () => {
    expect(convert(2, 's', 'ms')).toBe(2000);
    expect(convert(1, 'GB', 'MB')).toBe(1024);
    expect(convert(60, 'req/min', 'req/s')).toBe(1);
    expect(convert(1, 'ms', 'MB')).toBeUndefined();
    expect(sameDimension('µs', 'h')).toBe(true);
    expect(sameDimension('%', 'ms')).toBe(false);
  });
});

describe('Footnotes', () => {
  it('numbers sources across tables, reuses a repeated source and lists them on flush', () => {
    const notes = new Footnotes('en');
    const a = { kind: 'measured', ref: 'results/k6.json:12' } as const;
    expect(notes.quantity({ value: 120, unit: 'ms', source: a })).toBe('120 ms[^1]');
    expect(notes.signed({ value: -5, unit: 'ms', source: { kind: 'estimate', basis: 'assumes 40% cache miss rate' } })).toBe('-5 ms[^2]');
    expect(notes.quantity({ value: 7, unit: 'ms', source: a })).toBe('7 ms[^1]');
    expect(notes.flush()).toBe('Sources:\n\n[^1]: measured: `results/k6.json:12`\n[^2]: estimate: assumes 40% cache miss rate');
    expect(notes.marker({ kind: 'computed', from: 'current - target' })).toBe('[^3]');
    expect(notes.flush()).toBe('Sources:\n\n[^3]: computed: current - target');
    expect(notes.flush()).toBe('');
  });
});

describe('Markdown helpers', () => {
  it('escapes pipes and newlines in table cells', () => {
    expect(markdownTable(['A', 'B'], [['x|y', 'line\nbreak']])).toBe('| A | B |\n|---|---|\n| x\\|y | line break |');
  });

  it('fences code with a fence longer than any backtick run inside', () => {
    expect(fenced('a ``` b', 'js')).toBe('````js\na ``` b\n````');
    expect(fenced('x\n\n')).toBe('```\nx\n```');
  });
});
