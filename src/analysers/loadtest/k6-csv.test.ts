import { describe, expect, it } from 'vitest';
import { parseK6Csv } from './k6-csv.js';
import { RawAccumulator } from './model.js';

const HEADER =
  'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags';

async function parse(text: string, chunkSize = 1 << 20) {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  const acc = new RawAccumulator();
  const { rows, bad } = await parseK6Csv(chunks, acc);
  const endpoints = Object.fromEntries([...acc.endpoints].map(([name, e]) => [name, { requests: e.requests, errors: e.errors, max: e.hist.maxMs }]));
  return { rows, bad: bad.verdict('f', rows), endpoints };
}

describe('k6 CSV', () => {
  it('reads request rows among the other metrics, quoted fields and records over several lines included', async () => {
    const text = [
      HEADER,
      'checks,1619922931,1.000000,"is, ok",,,,g,,,,default,,,,,,',
      'http_req_duration,1619922931,2.5,,,,true,g,GET,"/a,b",HTTP/1.1,default,,200,,,u,',
      'http_req_blocked,1619922931,0.1,,,,true,g,GET,/a,HTTP/1.1,default,,200,,,u,',
      'http_req_duration,1619922932,3.5,,,,false,g,GET,/c,HTTP/1.1,default,,500,,,u,',
      '"http_req_duration",1619922933,4.5,,,,,g,GET,/c,HTTP/1.1,default,,503,,,u,', // quoted metric name, error from the status
      'checks,1619922934,1,"a check message over two lines,',
      'http_req_duration,1619922934,99,,,,true,g,GET,/not-a-row,HTTP/1.1,default,,200,,,u,', // inside the quoted field
      'end of the message",,,,g,,,,default,,,,,,',
      'vus,1619922935,7,,,,,,,,,,,,,,,',
    ].join('\n');
    const whole = await parse(text);
    expect(whole).toEqual({
      rows: 3,
      bad: null,
      endpoints: { 'GET /a,b': { requests: 1, errors: 0, max: 2.5 }, 'GET /c': { requests: 2, errors: 2, max: 4.5 } },
    });
    for (const size of [1, 9, 70]) expect(await parse(text, size)).toEqual(whole);
  });
});
