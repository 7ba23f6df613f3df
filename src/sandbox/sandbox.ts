/**
 * The sandbox: the only door to the disk. CONTRACT ONLY — being implemented (issue 2).
 * Every other module reaches files through these methods; none imports node:fs.
 */
import type { Readable } from 'node:stream';

export interface ResolvedPath {
  /** POSIX path relative to the root of the real (symlink-free) location; '.' for the root. */
  rel: string;
  /** The path as the caller asked it, normalised relative to the root. */
  requested: string;
  /** Real absolute path. Never shown to a caller. */
  abs: string;
  kind: 'file' | 'directory';
  size: number;
  mtimeMs: number;
  /** True when some component of the requested path was a symlink. */
  viaSymlink: boolean;
}

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
  /** Include .gitignore'd files (never denied ones, never node_modules/.git internals of denied kind). */
  includeIgnored?: boolean;
  onlyFiles?: boolean;
}

export class Sandbox {
  /** Realpath of the root, resolved once. */
  readonly root: string;

  protected constructor(root: string) {
    this.root = root;
  }

  /** Realpaths `root` once and loads `ace.config.json` from it, if any. */
  static async open(_root: string): Promise<Sandbox> {
    throw new Error('sandbox: not implemented yet');
  }

  /**
   * Resolves a caller's path (relative, or absolute inside the root) to a real file or
   * directory inside the root. Throws UserInputError for: NUL bytes, escapes (lexical or via
   * symlinks anywhere on the path), dangling links, link loops, special files, denied secrets,
   * not found, or a kind other than `expect`.
   */
  async resolve(_path: string, _expect: 'file' | 'directory' | 'any' = 'any'): Promise<ResolvedPath> {
    throw new Error('sandbox: not implemented yet');
  }

  /** A byte stream of a resolved regular file, optionally a byte range [start, end]. */
  openRead(_file: ResolvedPath, _range?: { start?: number; end?: number }): Readable {
    throw new Error('sandbox: not implemented yet');
  }

  /** Reads at most `bytes` from the start of a resolved regular file. */
  async readHead(_file: ResolvedPath, _bytes: number): Promise<Buffer> {
    throw new Error('sandbox: not implemented yet');
  }

  /** Lists files (or entries) under the root, minus denied and (by default) ignored ones. */
  async list(_options: ListOptions): Promise<ListEntry[]> {
    throw new Error('sandbox: not implemented yet');
  }

  /** True when the deny-list forbids this root-relative path. */
  isDenied(_rel: string): boolean {
    throw new Error('sandbox: not implemented yet');
  }
}
