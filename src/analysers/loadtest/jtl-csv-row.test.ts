import { describe, expect, it } from 'vitest';
import { JtlFastRows, type JtlColumns, type JtlRow } from './jtl-csv-row.js';

const MINIMAL: JtlColumns = { timeStamp: 0, elapsed: 1, label: 2, success: 3 };
const DEFAULT: JtlColumns = { timeStamp: 0, elapsed: 1, label: 2, responseCode: 3, threadName: 4, success: 5, allThreads: 6, URL: 7 };

/** The rows of `lines` as the reader gives them, copied (the reader reuses its object). */
function read(col: JtlColumns, delimiter: string, lines: string[]): (JtlRow | null)[] {
  const fast = JtlFastRows.for(col, delimiter)!;
  const buf = Buffer.from(lines.join('\n'));
  const rows: (JtlRow | null)[] = [];
  let start = 0;
  for (const line of lines) {
    const end = start + Buffer.byteLength(line);
    const row = fast.read(buf, start, end);
    rows.push(row && { ...row });
    start = end + 1;
  }
  return rows;
}

const row = (ts: number | undefined, elapsed: number, label: string, success: boolean, thread?: string, users = NaN): JtlRow => ({
  ts,
  elapsed,
  label,
  success,
  thread,
  users,
});

describe('JTL rows read in place', () => {
  it('reads the usual rows of few columns, labels alternating, repeating and changing', () => {
    const labels = ['GET /a', 'GET /b', 'GET /a', 'GET /a', 'café', 'GET /b', 'GET /c', 'café'];
    const lines = labels.map((l, i) => `${1700000000000 + i};${i * 11};${l};${i % 3 === 0 ? 'false' : 'true'}`);
    expect(read(MINIMAL, ';', lines)).toEqual(labels.map((l, i) => row(1700000000000 + i, i * 11, l, i % 3 !== 0)));
  });

  it('reads thread names and active threads, and fields past the last column read are not looked at', () => {
    expect(
      read(DEFAULT, ',', [
        '1700000000000,5,GET /a,200,T 1-1,true,7,http://x/a,more,fields',
        '1700000000000,5,GET /a,200,T 1-1,true,7,http://x/a,"quoted later"', // a quote anywhere: the general reader's
        '1700000000001,6,GET /a,200,T 1-2,false, 8', // allThreads not plain digits: read as a number
        '1700000000002,7,GET /a,200,T 1-1,true,', // empty allThreads: Number(''), as the general reader has it
        '1700000000003,8,GET /a,200,T 1-1,true', // no allThreads field
        '1700000000004,9,,200,,true,x,', // empty label and thread
      ]),
    ).toEqual([
      row(1700000000000, 5, 'GET /a', true, 'T 1-1', 7),
      null,
      row(1700000000001, 6, 'GET /a', false, 'T 1-2', 8),
      row(1700000000002, 7, 'GET /a', true, 'T 1-1', 0),
      row(1700000000003, 8, 'GET /a', true, 'T 1-1', NaN),
      row(1700000000004, 9, '', true, '', NaN),
    ]);
  });

  it('declines every row that is not a usual one', () => {
    expect(
      read(MINIMAL, ';', [
        'timeStamp;elapsed;label;success', // the header again
        '1700000000000;"5";a;true',
        '1700000000000;-5;a;true',
        '1700000000000; 5;a;true',
        '1700000000000;;a;true',
        '1700000000000;1234567890123;a;true', // 13 digits of elapsed
        '1234567890123456;5;a;true', // 16 digits of timestamp
        '2023-11-14T22:13:21.400Z;5;a;true',
        '1700000000000;5;a;TRUE',
        '1700000000000;5;a;tru',
        '1700000000000;5;a;falsey',
        '1700000000000;5;a',
        '',
      ]),
    ).toEqual(Array(13).fill(null));
    expect(read(MINIMAL, ';', ['1700000000000;123456789012;a;false;extra;fields'])).toEqual([row(1700000000000, 123456789012, 'a', false)]);
  });

  it('needs a one-byte ASCII delimiter other than a quote', () => {
    expect(JtlFastRows.for(MINIMAL, '\u00a6')).toBeNull();
    expect(JtlFastRows.for(MINIMAL, '"')).toBeNull();
    expect(JtlFastRows.for(MINIMAL, '\t')).not.toBeNull();
  });

  it('gives each of many distinct labels its own text, however the cache slots collide', () => {
    const labels = Array.from({ length: 9000 }, (_, i) => `GET /item/${(i * 7919) % 9000}`);
    const lines = [...labels, ...labels.reverse()].map((l, i) => `${1700000000000 + i};1;${l};true`);
    expect(read(MINIMAL, ';', lines).map((r) => r?.label)).toEqual([...labels.reverse(), ...labels.reverse()]);
  });

  it('finds the end of a usual row in a chunk, and leaves any other line to the line reader', () => {
    const fast = JtlFastRows.for(DEFAULT, ',')!;
    const chunk = Buffer.from(
      [
        '1700000000000,5,GET /a,200,T 1-1,true,7,http://x/a,1', // fields after the last column read
        '1700000000001,6,GET /b,200,T 1-2,false,8\r', // "\r\n"
        '1700000000002,7,GET /a,200,T 1-1,true,9\r\r', // "\r\r\n"
        '1700000000003,8,GET /a,200,T 1-1,true,9,"a, b"', // a quote after the last column read
        '1700000000004,9,GET /a,200,T 1-1,true,9\r,x', // a "\r" inside the line
        '1700000000005,9,GET /a,200', // too few fields
        '1700000000005,9,GET /a,200,T 1-1,truex,9', // success neither true nor false
        '1700000000005,9,GET /a,200,T 1-1,fals', // nor here
        '1700000000006,9,GET /a,200,T 1-1,true,9', // no "\n" in the chunk: the line may go on in the next
      ].join('\n'),
    );
    const results: unknown[] = [];
    for (let start = 0; start < chunk.length;) {
      const nl = fast.scan(chunk, start, chunk.length);
      const lineEnd = nl === -1 ? chunk.indexOf(10, start) : nl;
      results.push(nl === -1 ? null : { ...fast.row });
      start = (lineEnd === -1 ? chunk.length : lineEnd) + 1;
    }
    expect(results).toEqual([
      row(1700000000000, 5, 'GET /a', true, 'T 1-1', 7),
      row(1700000000001, 6, 'GET /b', false, 'T 1-2', 8),
      row(1700000000002, 7, 'GET /a', true, 'T 1-1', 9),
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });

  it('reads no success word past the end of the chunk it is given', () => {
    const fast = JtlFastRows.for(MINIMAL, ';')!;
    const buf = Buffer.from('1700000000000;5;a;true\n1700000000001;6;b;false\n');
    const first = buf.indexOf(10);
    // The whole line in the chunk: read.
    expect(fast.scan(buf, 0, buf.length)).toBe(first);
    expect(fast.row).toMatchObject({ elapsed: 5, success: true, label: 'a' });
    expect(fast.scan(buf, first + 1, buf.length)).toBe(buf.length - 1);
    expect(fast.row).toMatchObject({ elapsed: 6, success: false, label: 'b' });
    // The chunk ends inside the word or right after it: the line may go on in the next chunk.
    for (let limit = first - 4; limit <= first; limit++) expect(fast.scan(buf, 0, limit)).toBe(-1);
    for (let limit = buf.length - 6; limit < buf.length; limit++) expect(fast.scan(buf, first + 1, limit)).toBe(-1);
  });
});
