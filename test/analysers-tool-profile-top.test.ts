import { afterAll, beforeAll, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { connectAce, type ConnectedAce } from './support/client.js';

const root = fileURLToPath(new URL('../', import.meta.url));
let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(root);
});
afterAll(async () => {
  await ace.close();
});

interface Row {
  function: string;
  location: string | null;
  self_share: number;
}

it('ranks a real .cpuprofile and a real Go pprof through MCP', async () => {
  const cpu = await ace.call('profile_top', { path: 'test/fixtures/profiles/workload.cpuprofile', limit: 3 });
  expect(cpu.isError).toBeFalsy();
  const c = cpu.structuredContent as { format: string; by_self: Row[]; by_total: Row[] };
  expect(c.format).toBe('cpuprofile');
  expect(c.by_self).toHaveLength(3);
  expect(c.by_self[0]!.function).toBe('hot');
  expect(ace.text(cpu)).toMatch(/1\. hot \(.*workload\.mjs:3\) \[app\] — self [\d.]+ ms \d+\.\d%/);

  const go = await ace.call('profile_top', { path: 'test/fixtures/profiles/go/cpu.pb.gz' });
  const g = go.structuredContent as { format: string; sample_type: string; by_total: Row[] };
  expect(g.format).toBe('pprof');
  expect(g.sample_type).toBe('cpu/nanoseconds');
  expect(g.by_total.map((r) => r.function)).toContain('main.hot');
});

it('refuses non-profiles and unknown sample types as isError', async () => {
  const notProfile = await ace.call('profile_top', { path: 'package.json' });
  expect(notProfile.isError).toBe(true);
  expect(ace.text(notProfile)).toMatch(/not a recognised profile|not a V8 CPU profile/);
  const badType = await ace.call('profile_top', { path: 'test/fixtures/profiles/go/cpu.pb.gz', value_type: 'alloc_space' });
  expect(badType.isError).toBe(true);
  expect(ace.text(badType)).toMatch(/no sample type "alloc_space".*samples\/count, cpu\/nanoseconds/);
});

interface Frame {
  name: string;
  parent: number;
  total: number;
  self: number;
}

it.each([
  ['a .cpuprofile', 'test/fixtures/profiles/workload.cpuprofile', 'hot'],
  ['a Go pprof', 'test/fixtures/profiles/go/cpu.pb.gz', 'main.hot'],
  ['folded stacks', 'test/fixtures/profiles/folded/workload.folded', 'hot'],
])('returns the call tree of %s for a flame graph: callers first, totals adding up to the busy time', async (_, path, hot) => {
  const r = await ace.call('profile_top', { path, call_tree: true });
  expect(r.isError, ace.text(r)).toBeFalsy();
  const data = r.structuredContent as { busy: number; unit: string; call_tree: { unit: string; frames: Frame[]; note: string } };
  const frames = data.call_tree.frames;
  expect(data.call_tree.unit).toBe(data.unit);
  expect(frames[0]).toMatchObject({ name: 'all', parent: -1 });
  expect(frames.length).toBeGreaterThan(3);
  const children = new Map<number, number>();
  frames.forEach((f, i) => {
    if (i === 0) return;
    expect(f.parent).toBeGreaterThanOrEqual(0);
    expect(f.parent).toBeLessThan(i);
    children.set(f.parent, (children.get(f.parent) ?? 0) + f.total);
  });
  for (const [i, f] of frames.entries()) expect(f.total).toBeCloseTo(f.self + (children.get(i) ?? 0), 6);
  expect(frames[0]!.total).toBeCloseTo(data.busy, 6);
  expect(frames.some((f) => f.name === hot || f.name.startsWith(`${hot} `))).toBe(true);
  // As many frames as fit: the whole result stays under the cap, uncut.
  expect(JSON.stringify(r.structuredContent).length).toBeLessThanOrEqual(40_000);
  expect(r.structuredContent).not.toHaveProperty('result_cut');
  expect(ace.text(r)).toMatch(/call tree: \d+ frames in structuredContent\.call_tree/);
});

it('leaves the call tree out unless asked', async () => {
  const r = await ace.call('profile_top', { path: 'test/fixtures/profiles/workload.cpuprofile' });
  expect(r.structuredContent).not.toHaveProperty('call_tree');
});
