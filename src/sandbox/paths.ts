/**
 * Pure path arithmetic for the sandbox: turning a caller's string into a root-relative
 * POSIX path, and separator-aware containment. No disk access here.
 */
import path from 'node:path';
import { RefusedPathError, UserInputError } from '../errors.js';

/** True when `abs` is `root` itself or lies below it (`/srv/app-evil` is not inside `/srv/app`). */
export function isInside(root: string, abs: string): boolean {
  if (abs === root) return true;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return abs.startsWith(prefix);
}

/** Root-relative POSIX path of an absolute path known to be inside the root; '.' for the root. */
export function relativeTo(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  return rel === '' ? '.' : rel.split(path.sep).join('/');
}

/** Joins a root-relative path back onto the root. */
export function absoluteOf(root: string, rel: string): string {
  return rel === '.' ? root : path.join(root, rel);
}

/**
 * Normalises what a caller asked for into a root-relative path, without touching the disk.
 * Accepts relative paths and absolute paths inside the root; refuses NUL bytes and anything
 * that leaves the root lexically (`..` above it, another absolute location).
 */
export function requestedPath(root: string, input: string): string {
  if (input.includes('\0')) throw new UserInputError('path contains a NUL byte');
  const trimmed = input.trim();
  if (trimmed === '') return '.';
  const abs = path.isAbsolute(trimmed) ? path.resolve(trimmed) : path.resolve(root, trimmed);
  if (!isInside(root, abs)) {
    throw new RefusedPathError(
      path.isAbsolute(trimmed)
        ? 'absolute path outside the project root: give a path relative to the root'
        : `path escapes the project root: ${JSON.stringify(trimmed)}`,
    );
  }
  return relativeTo(root, abs);
}

/** The parent of a root-relative path ('.' for top-level entries). */
export function parentOf(rel: string): string {
  const at = rel.lastIndexOf('/');
  return at < 0 ? '.' : rel.slice(0, at);
}

/** Last component of a POSIX path. */
export function baseName(rel: string): string {
  return rel.slice(rel.lastIndexOf('/') + 1);
}
