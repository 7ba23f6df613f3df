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
/** Later reads when a search may stop early (files mode, literal). */
const NEXT_READ_BYTES = 1024 * 1024;
/** One buffer reused for every file: allocating (and collecting) one per file costs more than the search. */
const KEEP_SCRATCH_BYTES = 16 * 1024 * 1024;
let scratch = Buffer.allocUnsafeSlow(1024 * 1024);

/** The query is compiled once per worker, not per file or batch. */
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
    if (info.isFile() && info.size <= maxBytes) {
      if (info.size > scratch.length) scratch = Buffer.allocUnsafeSlow(Math.min(maxBytes, Math.max(info.size, scratch.length * 2)));
      else if (scratch.length > KEEP_SCRATCH_BYTES && info.size < KEEP_SCRATCH_BYTES) scratch = Buffer.allocUnsafeSlow(Math.max(1024 * 1024, info.size));
      return { fd, size: info.size };
    }
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

/** Files mode with a literal: reads on only until the first occurrence (chunks overlap by the needle's length). */
function containsLiteral(file: OpenFile, filled: number, needle: Buffer): boolean {
  let from = 0;
  for (;;) {
    if (scratch.subarray(0, filled).indexOf(needle, from) >= 0) return true;
    if (filled >= file.size) return false;
    from = Math.max(0, filled - needle.length + 1);
    const next = fill(file, filled, Math.min(file.size, filled + NEXT_READ_BYTES));
    if (next === filled) return false;
    filled = next;
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
function searchPath(abs: string, rel: string, q: SearchQuery, reply: BatchReply): void {
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
    const query = compile(q);
    let found: FileMatches | null;
    if (query.needle && q.mode === 'files') found = containsLiteral(file, filled, query.needle) ? { rel, count: 1 } : null;
    else {
      filled = fill(file, filled, file.size);
      found = searchBuffer(rel, scratch.subarray(0, filled), q, query);
    }
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
  for (const rel of request.files) searchPath(base + rel, rel, request.query, reply);
  parentPort!.postMessage(reply);
});
