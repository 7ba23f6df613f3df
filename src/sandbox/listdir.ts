/**
 * Directory listing bound to a descriptor. The walk lists directories it reached through real
 * directories, but one could be swapped for a link to outside the root before it is listed.
 * Opening the directory with O_NOFOLLOW, checking where the descriptor landed (/proc/self/fd
 * on Linux), then listing and reading through that descriptor leaves no window for the swap.
 */
import { closeSync, constants, type Dirent, openSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';

const FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export interface Listing {
  entries: Dirent[];
  /** The named file's text when asked for and present (e.g. the directory's .gitignore). */
  text?: string;
}

/** Where an open descriptor is, or null where the system cannot say (no /proc). */
function descriptorPath(fd: number): string | null {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

/**
 * Lists `dirAbs`, an absolute path with no links on it. Throws (ENOTDIR, ELOOP, or ESTALE when
 * the directory is no longer at that path) rather than list anything else. `readText(entries)`
 * names a file of the directory to read as text, if any.
 */
export function listDirectory(dirAbs: string, readText?: (entries: Dirent[]) => string | undefined): Listing {
  const fd = openSync(dirAbs, FLAGS);
  try {
    const at = descriptorPath(fd);
    if (at !== null && at !== dirAbs) {
      throw Object.assign(new Error(`${dirAbs} is no longer where it was listed from`), { code: 'ESTALE' });
    }
    const via = at === null ? dirAbs : `/proc/self/fd/${fd}`;
    const entries = readdirSync(via, { withFileTypes: true });
    const name = readText?.(entries);
    if (name === undefined) return { entries };
    try {
      return { entries, text: readFileSync(`${via}/${name}`, 'utf8') };
    } catch {
      return { entries };
    }
  } finally {
    closeSync(fd);
  }
}
