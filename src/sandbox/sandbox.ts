/**
 * The sandbox: the only door to the disk. Every other module reaches files through these
 * methods; none imports node:fs. The checks live in small modules beside this one:
 * paths (containment), resolve (realpath + policy), special (FIFOs, sockets, devices),
 * open (non-blocking, no-follow, identity re-check), policy + config (deny-list),
 * gitignore + walk (listing), classify (file(1)-style sniffing), search (grep workers).
 */
import { statSync } from 'node:fs';
import { realpath, stat as statPromise } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { UserInputError } from '../errors.js';
import { loadConfig, type AceConfig, type PrometheusSource } from './config.js';
import { inspectPath, type PathInfo } from './inspect.js';
import { readChunks, readHead } from './open.js';
import { checkPatterns } from './pattern.js';
import { DenyPolicy } from './policy.js';
import { resolveInRoot } from './resolve.js';
import { SearchPool, type SearchOutcome } from './search/pool.js';
import type { SearchQuery } from './search/protocol.js';
import { walk, walkInBatches } from './walk.js';

export type { PathInfo } from './inspect.js';
export type { SearchQuery, FileMatches, OutputLine } from './search/protocol.js';
export type { SearchOutcome } from './search/pool.js';
export { SearchTimeout, SearchCancelled } from './search/pool.js';

import type { Resolved as ResolvedPath } from './resolve.js';
import { readAhead } from './read-ahead.js';
export type { ResolvedPath };

export interface ListEntry {
  rel: string;
  size: number;
  mtimeMs: number;
}

export interface ListOptions {
  /** fast-glob patterns, relative to `cwd`. */
  patterns: string[];
  /** Directory (relative to the root) the patterns are relative to; default '.'. */
  cwd?: string;
  /** Include .gitignore'd files and node_modules (never denied ones). */
  includeIgnored?: boolean;
  onlyFiles?: boolean;
  /** Stat every entry for size and mtime (default true); without, both are 0. */
  stats?: boolean;
}

export interface SandboxLimits {
  /** Deadline of one grep call. */
  grepTimeoutMs: number;
}

const DEFAULT_LIMITS: SandboxLimits = { grepTimeoutMs: 10_000 };

/** Long enough not to compete with the server's start-up. */
const WARM_UP_DELAY_MS = 300;

/** Shared by every sandbox of the process: one worker per core, not per connection. */
let sharedPool: SearchPool | undefined;

export { checkPattern, checkPatterns } from './pattern.js';

export class Sandbox {
  /** Realpath of the root, resolved once. */
  readonly root: string;
  readonly limits: SandboxLimits;
  /** The budgets of ace.config.json (`thresholds`, k6's form), for `ace check`. */
  readonly thresholds: AceConfig['thresholds'];
  /** The Prometheus HTTP APIs of ace.config.json that the metrics tools may query, by name. */
  readonly prometheus: readonly PrometheusSource[];
  private readonly policy: DenyPolicy;

  protected constructor(root: string, config: AceConfig = {}) {
    this.root = root;
    this.thresholds = config.thresholds;
    this.prometheus = config.prometheus ?? [];
    this.policy = new DenyPolicy(config);
    this.limits = { ...DEFAULT_LIMITS, ...config.limits };
  }

  /**
   * Realpaths `root` once and loads `ace.config.json` from it, if any. A config that exists but
   * cannot be used (a link, a special file, too large, unreadable, not JSON, not the schema)
   * throws a UserInputError that quotes nothing of it: start-up must stop rather than run
   * without the user's deny rules.
   */
  static async open(root: string): Promise<Sandbox> {
    let real: string;
    try {
      real = await realpath(root);
    } catch {
      throw new UserInputError(`project root not found: ${root}`);
    }
    if (!(await statPromise(real)).isDirectory()) throw new UserInputError(`project root is not a directory: ${root}`);
    return new Sandbox(real, loadConfig(real));
  }

  /**
   * Starts the search workers once the caller is up rather than on the first grep: for a
   * session where a model may search (`ace mcp`, `ace run`), not for commands that never do.
   */
  warmSearch(): void {
    setTimeout(() => (sharedPool ??= new SearchPool()).warm(), WARM_UP_DELAY_MS).unref();
  }

  /**
   * Resolves a caller's path (relative, or absolute inside the root) to a real file or
   * directory inside the root. Throws UserInputError for: NUL bytes, escapes (lexical or via
   * symlinks anywhere on the path), dangling links, link loops, special files, denied secrets,
   * not found, or a kind other than `expect`.
   */
  async resolve(path: string, expect: 'file' | 'directory' | 'any' = 'any'): Promise<ResolvedPath> {
    return resolveInRoot(this.root, path, this.policy, expect);
  }

  /** A byte stream of a resolved regular file, optionally a byte range [start, end]. */
  openRead(file: ResolvedPath, range?: { start?: number; end?: number }): Readable {
    return Readable.from(this.chunks(file, range), { objectMode: false });
  }

  /** The same bytes as `openRead`, as an async iterable of chunks (bounded memory: one chunk read ahead). */
  async *chunks(file: ResolvedPath, range?: { start?: number; end?: number }, chunkBytes?: number): AsyncGenerator<Buffer> {
    yield* readAhead(readChunks(file, range, chunkBytes));
  }

  /** Reads at most `bytes` from the start of a resolved regular file. */
  async readHead(file: ResolvedPath, bytes: number): Promise<Buffer> {
    return readHead(file, bytes);
  }

  /** Lists files (or entries) under the root, minus denied and (by default) ignored ones. */
  async list(options: ListOptions): Promise<ListEntry[]> {
    checkPatterns(options.patterns);
    const cwd = options.cwd && options.cwd !== '.' ? (await this.resolve(options.cwd, 'directory')).rel : '.';
    const walkOptions = {
      root: this.root,
      policy: this.policy,
      cwd,
      patterns: options.patterns,
      includeIgnored: options.includeIgnored ?? false,
      onlyFiles: options.onlyFiles ?? true,
    };
    if (options.stats === false) return (await walk(walkOptions)).map((rel) => ({ rel, size: 0, mtimeMs: 0 }));
    // Stat each batch as soon as the walk yields it.
    const entries: ListEntry[] = [];
    await walkInBatches(walkOptions, 256, (rels) => entries.push(...statAll(this.root, rels)));
    return entries;
  }

  /** True when the deny-list forbids this root-relative path. */
  isDenied(rel: string): boolean {
    return this.policy.isDenied(rel);
  }

  /** What a path is, without following a final symlink (file(1)-style). */
  async inspect(path: string): Promise<PathInfo> {
    return inspectPath(this.root, path, this.policy, (rel) => this.resolve(rel, 'directory'));
  }

  /**
   * Searches files off the main thread, in worker threads. `files` is either root-relative
   * paths from `list`, or list options: then the walk and the search overlap. `accept`
   * filters walked paths. Rejects with SearchTimeout past `limits.grepTimeoutMs`,
   * SearchCancelled when `signal` aborts.
   */
  async search(files: string[] | ListOptions, query: SearchQuery, signal?: AbortSignal, accept?: (rel: string) => boolean): Promise<SearchOutcome> {
    sharedPool ??= new SearchPool();
    const accepted = (rels: string[]) => (accept ? rels.filter(accept) : rels);
    if (Array.isArray(files)) {
      const list = accepted(files);
      return sharedPool.search(this.root, async (push) => push(list), query, this.limits.grepTimeoutMs, signal);
    }
    checkPatterns(files.patterns);
    const cwd = files.cwd && files.cwd !== '.' ? (await this.resolve(files.cwd, 'directory')).rel : '.';
    const walkOptions = {
      root: this.root,
      policy: this.policy,
      cwd,
      patterns: files.patterns,
      includeIgnored: files.includeIgnored ?? false,
      onlyFiles: true,
    };
    return sharedPool.search(this.root, (push) => walkInBatches(walkOptions, 512, (rels) => push(accepted(rels))), query, this.limits.grepTimeoutMs, signal);
  }
}

/**
 * Size and mtime of a batch of walked entries. Synchronous: a stat never opens (so never
 * blocks on a special file) and costs a third of a thread-pool round trip; one batch is
 * about a millisecond, so the walk keeps yielding between batches.
 */
function statAll(root: string, rels: string[]): ListEntry[] {
  return rels.map((rel) => {
    const info = statSync(`${root}/${rel}`, { throwIfNoEntry: false });
    return { rel, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0 };
  });
}
