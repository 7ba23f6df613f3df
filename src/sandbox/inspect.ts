/**
 * What a path is without following its last component: for the `file` tool, which reports
 * a symbolic link as such (and its target only when that lies inside the root).
 */
import { lstat, readlink, realpath } from 'node:fs/promises';
import path from 'node:path';
import { RefusedPathError, UserInputError } from '../errors.js';
import { baseName, isInside, parentOf, relativeTo, requestedPath } from './paths.js';
import type { DenyPolicy } from './policy.js';
import { kindOf, type EntryKind } from './special.js';

export interface PathInfo {
  /** The path as asked, root-relative. */
  requested: string;
  kind: EntryKind;
  size: number;
  mtimeMs: number;
  /** For a symlink: its target, root-relative, or null when it lies outside the root. */
  linkTarget?: string | null;
  /** For a symlink: 'ok', 'dangling', 'loop' or 'outside'. */
  linkState?: 'ok' | 'dangling' | 'loop' | 'outside';
}

export async function inspectPath(
  root: string,
  input: string,
  policy: DenyPolicy,
  resolveDirectory: (rel: string) => Promise<{ abs: string }>,
): Promise<PathInfo> {
  const requested = requestedPath(root, input);
  if (policy.isDenied(requested)) throw new RefusedPathError(`denied by the sandbox policy (secrets): ${requested}`);
  const parentAbs = requested === '.' ? path.dirname(root) : (await resolveDirectory(parentOf(requested))).abs;
  const abs = requested === '.' ? root : path.join(parentAbs, baseName(requested));
  const info = await lstat(abs).catch(() => {
    throw new UserInputError(`not found: ${requested}`);
  });
  const kind = kindOf(info);
  const base: PathInfo = { requested, kind, size: info.size, mtimeMs: info.mtimeMs };
  if (kind !== 'symlink') {
    if (policy.isDenied(relativeTo(root, abs), kind === 'directory')) {
      throw new RefusedPathError(`denied by the sandbox policy (secrets): ${requested}`);
    }
    return base;
  }
  const lexicalTarget = path.resolve(parentAbs, await readlink(abs));
  try {
    const real = await realpath(abs);
    if (!isInside(root, real)) return { ...base, linkTarget: null, linkState: 'outside' };
    return { ...base, linkTarget: relativeTo(root, real), linkState: 'ok' };
  } catch (err) {
    if (!isInside(root, lexicalTarget)) return { ...base, linkTarget: null, linkState: 'outside' };
    const loop = (err as NodeJS.ErrnoException).code === 'ELOOP';
    return { ...base, linkTarget: relativeTo(root, lexicalTarget), linkState: loop ? 'loop' : 'dangling' };
  }
}
