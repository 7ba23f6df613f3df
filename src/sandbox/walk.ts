/**
 * Walking the tree for glob and grep, pruning as it goes (denied entries, node_modules,
 * .gitignore'd entries, directories reached through a symlink), so ignored trees are never
 * entered rather than filtered after a full walk. A `**` walk (grep without a glob filter)
 * is a plain readdir walk; any other pattern goes through fast-glob, fed the same pruning
 * readdir. Both use `Pruner`, the one place the skip rules are applied.
 */
import type { Dirent } from 'node:fs';
import { realpath } from 'node:fs/promises';
import fg from 'fast-glob';
import { GITIGNORE_MAX_BYTES, GitignoreTree } from './gitignore.js';
import { listDirectory, readTextIn } from './listdir.js';
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

/** The skip rules of a walk: which directories it may start from and which entries it keeps. */
class Pruner {
  private readonly gitignore = new GitignoreTree();
  /** Real directories met while walking (not through a link): their entries need no realpath. */
  readonly approved = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly policy: DenyPolicy,
    private readonly includeIgnored: boolean,
  ) {}

  relOf(abs: string): string {
    return abs === this.root ? '.' : abs.slice(this.root.length + 1);
  }

  /** Whether a directory's .gitignore must be read before its entries are filtered. */
  wantsIgnoreFile(dirents: Dirent[]): boolean {
    return !this.includeIgnored && dirents.some((d) => d.name === '.gitignore' && d.isFile());
  }

  /** A directory a walk starts from (cwd or a pattern's base) must be real, inside and allowed. */
  async admitStart(dirAbs: string): Promise<boolean> {
    const real = await realpath(dirAbs).catch(() => '');
    if (real !== dirAbs || !isInside(this.root, real)) return false;
    const rel = this.relOf(real);
    if (this.policy.isDenied(rel, true)) return false;
    await this.loadScopes(parentOf(rel));
    this.approved.add(dirAbs);
    return true;
  }

  private async loadScopes(dirRel: string): Promise<void> {
    if (this.includeIgnored || this.gitignore.has(dirRel)) return;
    if (dirRel !== '.') await this.loadScopes(parentOf(dirRel));
    this.gitignore.addDirectory(dirRel, readTextIn(absoluteOf(this.root, dirRel), '.gitignore', GITIGNORE_MAX_BYTES));
  }

  /** The entries of a directory a walk may see (its .gitignore text given, if it has one). */
  filter(dirAbs: string, dirents: Dirent[], gitignoreText: string | undefined): Dirent[] {
    const { policy, includeIgnored, gitignore } = this;
    const dirRel = this.relOf(dirAbs);
    if (!includeIgnored && !gitignore.has(dirRel)) gitignore.addDirectory(dirRel, gitignoreText);
    const kept: Dirent[] = [];
    for (const dirent of dirents) {
      const isDirectory = dirent.isDirectory();
      if (policy.isEntryDenied(dirRel, dirent.name, isDirectory)) continue;
      if (!includeIgnored) {
        if (isDirectory && dirent.name === 'node_modules') continue;
        if (gitignore.isIgnored(dirRel, dirent.name, isDirectory)) continue;
      }
      if (isDirectory) this.approved.add(`${dirAbs}/${dirent.name}`);
      kept.push(dirent);
    }
    return kept;
  }
}

/** The entries of a directory the walk keeps (its .gitignore read first when it has one). Throws when unreadable. */
function readPruned(pruner: Pruner, dirAbs: string): Dirent[] {
  const { entries, text } = listDirectory(dirAbs, (dirents) => (pruner.wantsIgnoreFile(dirents) ? '.gitignore' : undefined), GITIGNORE_MAX_BYTES);
  return pruner.filter(dirAbs, entries, text);
}

/** Yield to the event loop after this much synchronous walking. */
const SLICE_MS = 4;

/**
 * Every file below `cwd` (the `**` walk, files only): synchronous readdir, which costs a
 * fraction of fast-glob's async walk, in slices that leave the event loop free. Symbolic
 * links are neither entered nor listed, as with fast-glob's `followSymbolicLinks: false`.
 */
async function walkAllFiles(options: WalkOptions, pruner: Pruner, batchSize: number, onBatch: (rels: string[]) => void): Promise<void> {
  const start = absoluteOf(options.root, options.cwd);
  if (!(await pruner.admitStart(start))) return;
  const stack = [start];
  let batch: string[] = [];
  let sliceStart = performance.now();
  while (stack.length > 0) {
    const dirAbs = stack.pop()!;
    let kept: Dirent[];
    try {
      kept = readPruned(pruner, dirAbs);
    } catch {
      continue; // vanished or unreadable, as fast-glob's suppressErrors
    }
    const dirRel = pruner.relOf(dirAbs);
    const prefix = dirRel === '.' ? '' : `${dirRel}/`;
    for (const dirent of kept) {
      if (dirent.isDirectory()) stack.push(`${dirAbs}/${dirent.name}`);
      else if (dirent.isFile()) batch.push(prefix + dirent.name);
    }
    if (batch.length >= batchSize) {
      onBatch(batch);
      batch = [];
    }
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  if (batch.length > 0) onBatch(batch);
}

/** fast-glob over the pruning readdir, for any pattern. */
async function walkPatterns(options: WalkOptions, pruner: Pruner, batchSize: number, onBatch: (rels: string[]) => void): Promise<void> {
  const { root, policy } = options;
  const { approved } = pruner;

  /** A synchronous readdir, answered after pending I/O: cheaper than a thread-pool round trip per directory. */
  function list(dirAbs: string, callback: ReaddirCallback): void {
    let kept: Dirent[];
    try {
      kept = readPruned(pruner, dirAbs);
    } catch (err) {
      return void setImmediate(callback, err as NodeJS.ErrnoException, []);
    }
    setImmediate(callback, null, kept);
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
        pruner.admitStart(dirAbs).then(
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

/**
 * Root-relative paths of the entries the patterns match, pruned as described above, handed
 * to `onBatch` as they are found (so a search can start before the walk ends).
 */
export async function walkInBatches(options: WalkOptions, batchSize: number, onBatch: (rels: string[]) => void): Promise<void> {
  const pruner = new Pruner(options.root, options.policy, options.includeIgnored);
  const everyFile = options.onlyFiles && options.patterns.length === 1 && options.patterns[0] === '**';
  return (everyFile ? walkAllFiles : walkPatterns)(options, pruner, batchSize, onBatch);
}

/** All the entries of a walk, at once. */
export async function walk(options: WalkOptions): Promise<string[]> {
  const results: string[] = [];
  await walkInBatches(options, 4096, (rels) => {
    for (const rel of rels) results.push(rel);
  });
  return results;
}
