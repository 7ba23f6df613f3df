import { afterAll, beforeAll, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree({
    'ace.config.json': JSON.stringify({ limits: { grepTimeoutMs: 1000 } }),
    'evil.txt': `${'a'.repeat(60)}b\n`,
    'ok.txt': 'needle\n',
  });
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

it('stops a catastrophic regex with "pattern took too long" and keeps serving meanwhile and after', async () => {
  const order: string[] = [];
  const hostile = ace.call('grep', { pattern: '(a+)+$', path: 'evil.txt' }).then((r) => {
    order.push('hostile');
    return r;
  });
  const meanwhile = ace.call('read', { path: 'ok.txt' }).then((r) => {
    order.push('read');
    return r;
  });
  const [slow, quick] = await Promise.all([hostile, meanwhile]);
  expect(order).toEqual(['read', 'hostile']);
  expect(ace.text(quick)).toBe('     1\tneedle');
  expect(slow.isError).toBe(true);
  expect(ace.text(slow)).toContain('pattern took too long');

  const after = await ace.call('grep', { pattern: 'ne+dle' });
  expect((after.structuredContent as { files: string[] }).files).toEqual(['ok.txt']);
});
