import { describe, expect, it } from 'vitest';
import { parseJmeterCsv, parseJmeterXml, type JtlParse } from './jmeter.js';

function chunks(text: string, size: number): Buffer[] {
  const bytes = Buffer.from(text);
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
  return out;
}

/** What a parse gives, in plain data: per run its endpoints' counts, latency extremes and users. */
function figures(parse: JtlParse) {
  return {
    rows: parse.rows,
    bad: parse.bad.verdict('f', parse.rows, 'samples'),
    runs: parse.runs.map((run) => ({
      endpoints: Object.fromEntries(
        [...run.endpoints].map(([name, e]) => [name, { requests: e.requests, errors: e.errors, min: e.hist.minMs, max: e.hist.maxMs, first: e.firstStartMs }]),
      ),
      users: run.timeline.history().map((h) => h.users),
    })),
  };
}

const HEADER = 'timeStamp,elapsed,label,responseCode,responseMessage,threadName,dataType,success,failureMessage,bytes,grpThreads,allThreads';

describe('JMeter CSV JTL', () => {
  it('reads usual rows and rows that need the general CSV reader to the same figures', async () => {
    const text = [
      HEADER,
      '1700000000000,10,GET /a,200,OK,T 1-1,text,true,,10,2,2',
      '1700000000100,30,"GET /a",500,"Server, Error",T 1-2,text,false,"a ""quoted"" failure",10,2,2', // quoted fields
      '1700000000200,20,GET /a,200,OK,T 1-1,text,TRUE,,10,2,2', // success in capitals
      '1700000000300, 40,GET /a,200,OK,T 1-2,text,true,,10,2,2', // a space before elapsed
      '2023-11-14T22:13:21.400Z,50,GET /a,200,OK,T 1-1,text,true,,10,2,3', // a formatted timestamp
      '1700000001500,60,café,200,OK,T 1-1,text,true,"multi',
      'line",10,2,3', // a quoted field over two lines
      '1700000001600,70,café,200,OK,T 1-2,text,false,,10,2,',
    ].join('\n');
    const parse = await parseJmeterCsv(chunks(text, 1 << 20));
    expect(figures(parse)).toEqual({
      rows: 7,
      bad: null,
      runs: [
        {
          endpoints: {
            'GET /a': { requests: 5, errors: 1, min: 10, max: 50, first: 1700000000000 },
            café: { requests: 2, errors: 1, min: 60, max: 70, first: 1700000001500 },
          },
          users: [], // two seconds: the first and the last are left out of the history
        },
      ],
    });
  });

  it('gives the same figures whatever the chunk boundaries, the delimiter and the line endings', async () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) => `${1700000000000 + i * 250},${i % 7},label ${i % 3},200,OK,T 1-${i % 4},text,${i % 5 !== 0},,10,4,${4 + (i % 2)}`,
    );
    const text = [HEADER, ...rows].join('\n');
    const whole = figures(await parseJmeterCsv(chunks(text, 1 << 20)));
    expect(whole.rows).toBe(40);
    expect(whole.runs[0]!.users).toEqual(Array(8).fill(5));
    for (const size of [1, 5, 33]) expect(figures(await parseJmeterCsv(chunks(text, size)))).toEqual(whole);
    expect(figures(await parseJmeterCsv(chunks(text.replace(/,/g, ';').replace(/\n/g, '\r\n'), 17)))).toEqual(whole);
    const mixed = [HEADER, ...rows.map((r, i) => `${r}${['', '\r', '\r\r'][i % 3]}`)].join('\n');
    for (const size of [7, 64, 1 << 20]) expect(figures(await parseJmeterCsv(chunks(mixed, size)))).toEqual(whole);
  });

  it("gives the general reader's figures for labels that alternate, repeat, change mid-file and outnumber the text cache", async () => {
    const label = (i: number) =>
      i < 300 ? ['GET /a', 'GET /b'][i % 2]! : i < 600 ? 'POST /c' : i < 900 ? `GET /item/${i % 5000}` : `GET /x/${(i * 7919) % 6000}`;
    const rows = Array.from(
      { length: 12_000 },
      (_, i) => `${1700000000000 + i * 40},${i % 97},${label(i)},200,OK,T 1-${i % 9},text,${i % 11 !== 0},,10,9,${i % 9}`,
    );
    const text = [HEADER, ...rows].join('\n');
    const fast = figures(await parseJmeterCsv(chunks(text, 1 << 16)));
    // A delimiter of more than one byte in UTF-8: every row goes through the general reader.
    const general = figures(await parseJmeterCsv(chunks(text.replace(/,/g, '\u00a6'), 1 << 16)));
    expect(fast.rows).toBe(12_000);
    expect(fast).toEqual(general);
  });

  it('reads the fewest columns with another delimiter', async () => {
    const text = ['timeStamp;elapsed;label;success', '1700000000000;5;login;true', '1700000000010;7;login;false', '1700000000020;9;home;true'].join('\n');
    const parse = await parseJmeterCsv(chunks(text, 1 << 20));
    expect(parse.delimiter).toBe(';');
    expect(figures(parse).runs[0]!.endpoints).toEqual({
      login: { requests: 2, errors: 1, min: 5, max: 7, first: 1700000000000 },
      home: { requests: 1, errors: 0, min: 9, max: 9, first: 1700000000020 },
    });
  });

  it('skips and names the rows JMeter could not have written, wherever they are', async () => {
    const good = (i: number) => `${1700000000000 + i * 1000},${i},x,200,OK,T 1-1,text,true,,10,1,1`;
    const text = [
      HEADER,
      '1700000000000,3,x,200,OK,T 1-2,text,true,,10,1,1',
      good(5),
      '1700000002000,-4,x,200,OK,T 1-1,text,true,,10,1,1',
      '1700000003000,4,x,200,OK,T 1-1,text,maybe,,10,1,1',
      '1,2',
      '1700000001000,5,x,200,OK,T 1-1,text,true,,10,1,1', // back in time within T 1-1
      ...Array.from({ length: 500 }, (_, i) => good(i + 10)),
    ].join('\n');
    const parse = await parseJmeterCsv(chunks(text, 64));
    expect(parse.rows).toBe(502);
    expect(parse.bad.verdict('f', parse.rows, 'samples')).toBe(
      'f: 4 of 506 samples skipped as unreadable (line 4: elapsed "-4" is not a non-negative integer; line 5: success "maybe" is neither true nor false; line 6: 2 fields where the header has 12)',
    );
  });
});

describe('JMeter XML JTL', () => {
  const xml = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testResults version="1.2">',
    '<httpSample t="10" lt="9" ts="1700000000000" s="true" lb="GET /a" rc="200" tn="T 1-1" na="2"/>',
    "<httpSample lb='caf\u00e9 &amp; bar' t = '20' ts='1700000000100' s='false' tn='T 1-2' na='2'>",
    '  <httpSample t="1" ts="1700000000100" lb="child, not counted"/>',
    '  <assertionResult><name>Response Assertion</name><failure>true</failure></assertionResult>',
    '</httpSample>',
    '<sample t="30" ts="1700000000200" s="true" lb="GET /a" tn="T 1-1" na="3" by="10"/>',
    '<httpSample t="x" ts="1700000000300" lb="GET /a"/>',
    '</testResults>',
  ].join('\n');

  it('counts top-level samples by their attributes, in any order and quoting, labels in UTF-8', async () => {
    const parse = await parseJmeterXml(chunks(xml, 1 << 20));
    expect(figures(parse)).toEqual({
      rows: 3,
      bad: 'f: 1 of 4 samples skipped as unreadable (line 9: t="x" is not a non-negative integer)',
      runs: [
        {
          endpoints: {
            'GET /a': { requests: 2, errors: 0, min: 10, max: 30, first: 1700000000000 },
            'café & bar': { requests: 1, errors: 1, min: 20, max: 20, first: 1700000000100 },
          },
          users: [],
        },
      ],
    });
  });

  it('gives the same figures when tags and UTF-8 characters are cut by chunk boundaries', async () => {
    const whole = figures(await parseJmeterXml(chunks(xml, 1 << 20)));
    for (const size of [1, 3, 50]) expect(figures(await parseJmeterXml(chunks(xml, size)))).toEqual(whole);
  });

  it('counts lines through attributes on several lines and long texts between tags, wherever the chunks end', async () => {
    const responseData = Array.from({ length: 40 }, (_, k) => `line ${k} of a response body with <b>markup</b> in it`).join('\n');
    const text = [
      '<testResults version="1.2">',
      '<httpSample t="10"',
      '  ts="1700000000000" s="true"',
      '  lb="GET /a" tn="T 1-1"/>',
      '<httpSample t="12" ts="1700000000050" s="true" lb="GET /b" tn="T 1-1">',
      `  <responseData class="java.lang.String">${responseData}</responseData>`,
      '</httpSample>',
      '<httpSample lb="multi',
      'line" t="20" ts="1700000000100" s="false" tn="T 1-2"/>',
      '',
      '',
      '<httpSample t="-1" ts="1700000000200" lb="GET /a"/>',
      '<httpSample t="7" ts="1700000000300" lb="GET /a" tn="T 1-2"/>',
      '<httpSample t="x" ts="1700000000400" lb="GET /a"/>',
      '</testResults>',
    ].join('\n');
    const whole = figures(await parseJmeterXml(chunks(text, 1 << 20)));
    expect(whole).toEqual({
      rows: 4,
      bad: 'f: 2 of 6 samples skipped as unreadable (line 51: t="-1" is not a non-negative integer; line 53: t="x" is not a non-negative integer)',
      runs: [
        {
          endpoints: {
            'GET /a': { requests: 2, errors: 0, min: 7, max: 10, first: 1700000000000 },
            'GET /b': { requests: 1, errors: 0, min: 12, max: 12, first: 1700000000050 },
            'multi\nline': { requests: 1, errors: 1, min: 20, max: 20, first: 1700000000100 },
          },
          users: [],
        },
      ],
    });
    for (const size of [1, 2, 7, 31, 64, 200]) expect(figures(await parseJmeterXml(chunks(text, size))), `chunks of ${size}`).toEqual(whole);
  });
});
