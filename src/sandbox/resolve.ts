/**
 * Resolution of a caller's path to a real location inside the root. This is the one
 * security check every path goes through: lexical containment first, then the realpath
 * (symlinks anywhere on the path), then containment again on the real location.
 */
import { realpathSync, statSync } from 'node:fs';
import { lstat, readlink, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { RefusedPathError, UserInputError } from '../errors.js';
import { absoluteOf, isInside, relativeTo, requestedPath } from './paths.js';
import type { DenyPolicy } from './policy.js';
import { refuseSpecial } from './special.js';

/** A caller's path, resolved: what every tool works with. */
export interface Resolved {
  /** POSIX path relative to the root of the real (symlink-free) location; '.' for the root. */
  rel: string;
  /** The path as the caller asked it, normalised relative to the root. */
  requested: string;
  /** Real absolute path. Never shown to a caller. */
  abs: string;
  kind: 'file' | 'directory';
  size: number;
  mtimeMs: number;
  /** Identity seen at resolution; opening re-checks it, so a swapped file is refused. */
  dev: number;
  ino: number;
  /** True when some component of the requested path was a symlink. */
  viaSymlink: boolean;
}

const MAX_LINK_HOPS = 40;

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * Explains why the realpath of `requested` failed, walking it one component at a time
 * without ever naming a location outside the root.
 */
async function explainFailure(root: string, requested: string, err: unknown): Promise<UserInputError | RefusedPathError> {
  if (code(err) === 'ELOOP') return new UserInputError(`symbolic link loop: ${requested}`);
  if (code(err) === 'EACCES') return new UserInputError(`permission denied: ${requested}`);
  if (code(err) === 'ENAMETOOLONG') return new UserInputError(`path too long: ${requested}`);
  if (code(err) !== 'ENOENT' && code(err) !== 'ENOTDIR') return new UserInputError(`cannot access ${requested}`);
  const parts = requested.split('/');
  let current = root;
  let hops = 0;
  for (let i = 0; i < parts.length; i++) {
    const shown = parts.slice(0, i + 1).join('/');
    let next = path.join(current, parts[i]!);
    for (;;) {
      let info;
      try {
        info = await lstat(next);
      } catch {
        return new UserInputError(i === parts.length - 1 ? `not found: ${requested}` : `not found: ${shown} (in ${requested})`);
      }
      if (!info.isSymbolicLink()) break;
      if (++hops > MAX_LINK_HOPS) return new UserInputError(`symbolic link loop: ${shown}`);
      const target = path.resolve(path.dirname(next), await readlink(next));
      try {
        await stat(target);
      } catch (e) {
        if (code(e) === 'ELOOP') return new UserInputError(`symbolic link loop: ${shown}`);
        const outside = !isInside(root, target);
        return new UserInputError(outside ? `symbolic link points outside the project root: ${shown}` : `dangling symbolic link: ${shown}`);
      }
      next = target;
    }
    const real = await realpath(next).catch(() => next);
    if (!isInside(root, real)) return new RefusedPathError(`path escapes the project root through a symbolic link: ${shown}`);
    if (
      i < parts.length - 1 &&
      !(await stat(real).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    ) {
      return new UserInputError(`not a directory: ${shown} (in ${requested})`);
    }
    current = real;
  }
  return new UserInputError(`not found: ${requested}`);
}

/** Resolves a caller's path; see Sandbox.resolve for the contract. */
export async function resolveInRoot(root: string, input: string, policy: DenyPolicy, expect: 'file' | 'directory' | 'any'): Promise<Resolved> {
  if (typeof input !== 'string') throw new UserInputError('path must be a string');
  const requested = requestedPath(root, input);
  if (policy.isDenied(requested)) throw new RefusedPathError(`denied by the sandbox policy (secrets): ${requested}`);
  const lexical = absoluteOf(root, requested);
  // Metadata calls are made synchronously: each is one fast syscall, cheaper than a round trip
  // through libuv's thread pool, and a small read stays well under a millisecond.
  let real: string;
  try {
    real = realpathSync.native(lexical);
  } catch (err) {
    throw await explainFailure(root, requested, err);
  }
  if (!isInside(root, real)) {
    throw new RefusedPathError(`path escapes the project root through a symbolic link: ${requested}`);
  }
  const rel = relativeTo(root, real);
  if (policy.isDenied(rel)) throw new RefusedPathError(`denied by the sandbox policy (secrets): ${requested}`);
  let info;
  try {
    info = statSync(real);
  } catch (err) {
    throw new UserInputError(code(err) === 'ENOENT' ? `not found: ${requested}` : `cannot access ${requested}`);
  }
  const kind = refuseSpecial(info, requested);
  if (kind === 'directory' && policy.isDenied(rel, true)) {
    throw new RefusedPathError(`denied by the sandbox policy (secrets): ${requested}`);
  }
  if (expect !== 'any' && kind !== expect) {
    throw new UserInputError(expect === 'file' ? `is a directory, not a file: ${requested} (use glob to list it)` : `not a directory: ${requested}`);
  }
  return {
    rel,
    requested,
    abs: real,
    kind,
    size: info.size,
    mtimeMs: info.mtimeMs,
    dev: info.dev,
    ino: info.ino,
    viaSymlink: real !== lexical,
  };
}
