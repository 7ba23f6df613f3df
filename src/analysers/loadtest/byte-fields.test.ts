import { describe, expect, it } from 'vitest';
import { ByteFields, fieldText, NextByte, TextCache } from './byte-fields.js';

describe('byte fields', () => {
  it('splits a line into fields and reads digits and words in place', () => {
    const buf = Buffer.from('xx;1700000000000;12a;true;;café\nnext;line');
    const fields = new ByteFields();
    expect(fields.split(buf, 3, buf.indexOf(10), 59 /* ; */, 10)).toBe(true);
    expect(fields.count).toBe(5);
    expect(fields.digits(0, 15)).toBe(1700000000000);
    expect(fields.digits(0, 12)).toBe(-1); // too many digits
    expect(fields.digits(1, 12)).toBe(-1);
    expect(fields.digits(3, 12)).toBe(-1); // empty
    expect(fields.is(2, Buffer.from('true'))).toBe(true);
    expect(fields.text(4)).toBe('café');
    expect(fields.split(buf, 3, buf.indexOf(10), 59, 2)).toBe(true); // the first two fields only
    expect(fields.count).toBe(2);
    expect(fields.digits(1, 12)).toBe(-1);
    expect(fields.text(1)).toBe('12a');
  });

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
});
