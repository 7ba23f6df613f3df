/**
 * The search worker thread's entry: reads the files of each batch (no link followed, nothing
 * but regular files, a private key under any name refused) and hands their bytes to the
 * matching of match.ts. The pool starts it from its own file: dist/sandbox/search/worker.js,
 * or search-worker.mjs beside a bundle (scripts/bundle-server.mjs).
 */
import { closeSync, constants, fstatSync, openSync, readlinkSync, readSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { startsWithPrivateKey } from '../private-key.js';
import { compileQuery, searchBuffer, type Compiled } from './match.js';
import type { BatchReply, BatchRequest, FileMatches, SearchQuery } from './protocol.js';

const FLAGS = constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW;
const SNIFF = 8192;
/** The first read: the binary sniff and most files in one call. */
const FIRST_READ_BYTES = 256 * 1024;
/**
 * One buffer reused for every file: allocating (and collecting) one per file costs more than
 * the search, and every page of a fresh buffer costs a fault when first filled.
 */
const MIN_SCRATCH_BYTES = 1024 * 1024;
const KEEP_SCRATCH_BYTES = 16 * 1024 * 1024;
let scratch = Buffer.allocUnsafeSlow(MIN_SCRATCH_BYTES);

/** The query is compiled once per worker (per search it serves), not per file or batch. */
let compiledKey = '';
let compiled: Compiled = {};
function compile(q: SearchQuery): Compiled {
  const key = JSON.stringify([q.pattern, q.fixed, q.ignoreCase, q.multiline, q.prefilter]);
  if (key !== compiledKey) {
    compiled = compileQuery(q);
    compiledKey = key;
  }
  return compiled;
}

interface OpenFile {
  fd: number;
  size: number;
}

/** Opens a walked file without following a link or blocking; only a regular file within the size limit. */
function openFile(abs: string, maxBytes: number): OpenFile | 'large' | 'unreadable' {
  let fd: number;
  try {
    fd = openSync(abs, FLAGS);
  } catch {
    return 'unreadable';
  }
  try {
    const info = fstatSync(fd);
    if (info.isFile() && info.size <= maxBytes) return { fd, size: info.size };
    closeSync(fd);
    return info.isFile() ? 'large' : 'unreadable';
  } catch {
    closeSync(fd);
    return 'unreadable';
  }
}

/** Reads the file's bytes [from, to) into the scratch buffer; returns the end reached (short at end of file). */
function fill(file: OpenFile, from: number, to: number): number {
  let filled = from;
  while (filled < to) {
    const n = readSync(file.fd, scratch, filled, to - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return filled;
}

/** Reads the whole file into the scratch buffer (grown to fit; shrunk back after a file over KEEP_SCRATCH_BYTES). */
function readWhole(file: OpenFile, maxBytes: number): number {
  if (file.size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.min(maxBytes, Math.max(file.size, scratch.length * 2)));
  else if (scratch.length > KEEP_SCRATCH_BYTES && file.size < KEEP_SCRATCH_BYTES) scratch = Buffer.allocUnsafeSlow(Math.max(MIN_SCRATCH_BYTES, file.size));
  return fill(file, 0, file.size);
}

/**
 * Whether the file holds `text`, read on from the `filled` bytes of its head in windows of the
 * scratch buffer that overlap by the text's length: a file found to lack a text every match
 * contains is ruled out without being held whole, and a literal found ends files mode early.
 */
function holds(file: OpenFile, filled: number, text: Buffer): boolean {
  const overlap = text.length - 1;
  if (overlap * 2 >= scratch.length) return true; // cannot tell: read it whole
  let windowAt = 0; // the file offset of scratch[0]
  for (;;) {
    if (scratch.subarray(0, filled).indexOf(text) >= 0) return true;
    if (windowAt + filled >= file.size) return false;
    scratch.copyWithin(0, filled - overlap, filled);
    windowAt += filled - overlap;
    const n = readSync(file.fd, scratch, overlap, scratch.length - overlap, windowAt + overlap);
    if (n === 0) return false;
    filled = overlap + n;
  }
}

/**
 * Whether an open descriptor is still the file at `abs`. O_NOFOLLOW guards only the last
 * component: a directory on the path swapped for a link to outside the root during the
 * search would land the open elsewhere, and /proc/self/fd says where it landed. Checked only
 * for files that match, the only ones whose content is returned; where the system has no
 * /proc, the walk's own checks are all there is.
 */
function stillAt(fd: number, abs: string): boolean {
  let real: string;
  try {
    real = readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return true;
  }
  return real === abs;
}

/** Searches one file: sniffs its head for binary content, then reads on as far as the search needs. */
function searchPath(abs: string, rel: string, q: SearchQuery, query: Compiled, reply: BatchReply): void {
  const file = openFile(abs, q.maxFileBytes);
  if (file === 'large') reply.skippedLarge++;
  if (typeof file === 'string') {
    if (file === 'unreadable') reply.unreadable++;
    return;
  }
  try {
    let filled = fill(file, 0, Math.min(file.size, FIRST_READ_BYTES));
    if (scratch.subarray(0, Math.min(filled, SNIFF)).includes(0)) {
      reply.skippedBinary++;
      return;
    }
    if (startsWithPrivateKey(scratch.subarray(0, filled))) {
      reply.unreadable++; // a private key under any name: neither content nor name
      return;
    }
    let found: FileMatches | null = null;
    if (filled < file.size) {
      const mustHold = query.needle ?? query.prefilter?.[0];
      if (mustHold && !holds(file, filled, mustHold)) return;
      if (query.needle && q.mode === 'files') found = { rel, count: 1 };
      else filled = readWhole(file, q.maxFileBytes);
    }
    found ??= searchBuffer(rel, scratch.subarray(0, filled), q, query);
    if (!found) return;
    if (stillAt(file.fd, abs)) reply.matches.push(found);
    else reply.unreadable++;
  } catch {
    reply.unreadable++;
  } finally {
    closeSync(file.fd);
  }
}

parentPort!.on('message', (request: BatchRequest) => {
  const reply: BatchReply = { id: request.id, matches: [], skippedBinary: 0, skippedLarge: 0, unreadable: 0 };
  const base = request.root.endsWith('/') ? request.root : `${request.root}/`;
  const query = compile(request.query);
  for (const rel of request.files) searchPath(base + rel, rel, request.query, query, reply);
  parentPort!.postMessage(reply);
});
