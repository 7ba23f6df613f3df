/** How the search workers read files: in steps, stopping early, with one reused buffer. */
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';
import { Sandbox, type SearchQuery } from '../sandbox.js';

const MB = 1024 * 1024;
/** A text file of `bytes` bytes ('x' lines), with `insert` written at `at`. */
function text(bytes: number, insert = '', at = 0): Buffer {
  const buf = Buffer.alloc(bytes, 'x');
  for (let i = 99; i < bytes; i += 100) buf[i] = 10;
  if (insert) buf.write(insert, at);
  return buf;
}

let root: string;
let sandbox: Sandbox;

beforeAll(async () => {
  root = await makeTree({
    // Across the first read (256 KB) and the next (1 MB) boundaries, and at the very end.
    'edge-first.txt': text(MB, 'NEEDLE', 256 * 1024 - 3),
    'edge-next.txt': text(2 * MB, 'NEEDLE', 256 * 1024 + MB - 2),
    'edge-end.txt': text(300 * 1024, 'NEEDLE', 300 * 1024 - 6),
    'none.txt': text(2 * MB),
    'binary.bin': Buffer.concat([Buffer.from([0, 1, 2]), text(400 * 1024, 'NEEDLE', 1000)]),
    // A file over 16 MB, then one between 1 and 16 MB: the scratch buffer shrinks in between.
    'huge.txt': text(17 * MB, 'NEEDLE', 10),
    'mid.txt': text(7 * MB, 'NEEDLE', 50_000 * 100), // at the start of line 50,001
  });
  sandbox = await Sandbox.open(root);
});

afterAll(async () => {
  await removeTree(root);
});

const query = (mode: SearchQuery['mode'], fixed: boolean): SearchQuery => ({
  pattern: 'NEEDLE',
  fixed,
  ignoreCase: false,
  multiline: false,
  mode,
  before: 0,
  after: 0,
  maxLinesPerFile: 100,
  maxLineChars: 200,
  maxFileBytes: 64 * MB,
});

const files = ['edge-first.txt', 'edge-next.txt', 'edge-end.txt', 'none.txt', 'binary.bin', 'huge.txt', 'mid.txt'];
const matching = ['edge-end.txt', 'edge-first.txt', 'edge-next.txt', 'huge.txt', 'mid.txt'];

describe('search workers reading files', () => {
  it.each([
    ['files', true],
    ['files', false],
    ['count', true],
    ['content', false],
  ] as const)('finds every occurrence wherever it lies (%s mode, fixed %s)', async (mode, fixed) => {
    // One batch, so one worker reads the files in this order.
    const outcome = await sandbox.search(files, query(mode, fixed));
    expect(outcome.matches.map((m) => m.rel).sort()).toEqual(matching);
    expect(outcome.matches.every((m) => m.count === 1)).toBe(true);
    expect({ binary: outcome.skippedBinary, unreadable: outcome.unreadable, large: outcome.skippedLarge }).toEqual({ binary: 1, unreadable: 0, large: 0 });
  });

  it('rules out a file past the first read by the text every match holds, and reads a holder whole', async () => {
    const regex: SearchQuery = { ...query('content', false), pattern: 'NEE+DLE', prefilter: ['DLE'] };
    const outcome = await sandbox.search(['none.txt', 'edge-next.txt', 'mid.txt'], regex);
    expect(outcome.matches.map((m) => [m.rel, m.lines?.[0]?.n]).sort()).toEqual([
      ['edge-next.txt', Math.floor((256 * 1024 + MB - 2) / 100) + 1],
      ['mid.txt', 50_001],
    ]);
  });

  it('gives the line of a match found past the first read', async () => {
    const outcome = await sandbox.search(['mid.txt'], query('content', true));
    expect(outcome.matches[0]!.lines).toEqual([{ n: 50_001, text: `NEEDLE${'x'.repeat(93)}`, match: true }]);
  });
});

describe('a directory swapped for a link to outside the root during a search', () => {
  let outside: string;
  let swapped: string;
  let box: Sandbox;
  beforeAll(async () => {
    outside = await makeTree({ 'secret.txt': 'NEEDLE outside the root' }, 'ace-outside-');
    // As if `dir/` (a real directory when the walk listed dir/secret.txt) became a link afterwards.
    swapped = await makeTree({ dir: { link: outside } });
    box = await Sandbox.open(swapped);
  });
  afterAll(async () => {
    await removeTree(swapped);
    await removeTree(outside);
  });

  it.runIf(existsSync('/proc/self/fd')).each(['files', 'count', 'content'] as const)('returns nothing from the outside file (%s mode)', async (mode) => {
    const outcome = await box.search(['dir/secret.txt'], query(mode, true));
    expect(outcome.matches).toEqual([]);
    expect(outcome.unreadable).toBe(1);
  });
});
