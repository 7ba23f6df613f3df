import { describe, expect, it } from 'vitest';
import { digitsAt, FNV_OFFSET, FNV_PRIME, fieldText, NextByte, sameBytes, TextCache } from './byte-fields.js';

describe('byte fields', () => {
  it('finds the next byte past earlier answers, and none in a chunk without it', () => {
    const buf = Buffer.from('a"b"c');
    const quotes = new NextByte(34);
    expect(quotes.from(buf, 0)).toBe(1);
    expect(quotes.from(buf, 1)).toBe(1);
    expect(quotes.from(buf, 2)).toBe(3);
    expect(quotes.from(buf, 4)).toBe(Infinity);
    expect(quotes.from(Buffer.from('"'), 0)).toBe(0); // another chunk
  });

  it('decodes UTF-8 and caches texts by their bytes', () => {
    expect(fieldText(Buffer.from('é/ascii'), 0, 2)).toBe('é');
    const cache = new TextCache();
    const a = Buffer.from('label one|label two|label one');
    expect([cache.text(a, 0, 9), cache.text(a, 10, 19), cache.text(a, 20, 29)]).toEqual(['label one', 'label two', 'label one']);
  });

  it('gives the same text from a hash computed by the caller, past its capacity and for long texts', () => {
    const cache = new TextCache();
    const hashOf = (b: Buffer) => b.reduce((h, c) => Math.imul(h ^ c, FNV_PRIME), FNV_OFFSET);
    const texts = Array.from({ length: 10_000 }, (_, i) => `label ${i} é`);
    texts.push('x'.repeat(300));
    for (const round of [0, 1])
      for (const t of round ? [...texts].reverse() : texts) {
        const b = Buffer.from(`;${t};`);
        expect(cache.hashed(b, 1, b.length - 1, hashOf(b.subarray(1, b.length - 1)))).toBe(t);
        expect(cache.text(b, 1, b.length - 1)).toBe(t);
      }
  });

  it('reads digits and compares bytes in place', () => {
    const buf = Buffer.from('xx;1700000000000;12a;true;');
    expect(digitsAt(buf, 3, 16, 15)).toBe(1700000000000);
    expect(digitsAt(buf, 3, 16, 12)).toBe(-1); // too many digits
    expect(digitsAt(buf, 17, 20, 12)).toBe(-1);
    expect(digitsAt(buf, 17, 17, 12)).toBe(-1); // empty
    expect(sameBytes(buf, 21, 25, Buffer.from('true'))).toBe(true);
    expect(sameBytes(buf, 21, 24, Buffer.from('true'))).toBe(false);
  });
});
