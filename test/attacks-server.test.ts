/**
 * The hostile inputs of the security issue that are not files of a tree, through the REAL built
 * server over stdio: slow-to-validate reports, a gzip bomb of valid k6 points, 100k distinct
 * endpoint names and a ReDoS endpoint filter. Each call ends, in an answer or a clear error,
 * within 10 s while a concurrent `read` is answered in under a second, and the server's memory
 * stays under 512 MB; the server then answers the next call.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gzipParts } from './support/gzip.js';
import { spawnAce, textOf, type HostileServer, type LoadOutcome } from './support/hostile-server.js';

const MB = 1024 * 1024;
let root: string;
let ace: HostileServer;

function k6Point(url: string, t: number, value: number): string {
  return `${JSON.stringify({ metric: 'http_req_duration', type: 'Point', data: { time: new Date(1_700_000_000_000 + t).toISOString(), value, tags: { method: 'GET', name: url, status: '200', expected_response: 'true' } } })}\n`;
}

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ace-attacks-server-'));
  writeFileSync(join(root, 'probe.txt'), 'hello\n');
  // The same point over and over: gzip's best ratio (~1000:1), as a bomb is made.
  const point = k6Point('http://api/items', 0, 12.5);
  const block = Buffer.from(point.repeat(Math.ceil(MB / point.length)));
  const member = await gzipParts(
    Array.from({ length: 64 }, () => block),
    { level: 9 },
  );
  // 10 MB that inflate to 10 GiB, as in the issue.
  writeFileSync(join(root, 'bomb.ndjson.gz'), Buffer.concat(Array.from({ length: 160 }, () => member)));
  // 100k distinct URLs (ids in the path) and one 100k-character endpoint name.
  const many: string[] = [];
  for (let i = 0; i < 100_000; i++) many.push(k6Point(`http://api/items/${i}?session=${(i * 2654435761) % 4294967296}`, i, 5 + (i % 50)));
  many.push(k6Point(`http://api/${'a'.repeat(100_000)}`, 100_000, 7));
  writeFileSync(join(root, 'many.ndjson'), many.join(''));
  ace = await spawnAce(root);
  // Warm up: the first calls load the tools' modules; the probes below time the hostile calls only.
  await ace.call('read', { path: 'probe.txt' });
  await ace.call('validate_report', { markdown: '# Report\n\nShort.\n' });
  await ace.call('loadtest_summary', { paths: ['many.ndjson'], endpoint_filter: 'none' });
}, 180_000);

afterAll(async () => {
  await ace?.close();
  rmSync(root, { recursive: true, force: true });
});

function expectResponsive(out: LoadOutcome): void {
  expect(out.elapsedMs).toBeLessThan(10_000);
  expect(out.maxReadMs).toBeLessThan(1000);
  expect(out.reads).toBeGreaterThan(0);
  expect(out.peakRssBytes).toBeLessThan(512 * MB);
}

async function expectServing(): Promise<void> {
  const after = await ace.call('read', { path: 'probe.txt' });
  expect(after.isError).toBeFalsy();
}

describe('validate_report on inputs within its own size limit', () => {
  const k6Block = "```javascript\nimport http from 'k6/http';\nexport default function () { http.get('http://x'); }\n```\n";
  const reports: [string, string][] = [
    ['100k characters without a space', `# Report\n\n${'x'.repeat(100_000)}\n`],
    ['100k word characters and dots', `# Report\n\n${'a1.'.repeat(33_000)}\n`],
    ['8000 k6 blocks', `# Report\n\n${k6Block.repeat(8000)}`],
    ['a 3000-level nested list', `# Report\n\n${'- '.repeat(3000)}item\n`],
    ['">" up to the size limit', `# Report\n\n${'>'.repeat(299_000)} x\n`],
    ['1M ">" (over the size limit)', `# Report\n\n${'>'.repeat(999_000)} x\n`],
    ['a list-heavy report near the limit', `# Report\n\n${'- item 12 ms P95 (-30 %)\n'.repeat(11_900)}`],
  ];
  for (const [name, markdown] of reports) {
    it(`${name}: answered or refused in time, the server responsive`, async () => {
      const out = await ace.underLoad('validate_report', { markdown }, 'probe.txt');
      expectResponsive(out);
      if (out.result.isError) expect(textOf(out.result)).toMatch(/at most|limit|nest|blocks|lines|too big/i);
      await expectServing();
    }, 60_000);
  }
});

describe('loadtest_summary', () => {
  it('refuses a gzip bomb of valid k6 points, naming the file', async () => {
    const out = await ace.underLoad('loadtest_summary', { paths: ['bomb.ndjson.gz'] }, 'probe.txt');
    expect(out.result.isError).toBe(true);
    expect(textOf(out.result)).toMatch(/^bomb\.ndjson\.gz.*(gzip|inflate)/);
    expectResponsive(out);
    await expectServing();
  }, 60_000);

  it('groups 100k distinct URLs by route template, with the raw count, and stays bounded', async () => {
    const out = await ace.underLoad('loadtest_summary', { paths: ['many.ndjson'] }, 'probe.txt');
    expect(out.result.isError ? textOf(out.result) : '').toBe('');
    const result = (
      out.result.structuredContent as {
        results: { overall: { requests: { value: number } }; endpoints: { name: string }[]; endpoint_names: { distinct: number } }[];
      }
    ).results[0]!;
    expect(result.overall.requests.value).toBe(100_001);
    expect(result.endpoint_names.distinct).toBeGreaterThanOrEqual(100_000);
    expect(result.endpoints.some((e) => /items\/\{id\}/.test(e.name))).toBe(true);
    expect(JSON.stringify(out.result).length).toBeLessThan(200_000);
    expectResponsive(out);
  }, 60_000);

  it('runs a catastrophic endpoint filter against a 100k-character name without freezing', async () => {
    const out = await ace.underLoad('loadtest_summary', { paths: ['many.ndjson'], endpoint_filter: '(a+)+$' }, 'probe.txt');
    expectResponsive(out);
    await expectServing();
  }, 60_000);
});

describe('a tree whose .gitignore files are /dev/zero and a FIFO', () => {
  let tree: string;
  let server: HostileServer;
  beforeAll(async () => {
    tree = mkdtempSync(join(tmpdir(), 'ace-attacks-gitignore-'));
    writeFileSync(join(tree, 'probe.txt'), 'hello\n');
    mkdirSync(join(tree, 'sub'));
    writeFileSync(join(tree, 'sub', 'deep.txt'), 'deep\n');
    symlinkSync('/dev/zero', join(tree, '.gitignore'));
    execFileSync('mkfifo', [join(tree, 'sub', '.gitignore')]);
    server = await spawnAce(tree);
    await server.call('read', { path: 'probe.txt' });
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    rmSync(tree, { recursive: true, force: true });
  });

  for (const [tool, args] of [
    ['glob', { pattern: '**' }],
    ['grep', { pattern: 'deep' }],
  ] as const) {
    it(`${tool}: answered as if they were absent, the server responsive and bounded`, async () => {
      const out = await server.underLoad(tool, args, 'probe.txt');
      expect(out.result.isError ? textOf(out.result) : '').toBe('');
      expect(JSON.stringify(out.result.structuredContent)).toContain('sub/deep.txt');
      expectResponsive(out);
    }, 60_000);
  }
});
