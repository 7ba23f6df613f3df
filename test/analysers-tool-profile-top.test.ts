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
