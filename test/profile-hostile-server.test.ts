/**
 * Hostile profiles through the REAL built server over stdio: each call ends in a clear
 * isError naming the file and the limit, while probe reads keep being answered, the server's
 * memory stays bounded, and it answers the next call.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gzipParts } from './support/gzip.js';
import { spawnAce, textOf, type HostileServer } from './support/hostile-server.js';

let root: string;
let ace: HostileServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'ace-profile-hostile-'));
  writeFileSync(join(root, 'probe.txt'), 'hello\n');
  // 134M zeros: the JSON array that killed JSON.parse, gzipped as the issue describes.
  const chunk = Buffer.from('0,'.repeat(1024 * 1024));
  const zeros = (head: string, tail: string) => gzipParts([Buffer.from(head), ...Array.from({ length: 64 }, () => chunk), Buffer.from(tail)]);
  writeFileSync(join(root, 'zeros.cpuprofile'), await zeros('[', '0]'));
  // The same zeros as the samples of a profile (an object): refused at the per-array cap.
  writeFileSync(join(root, 'samples.cpuprofile'), await zeros('{"nodes":[],"samples":[', '0]}'));
  const node = (id: number, children: number[]) => ({ id, callFrame: { functionName: `f${id}`, url: '/srv/app.js', lineNumber: id }, children });
  // A 200k-node chain (each node the only child of the one before), every sample at its leaf.
  const chain = Array.from({ length: 200_000 }, (_, i) => node(i + 1, i + 1 < 200_000 ? [i + 2] : []));
  writeFileSync(join(root, 'deep.cpuprofile'), JSON.stringify({ nodes: chain, samples: [200_000, 200_000, 1], timeDeltas: [1, 1, 1] }));
  writeFileSync(join(root, 'cycle.cpuprofile'), JSON.stringify({ nodes: [node(1, [2]), node(2, [1])], samples: [1, 2], timeDeltas: [1, 1] }));
  // gzip bomb: 1 MiB of valid folded lines compressed once, the member repeated to ~8 GiB.
  const member = gzipSync(Buffer.from('main;serve;handle 1\n'.repeat(52_429)), { level: 9 });
  writeFileSync(join(root, 'bomb.folded.gz'), Buffer.concat(Array.from({ length: 8192 }, () => member)));
  writeFileSync(join(root, 'ok.folded'), 'main;serve 3\nmain;idle 1\n');
  ace = await spawnAce(root);
  // Warm up: the first calls load the tools' modules; the probes below time the hostile call only.
  await ace.call('read', { path: 'probe.txt' });
  expect((await ace.call('profile_top', { path: 'ok.folded' })).isError).toBeFalsy();
}, 120_000);

afterAll(async () => {
  await ace?.close();
  rmSync(root, { recursive: true, force: true });
});

const cases: [string, RegExp][] = [
  ['zeros.cpuprofile', /^zeros\.cpuprofile: not a V8 CPU profile: the JSON is not an object/],
  ['samples.cpuprofile', /^samples\.cpuprofile: "samples" has more than 5,000,000 entries \(cap for a JSON profile\)/],
  ['cycle.cpuprofile', /^cycle\.cpuprofile: malformed V8 CPU profile: .*(cycle|two parents)/],
  ['bomb.folded.gz', /^bomb\.folded\.gz: gzip inflates to more than \d+ MiB .*likely gzip bomb/],
];

for (const [path, message] of cases) {
  it(`${path}: a clear error in seconds, the server responsive and bounded`, async () => {
    const out = await ace.underLoad('profile_top', { path }, 'probe.txt');
    expect(out.result.isError).toBe(true);
    expect(textOf(out.result)).toMatch(message);
    expect(out.elapsedMs).toBeLessThan(10_000);
    expect(out.maxReadMs).toBeLessThan(1000);
    expect(out.peakRssBytes).toBeLessThan(512 * 1024 * 1024);
    const after = await ace.call('profile_top', { path: 'ok.folded' });
    expect(after.isError).toBeFalsy();
  }, 60_000);
}

it('deep.cpuprofile (a 200k-node chain): a clear error in seconds, the server responsive and bounded', async () => {
  const out = await ace.underLoad('profile_top', { path: 'deep.cpuprofile' }, 'probe.txt');
  expect(out.result.isError).toBe(true);
  expect(textOf(out.result)).toMatch(/^deep\.cpuprofile: more than (12 MiB of call tree JSON|330,000 objects and arrays) \(cap for a JSON profile\)/);
  expect(out.elapsedMs).toBeLessThan(10_000);
  expect(out.maxReadMs).toBeLessThan(1000);
  expect(out.peakRssBytes).toBeLessThan(512 * 1024 * 1024);
}, 60_000);
