/**
 * Many greps at once: the deadline counts a search's work on the workers, not its wait for
 * them, so with a deadline far below the time the queue takes, simple searches all succeed
 * while a catastrophic one among them is still stopped.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

/** Enough calls that their queue takes several deadlines even on a fast machine (200 took 499.6 ms once). */
const CALLS = 600;
/** Well below the time the queue of calls takes, well above one batch's work on a busy machine. */
const DEADLINE_MS = 200;
let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  const files: Record<string, string> = { 'ace.config.json': JSON.stringify({ limits: { grepTimeoutMs: DEADLINE_MS } }), 'evil.txt': `${'a'.repeat(40)}b\n` };
  for (let i = 0; i < 30; i++) files[`src/m${i}.ts`] = `export const value${i} = ${i};\n${i % 3 === 0 ? `// needle ${i}\n` : ''}`.repeat(20);
  root = await makeTree(files);
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

it(`answers ${CALLS} concurrent simple greps, none timed out by the queue, under a ${DEADLINE_MS} ms deadline`, async () => {
  const t0 = performance.now();
  const results = await Promise.all(
    Array.from({ length: CALLS }, (_, i) => ace.call('grep', { pattern: `needle\\s+\\d+|value${i % 30}\\b`, path: 'src', output_mode: 'count' })),
  );
  const elapsedMs = performance.now() - t0;
  const failed = results.filter((r) => r.isError).map((r) => ace.text(r));
  expect(failed).toEqual([]);
  for (const [i, r] of results.entries()) {
    const counts = (r.structuredContent as { counts: Array<{ path: string }> }).counts.map((c) => c.path);
    expect(counts).toContain(`src/m${i % 30}.ts`);
  }
  // The queue took several deadlines: counting queueing would have timed calls out.
  expect(elapsedMs).toBeGreaterThan(DEADLINE_MS);
});

it('still stops a catastrophic pattern among them', async () => {
  const simple = Array.from({ length: 50 }, () => ace.call('grep', { pattern: 'needle \\d+', path: 'src' }));
  const hostile = ace.call('grep', { pattern: '(a+)+$', path: 'evil.txt' });
  const [bad, ...good] = await Promise.all([hostile, ...simple]);
  expect(bad!.isError).toBe(true);
  expect(ace.text(bad!)).toContain(`pattern took too long (stopped after ${DEADLINE_MS} ms)`);
  expect(good.filter((r) => r.isError)).toEqual([]);
});
