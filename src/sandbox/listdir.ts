/**
 * Directory listing bound to a descriptor. The walk lists directories it reached through real
 * directories, but one could be swapped for a link to outside the root before it is listed.
 * Opening the directory with O_NOFOLLOW, checking where the descriptor landed (/proc/self/fd
 * on Linux), then listing and reading through that descriptor leaves no window for the swap.
 */
import { closeSync, constants, type Dirent, openSync, readdirSync, readlinkSync } from 'node:fs';
import { readSmallFile } from './open.js';

const FLAGS = constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

export interface Listing {
  entries: Dirent[];
  /**
   * The named file's text when asked for and readable by the sandbox's rules (e.g. the
   * directory's .gitignore): a link, a special file or one over the size limit counts as absent.
   */
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

/** Runs `use` with a path that reaches the directory `dirAbs` through a checked descriptor. */
function atDirectory<T>(dirAbs: string, use: (via: string) => T): T {
  const fd = openSync(dirAbs, FLAGS);
  try {
    const at = descriptorPath(fd);
    if (at !== null && at !== dirAbs) {
      throw Object.assign(new Error(`${dirAbs} is no longer where it was listed from`), { code: 'ESTALE' });
    }
    return use(at === null ? dirAbs : `/proc/self/fd/${fd}`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Lists `dirAbs`, an absolute path with no links on it. Throws (ENOTDIR, ELOOP, or ESTALE when
 * the directory is no longer at that path) rather than list anything else. `readText(entries)`
 * names a file of the directory to read as text, if any, of at most `textMaxBytes`.
 */
export function listDirectory(dirAbs: string, readText?: (entries: Dirent[]) => string | undefined, textMaxBytes = 1 << 20): Listing {
  return atDirectory(dirAbs, (via) => {
    const entries = readdirSync(via, { withFileTypes: true });
    const name = readText?.(entries);
    if (name === undefined) return { entries };
    const read = readSmallFile(`${via}/${name}`, textMaxBytes);
    return 'text' in read ? { entries, text: read.text } : { entries };
  });
}

/**
 * The text of the file `name` in the directory `dirAbs` (no links on it), by the same rules as
 * `Listing.text`; undefined when absent or refused, or when the directory cannot be reached.
 */
export function readTextIn(dirAbs: string, name: string, maxBytes: number): string | undefined {
  try {
    return atDirectory(dirAbs, (via) => {
      const read = readSmallFile(`${via}/${name}`, maxBytes);
      return 'text' in read ? read.text : undefined;
    });
  } catch {
    return undefined;
  }
}
