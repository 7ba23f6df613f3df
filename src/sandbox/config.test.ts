import { execFileSync } from 'node:child_process';
import { chmod, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTree, removeTree } from '../../test/support/files-tree.js';
import { CONFIG_MAX_BYTES, loadConfig, parseConfig } from './config.js';

const MARKER = 'CONFIG-MARKER-7f3c';

describe('parseConfig', () => {
  it('reads deny, allow and limits', () => {
    expect(parseConfig('{"deny":["x/"],"allow":[".env.test"],"limits":{"grepTimeoutMs":2000}}')).toEqual({
      deny: ['x/'],
      allow: ['.env.test'],
      limits: { grepTimeoutMs: 2000 },
    });
    expect(parseConfig('{}')).toEqual({});
    expect(parseConfig('\uFEFF{}')).toEqual({});
  });

  it('refuses invalid JSON and unknown keys with a message naming the file', () => {
    expect(() => parseConfig('{')).toThrow(/ace\.config\.json is not valid JSON/);
    expect(() => parseConfig('{"denny":[]}')).toThrow(/ace\.config\.json is invalid/);
    expect(() => parseConfig('{"limits":{"grepTimeoutMs":1}}')).toThrow(/limits\.grepTimeoutMs/);
  });

  it.each([
    `{"deny": [${MARKER}]}`,
    `${MARKER}`,
    `{"deny": ["a"] ${MARKER}}`,
    `{"${MARKER}": 1}`,
    `{"deny": "${MARKER}"}`,
    `{"deny": [1, "${MARKER}", ""]}`,
    `{"limits": {"${MARKER}": 1, "grepTimeoutMs": "${MARKER}"}}`,
    `{"allow": ["${'{a,b}'.repeat(20)}${MARKER}"]}`,
    `["${MARKER}"]`,
  ])('quotes nothing of the file in its message: %s', (text) => {
    let message = '';
    try {
      parseConfig(text);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^ace\.config\.json (is not valid JSON|is invalid)/);
    expect(message).not.toContain(MARKER);
  });
});

describe('loadConfig', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await removeTree(path.dirname(root));
    root = undefined;
  });

  async function project(): Promise<string> {
    const base = await makeTree({ 'outside/config.json': `{"deny": ["${MARKER}"], "x": 1}\n`, 'app/README.md': 'hi\n' });
    root = path.join(base, 'app');
    return root;
  }

  it('is empty without a config, and reads a regular one', async () => {
    const dir = await project();
    expect(loadConfig(dir)).toEqual({});
    await writeFile(path.join(dir, 'ace.config.json'), '{"deny":["logs/"]}');
    expect(loadConfig(dir)).toEqual({ deny: ['logs/'] });
  });

  const refusals: Array<[string, (dir: string) => Promise<void>, RegExp]> = [
    ['a link pointing outside', (dir) => symlink('../outside/config.json', path.join(dir, 'ace.config.json')), /is a symbolic link/],
    ['a link to /dev/zero', (dir) => symlink('/dev/zero', path.join(dir, 'ace.config.json')), /is a symbolic link/],
    ['a FIFO', async (dir) => void execFileSync('mkfifo', [path.join(dir, 'ace.config.json')]), /is not a regular file/],
    ['a directory', async (dir) => void execFileSync('mkdir', [path.join(dir, 'ace.config.json')]), /is not a regular file/],
    ['too large', (dir) => writeFile(path.join(dir, 'ace.config.json'), ' '.repeat(CONFIG_MAX_BYTES + 1)), /larger than 256 KiB/],
    ['not JSON', (dir) => writeFile(path.join(dir, 'ace.config.json'), `deny = ${MARKER}`), /is not valid JSON/],
  ];
  it.each(refusals)('stops on a config that is %s, quoting nothing', async (_what, make, message) => {
    const dir = await project();
    await make(dir);
    const started = performance.now();
    let error = '';
    try {
      loadConfig(dir);
    } catch (err) {
      error = (err as Error).message;
    }
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatch(message);
    expect(error).toMatch(/^ace\.config\.json /);
    expect(error).not.toContain(MARKER);
    expect(error).not.toContain(path.dirname(dir));
  });

  it.runIf(process.getuid?.() !== 0)('stops on an unreadable config rather than drop its deny rules', async () => {
    const dir = await project();
    const file = path.join(dir, 'ace.config.json');
    await writeFile(file, '{"deny":["logs/"]}');
    await chmod(file, 0o000);
    expect(() => loadConfig(dir)).toThrow(/ace\.config\.json cannot be read/);
  });
});
