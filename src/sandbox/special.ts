/** What kind of filesystem object a stat describes, and the refusal for the kinds no tool opens. */
import type { Stats } from 'node:fs';
import { RefusedPathError } from '../errors.js';

export type EntryKind = 'file' | 'directory' | 'symlink' | 'fifo' | 'socket' | 'character device' | 'block device' | 'unknown';

export function kindOf(
  stats: Pick<Stats, 'isFile' | 'isDirectory' | 'isSymbolicLink' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>,
): EntryKind {
  if (stats.isFile()) return 'file';
  if (stats.isDirectory()) return 'directory';
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isFIFO()) return 'fifo';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice()) return 'character device';
  if (stats.isBlockDevice()) return 'block device';
  return 'unknown';
}

/** Throws unless the stat is of a regular file or a directory: opening anything else can block or stream forever. */
export function refuseSpecial(stats: Stats, rel: string): 'file' | 'directory' {
  const kind = kindOf(stats);
  if (kind === 'file' || kind === 'directory') return kind;
  throw new RefusedPathError(`special file refused (${kind}): ${rel}`);
}
