/**
 * The benchmark trees.
 *
 * - `largeTree()`: a pinned set of npm packages installed once into a cache folder OUTSIDE the
 *   repo (default ~/.cache/ace-bench, or $ACE_BENCH_CACHE), plus one 50 MB text file. Every
 *   `node_modules` directory is renamed `pkgs` (Ace's glob/grep skip node_modules by default),
 *   and symlinks and dot-files are removed, so that Ace, ripgrep, fast-glob and the reference
 *   server all see the same plain set of files. A stamp file beside the tree says it is
 *   complete; the next run reuses it.
 * - `smallTree(dir, files)`: a generated tree for quick mode (the smoke test), same shape.
 *
 * Run alone: `node bench/tree.mjs [--small DIR]` prints the tree's path and size.
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { fileURLToPath } from 'node:url';

/** Bump when the tree's recipe changes: a stamp with another version is rebuilt. */
const TREE_VERSION = 2;

/**
 * Pinned, pure packages (no install scripts needed). Together: ~32k files, ~400 MB
 * (with the 50 MB file), ~6k `.d.ts` files. Transitive dependencies follow npm's resolution at
 * build time; the stamp records what was installed.
 */
export const PACKAGES = [
  'typescript@5.6.3',
  'aws-sdk@2.1692.0',
  'googleapis@144.0.0',
  '@types/node@22.10.1',
  'rxjs@7.8.1',
  'lodash@4.17.21',
  'date-fns@4.1.0',
  'core-js@3.39.0',
  '@fortawesome/free-solid-svg-icons@6.7.1',
  'ramda@0.30.1',
  'three@0.170.0',
  '@babel/preset-env@7.26.0',
  'webpack@5.97.1',
  'eslint@9.16.0',
  'jest@29.7.0',
];

export const MIN_FILES = 30_000;
export const MIN_BYTES = 200 * 1024 * 1024;
/** The big file, relative to the tree's root. */
export const BIG_FILE = 'big/access-50mb.log';
const BIG_BYTES = 50 * 1024 * 1024;

export function cacheDir() {
  return process.env.ACE_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'ace-bench');
}

/** Walks a directory: regular files only (symlinks are not followed). */
async function* walk(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.isFile()) yield full;
  }
}

export async function measureTree(dir) {
  let files = 0;
  let bytes = 0;
  let dts = 0;
  for await (const file of walk(dir)) {
    files += 1;
    bytes += (await fs.stat(file)).size;
    if (file.endsWith('.d.ts')) dts += 1;
  }
  return { files, bytes, dts };
}

/**
 * Renames every node_modules directory to `pkgs` and removes symlinks and dot-entries, so the
 * tree has no ignored, hidden or linked path: every tool walks exactly the same files.
 */
async function normalise(dir) {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isSymbolicLink() || entry.name.startsWith('.')) {
      await fs.rm(full, { recursive: true, force: true });
      continue;
    }
    if (!entry.isDirectory()) continue;
    let target = full;
    if (entry.name === 'node_modules') {
      target = path.join(dir, 'pkgs');
      await fs.rename(full, target);
    }
    await normalise(target);
  }
}

/** Writes deterministic access-log-like lines (~100 bytes each) up to `bytes`. */
export async function writeBigFile(file, bytes) {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const methods = ['GET', 'POST', 'PUT', 'DELETE'];
  let written = 0;
  let i = 0;
  while (written < bytes) {
    const lines = [];
    for (let k = 0; k < 1000 && written < bytes; k += 1, i += 1) {
      const ms = 1_767_225_600_000 + i * 37;
      const line = `${new Date(ms).toISOString()} ${methods[i % 4]} /api/items/${(i * 7919) % 100_000} status=${i % 50 === 0 ? 500 : 200} dur_ms=${((i * 13) % 997) / 10} req=${i.toString(16).padStart(8, '0')}\n`;
      lines.push(line);
      written += Buffer.byteLength(line);
    }
    if (!out.write(lines.join(''))) await new Promise((resolve) => out.once('drain', resolve));
  }
  out.end();
  await finished(out);
}

/** Returns the large tree's root, building it first when no complete stamp is found. */
export async function largeTree({ log = (m) => process.stderr.write(`${m}\n`) } = {}) {
  const cache = cacheDir();
  const root = path.join(cache, 'tree');
  const stampFile = path.join(cache, 'tree.stamp.json');
  try {
    const stamp = JSON.parse(await fs.readFile(stampFile, 'utf8'));
    if (stamp.version === TREE_VERSION && JSON.stringify(stamp.packages) === JSON.stringify(PACKAGES)) {
      await fs.access(path.join(root, BIG_FILE));
      return { root, ...stamp, reused: true };
    }
  } catch {
    // No complete tree: build it.
  }
  log(`bench: building the tree in ${root} (npm install of ${PACKAGES.length} pinned packages, once)`);
  const work = path.join(cache, 'build.tmp');
  await fs.rm(work, { recursive: true, force: true });
  await fs.rm(stampFile, { force: true });
  await fs.mkdir(work, { recursive: true });
  await fs.writeFile(path.join(work, 'package.json'), '{ "private": true }\n');
  execFileSync('npm', ['install', '--prefix', work, '--ignore-scripts', '--no-audit', '--no-fund', '--legacy-peer-deps', '--loglevel=error', ...PACKAGES], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const lock = JSON.parse(await fs.readFile(path.join(work, 'package-lock.json'), 'utf8'));
  const installed = Object.entries(lock.packages ?? {})
    .filter(([key]) => key)
    .map(([key, meta]) => `${key.replace(/^.*node_modules\//, '')}@${meta.version}`)
    .sort();
  const staged = path.join(work, 'tree');
  await fs.mkdir(staged);
  await fs.rename(path.join(work, 'node_modules'), path.join(staged, 'pkgs'));
  await normalise(staged);
  await writeBigFile(path.join(staged, BIG_FILE), BIG_BYTES);
  const size = await measureTree(staged);
  if (size.files < MIN_FILES || size.bytes < MIN_BYTES) {
    throw new Error(`bench tree too small: ${size.files} files, ${(size.bytes / 2 ** 20).toFixed(0)} MB`);
  }
  await fs.rm(root, { recursive: true, force: true });
  await fs.rename(staged, root);
  await fs.rm(work, { recursive: true, force: true });
  const stamp = { version: TREE_VERSION, packages: PACKAGES, installed, ...size, builtAt: new Date().toISOString() };
  await fs.writeFile(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
  return { root, ...stamp, reused: false };
}

/**
 * A small generated tree of `files` files for quick mode: TypeScript-ish sources and
 * declarations containing the benchmark's patterns, plus a 2 MB log as the "big" file.
 */
export async function smallTree(dir, files = 200) {
  await fs.rm(dir, { recursive: true, force: true });
  for (let i = 0; i < files; i += 1) {
    const pkg = `pkgs/pkg-${i % 10}/lib`;
    const name = i % 3 === 0 ? `mod-${i}.d.ts` : `mod-${i}.js`;
    const body = [
      `// module ${i}`,
      i % 2 === 0 ? `export declare function fetchItem${i}(): Promise<string>;` : `export const value${i} = ${i};`,
      i % 5 === 0 ? `throw new Error('deprecated: use fetchItem instead'); // XMLHttpRequest` : `const x${i} = 'plain text';`,
      i % 4 === 0 ? `export class Item${i}Error extends Error {}` : `function helper${i}() { return ${i}; }`,
      '',
    ].join('\n');
    await fs.mkdir(path.join(dir, pkg), { recursive: true });
    await fs.writeFile(path.join(dir, pkg, name), body);
  }
  await writeBigFile(path.join(dir, BIG_FILE), 2 * 1024 * 1024);
  return { root: dir, ...(await measureTree(dir)), reused: false };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const small = process.argv.indexOf('--small');
  const tree = small > 0 ? await smallTree(process.argv[small + 1] ?? path.join(os.tmpdir(), 'ace-bench-small')) : await largeTree();
  process.stdout.write(`${tree.root}: ${tree.files} files, ${(tree.bytes / 2 ** 20).toFixed(1)} MB${tree.reused ? ' (reused)' : ''}\n`);
}
