/**
 * Walking the tree for glob and grep: fast-glob, fed through a readdir that prunes as it
 * goes (denied entries, node_modules, .gitignore'd entries, directories reached through a
 * symlink), so ignored trees are never entered rather than filtered after a full walk.
 */
import { readdir, readFile, type Dirent } from 'node:fs';
import { realpath } from 'node:fs/promises';
import fg from 'fast-glob';
import { GitignoreTree } from './gitignore.js';
import { absoluteOf, isInside, parentOf } from './paths.js';
import type { DenyPolicy } from './policy.js';

export interface WalkOptions {
  root: string;
  policy: DenyPolicy;
  /** Root-relative directory the patterns are relative to (already resolved: real, inside, allowed). */
  cwd: string;
  patterns: string[];
  includeIgnored: boolean;
  onlyFiles: boolean;
}

type ReaddirCallback = (error: NodeJS.ErrnoException | null, entries: Dirent[]) => void;

function readText(abs: string): Promise<string | undefined> {
  return new Promise((resolve) => readFile(abs, 'utf8', (err, text) => resolve(err ? undefined : text)));
}

/**
 * Root-relative paths of the entries the patterns match, pruned as described above, handed
 * to `onBatch` as they are found (so a search can start before the walk ends).
 */
export async function walkInBatches(options: WalkOptions, batchSize: number, onBatch: (rels: string[]) => void): Promise<void> {
  const { root, policy, includeIgnored } = options;
  const gitignore = new GitignoreTree();
  /** Real directories met while walking (not through a link): their entries need no realpath. */
  const approved = new Set<string>();
  const relOf = (abs: string) => (abs === root ? '.' : abs.slice(root.length + 1));

  async function loadScopes(dirRel: string): Promise<void> {
    if (includeIgnored || gitignore.has(dirRel)) return;
    if (dirRel !== '.') await loadScopes(parentOf(dirRel));
    gitignore.addDirectory(dirRel, await readText(`${absoluteOf(root, dirRel)}/.gitignore`));
  }

  /** A directory fast-glob starts from (cwd or a pattern's base) must be real, inside and allowed. */
  async function admitStart(dirAbs: string): Promise<boolean> {
    const real = await realpath(dirAbs).catch(() => '');
    if (real !== dirAbs || !isInside(root, real)) return false;
    const rel = relOf(real);
    if (policy.isDenied(rel, true)) return false;
    await loadScopes(parentOf(rel));
    approved.add(dirAbs);
    return true;
  }

  function filter(dirAbs: string, dirents: Dirent[], gitignoreText: string | undefined): Dirent[] {
    const dirRel = relOf(dirAbs);
    if (!includeIgnored && !gitignore.has(dirRel)) gitignore.addDirectory(dirRel, gitignoreText);
    const kept: Dirent[] = [];
    for (const dirent of dirents) {
      const isDirectory = dirent.isDirectory();
      if (policy.isEntryDenied(dirRel, dirent.name, isDirectory)) continue;
      if (!includeIgnored) {
        if (isDirectory && dirent.name === 'node_modules') continue;
        if (gitignore.isIgnored(dirRel, dirent.name, isDirectory)) continue;
      }
      if (isDirectory) approved.add(`${dirAbs}/${dirent.name}`);
      kept.push(dirent);
    }
    return kept;
  }

  function list(dirAbs: string, callback: ReaddirCallback): void {
    readdir(dirAbs, { withFileTypes: true }, (err, dirents) => {
      if (err) return callback(err, []);
      const hasIgnoreFile = !includeIgnored && dirents.some((d) => d.name === '.gitignore' && d.isFile());
      if (!hasIgnoreFile) return callback(null, filter(dirAbs, dirents, undefined));
      readText(`${dirAbs}/.gitignore`).then((text) => callback(null, filter(dirAbs, dirents, text)));
    });
  }

  const cwdAbs = absoluteOf(root, options.cwd);
  const stream = fg.stream(options.patterns, {
    cwd: cwdAbs,
    dot: true,
    followSymbolicLinks: false,
    onlyFiles: options.onlyFiles,
    suppressErrors: true,
    unique: true,
    fs: {
      readdir: ((dirAbs: string, _options: unknown, callback: ReaddirCallback) => {
        if (approved.has(dirAbs)) return list(dirAbs, callback);
        admitStart(dirAbs).then(
          (ok) => (ok ? list(dirAbs, callback) : callback(null, [])),
          (err: NodeJS.ErrnoException) => callback(err, []),
        );
      }) as never,
    },
  });

  const prefix = options.cwd === '.' ? '' : `${options.cwd}/`;
  let batch: string[] = [];
  const unchecked: string[] = [];
  for await (const entry of stream as AsyncIterable<string>) {
    const rel = prefix + entry;
    const slash = rel.lastIndexOf('/');
    const parentRel = slash < 0 ? '.' : rel.slice(0, slash);
    const parentAbs = slash < 0 ? root : `${root}/${parentRel}`;
    // Listed by our readdir (or a static pattern in a listed directory): only the name needs checking.
    if ((approved.has(parentAbs) || parentAbs === cwdAbs) && !policy.isEntryDenied(parentRel, rel.slice(slash + 1), false)) {
      batch.push(rel);
      if (batch.length >= batchSize) {
        onBatch(batch);
        batch = [];
      }
    } else unchecked.push(rel);
  }
  // Entries fast-glob found without listing their directory (static patterns): check each.
  for (const rel of unchecked) {
    const abs = absoluteOf(root, rel);
    const real = await realpath(abs).catch(() => '');
    if (real !== abs || !isInside(root, real) || policy.isDenied(rel)) continue;
    batch.push(rel);
  }
  if (batch.length > 0) onBatch(batch);
}

/** All the entries of a walk, at once. */
export async function walk(options: WalkOptions): Promise<string[]> {
  const results: string[] = [];
  await walkInBatches(options, 4096, (rels) => {
    for (const rel of rels) results.push(rel);
  });
  return results;
}

