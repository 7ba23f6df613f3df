/**
 * Opening a resolved file without ever blocking or following a swapped-in link:
 * O_NONBLOCK (a FIFO swapped in after the stat cannot hang the open), O_NOFOLLOW (a
 * symlink swapped in for the final component fails), then an fstat that must show the
 * very file the resolution saw. No byte of a file whose first bytes are a private-key
 * header is ever returned.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { RefusedPathError, UserInputError } from '../errors.js';
import { PRIVATE_KEY_PROBE_BYTES, startsWithPrivateKey } from './private-key.js';

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;

export interface OpenTarget {
  abs: string;
  requested: string;
  dev: number;
  ino: number;
}

export async function openChecked(target: OpenTarget): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(target.abs, FLAGS);
  } catch {
    throw new UserInputError(`cannot open ${target.requested} (it changed since it was resolved?)`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() || info.dev !== target.dev || info.ino !== target.ino) {
      throw new UserInputError(`file changed while being opened: ${target.requested}`);
    }
    return handle;
  } catch (err) {
    await handle.close();
    throw err;
  }
}

function privateKeyRefused(requested: string): RefusedPathError {
  return new RefusedPathError(`refused: ${requested} holds a private key (secrets are never read, whatever their name)`);
}

/** Throws when the first bytes of the open file are a private-key header. */
function refuseKeySync(fd: number, size: number, requested: string): void {
  const head = Buffer.allocUnsafe(Math.min(size, PRIVATE_KEY_PROBE_BYTES));
  const n = head.length > 0 ? readSync(fd, head, 0, head.length, 0) : 0;
  if (startsWithPrivateKey(head.subarray(0, n))) throw privateKeyRefused(requested);
}

async function refuseKey(handle: FileHandle, requested: string): Promise<void> {
  const head = Buffer.allocUnsafe(PRIVATE_KEY_PROBE_BYTES);
  const { bytesRead } = await handle.read(head, 0, head.length, 0);
  if (startsWithPrivateKey(head.subarray(0, bytesRead))) throw privateKeyRefused(requested);
}

/** Up to this many bytes are read synchronously: four thread-pool round trips cost more than the read. */
const SYNC_READ_BYTES = 512 * 1024;

function readHeadSync(target: OpenTarget, bytes: number): Buffer {
  let fd: number;
  try {
    fd = openSync(target.abs, FLAGS);
  } catch {
    throw new UserInputError(`cannot open ${target.requested} (it changed since it was resolved?)`);
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.dev !== target.dev || info.ino !== target.ino) {
      throw new UserInputError(`file changed while being opened: ${target.requested}`);
    }
    // Exactly what fstat promised: asking for one byte more costs a second read that returns 0.
    const buffer = Buffer.allocUnsafe(Math.min(bytes, info.size));
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    if (filled >= Math.min(info.size, PRIVATE_KEY_PROBE_BYTES)) {
      if (startsWithPrivateKey(buffer.subarray(0, filled))) throw privateKeyRefused(target.requested);
    } else refuseKeySync(fd, info.size, target.requested);
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Reads up to `bytes` from the start of the file. */
export async function readHead(target: OpenTarget, bytes: number): Promise<Buffer> {
  if (bytes <= SYNC_READ_BYTES) return readHeadSync(target, bytes);
  const handle = await openChecked(target);
  try {
    const buffer = Buffer.allocUnsafe(bytes);
    let filled = 0;
    while (filled < bytes) {
      const { bytesRead } = await handle.read(buffer, filled, bytes - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (startsWithPrivateKey(buffer.subarray(0, filled))) throw privateKeyRefused(target.requested);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The bytes of [start, end] (inclusive) in chunks of up to `chunkBytes`, read from a
 * checked descriptor: no byte is produced before the identity check.
 */
export async function* readChunks(target: OpenTarget, range: { start?: number; end?: number } = {}, chunkBytes = 1 << 20): AsyncGenerator<Buffer> {
  const handle = await openChecked(target);
  try {
    let position = range.start ?? 0;
    const end = range.end ?? Number.POSITIVE_INFINITY;
    // The first chunk of a read from the start holds the head; any other read probes it first.
    let headChecked = false;
    if (position !== 0 || chunkBytes < PRIVATE_KEY_PROBE_BYTES || end < PRIVATE_KEY_PROBE_BYTES - 1) {
      await refuseKey(handle, target.requested);
      headChecked = true;
    }
    while (position <= end) {
      const want = Math.min(chunkBytes, end - position + 1);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (!headChecked) {
        if (startsWithPrivateKey(buffer.subarray(0, bytesRead))) throw privateKeyRefused(target.requested);
        headChecked = true;
      }
      if (bytesRead === 0) return;
      position += bytesRead;
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Why a small file the sandbox reads for itself (.gitignore, ace.config.json) was not read. */
export type SmallFileProblem = 'absent' | 'symbolic link' | 'not a regular file' | 'too large' | 'unreadable';

export type SmallFile = { text: string } | { problem: SmallFileProblem };

/**
 * Reads a small file the sandbox needs for itself, by the same rules as a caller's file:
 * non-blocking, never through a link in the last component (O_NOFOLLOW), regular files
 * only, at most `maxBytes` (checked on the descriptor; a file that grows while it is read
 * is refused as unreadable). `abs` must have no link before its last
 * component (a real directory, or /proc/self/fd/N of a checked directory). Never throws.
 */
export function readSmallFile(abs: string, maxBytes: number): SmallFile {
  let fd: number;
  try {
    fd = openSync(abs, FLAGS);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: 'absent' };
    return { problem: code === 'ELOOP' || code === 'EMLINK' ? 'symbolic link' : 'unreadable' };
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { problem: 'not a regular file' };
    if (info.size > maxBytes) return { problem: 'too large' };
    // One byte more than fstat promised: a file that grows meanwhile shows it.
    const buffer = Buffer.allocUnsafe(info.size + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    if (filled > info.size) return { problem: 'unreadable' };
    return { text: buffer.toString('utf8', 0, filled) };
  } catch {
    return { problem: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}
