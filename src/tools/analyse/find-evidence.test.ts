import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';

const fixtures = new URL('../../../test/fixtures/loadtests', import.meta.url).pathname;
const root = mkdtempSync(join(tmpdir(), 'ace-find-evidence-'));

function put(rel: string, content: string): void {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), content);
}

let ace: ConnectedAce;
beforeAll(async () => {
  // Notes that a naive walk meets first, a result named like one but broken, and real results.
  for (let i = 0; i < 30; i++) put(`aaa-notes/note-${String(i).padStart(2, '0')}.txt`, `measured latency ${i} ms\n`);
  put('perf/broken.jtl', 'not a jtl at all\n');
  mkdirSync(join(root, 'zz/locust'), { recursive: true });
  copyFileSync(join(fixtures, 'wrk', 'items.txt'), join(root, 'zz', 'wrk-items.txt'));
  put('zz/profiles/cpu.folded', 'main;handle;parse 12\nmain;handle 3\n');
  ace = await connectAce(root);
});
afterAll(async () => {
  await ace.close();
  rmSync(root, { recursive: true, force: true });
});

it('finds results and profiles, likely files first, and gives a reason for every file it skips', async () => {
  const r = await ace.tool('find_evidence', {});
  expect(r.counts).toEqual({ loadtest: 1, profile: 1, skipped: 1, unrelated: 30 });
  expect(r.scanned).toBe(33);
  expect(r.limit).toBeNull();
  expect(r.next_offset).toBeNull();
  // Unrelated files are counted, not listed, unless asked for; results come before the notes.
  expect(r.files).toEqual([
    { path: 'perf/broken.jtl', use: 'skipped', format: null, reason: expect.stringMatching(/named like a result file/) },
    { path: 'zz/profiles/cpu.folded', use: 'profile', format: 'folded' },
    { path: 'zz/wrk-items.txt', use: 'loadtest', format: 'wrk' },
  ]);
});

it('says when its limit on files sniffed is reached, having sniffed the likely ones', async () => {
  const r = await ace.tool('find_evidence', { max_sniffed: 3 });
  expect(r.limit).toEqual({ sniffed: 3, matched: 33 });
  expect(r.counts).toMatchObject({ loadtest: 1, profile: 1, skipped: 1, unrelated: 0 });
});

it('pages through every entry with offset and limit', async () => {
  const seen: string[] = [];
  let offset: number | null = 0;
  let pages = 0;
  while (offset !== null) {
    const page: Awaited<ReturnType<typeof ace.tool<'find_evidence'>>> = await ace.tool('find_evidence', { include_unrelated: true, offset, limit: 7 });
    expect(page.files.length).toBeLessThanOrEqual(7);
    seen.push(...page.files.map((f) => f.path));
    offset = page.next_offset;
    pages++;
  }
  expect(pages).toBe(5);
  expect(new Set(seen).size).toBe(33);
  expect(seen.slice(-30).every((p) => p.startsWith('aaa-notes/'))).toBe(true);
});

it('searches under a folder only, and refuses a path outside the root', async () => {
  const r = await ace.tool('find_evidence', { path: 'zz' });
  expect(r.files.map((f) => f.path)).toEqual(['zz/profiles/cpu.folded', 'zz/wrk-items.txt']);
  const bad = await ace.call('find_evidence', { path: '../..' });
  expect(bad.isError).toBe(true);
});
