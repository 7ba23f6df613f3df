/**
 * Opening a resolved file without ever blocking or following a swapped-in link:
 * O_NONBLOCK (a FIFO swapped in after the stat cannot hang the open), O_NOFOLLOW (a
 * symlink swapped in for the final component fails), then an fstat that must show the
 * very file the resolution saw.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { UserInputError } from '../errors.js';

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
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/**
 * The bytes of [start, end] (inclusive) in chunks of up to `chunkBytes`, read from a
 * checked descriptor: no byte is produced before the identity check.
 */
export async function* readChunks(
  target: OpenTarget,
  range: { start?: number; end?: number } = {},
  chunkBytes = 1 << 20,
): AsyncGenerator<Buffer> {
  const handle = await openChecked(target);
  try {
    let position = range.start ?? 0;
    const end = range.end ?? Number.POSITIVE_INFINITY;
    while (position <= end) {
      const want = Math.min(chunkBytes, end - position + 1);
      const buffer = Buffer.allocUnsafe(want);
      const { bytesRead } = await handle.read(buffer, 0, want, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield bytesRead === want ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
