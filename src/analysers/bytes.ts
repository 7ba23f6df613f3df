/**
 * Byte-stream helpers shared by the parsers: transparent, capped gunzip and bounded whole-file
 * reads (lines: lines.ts). Pure logic: a source is any async iterable of bytes (a sandbox
 * Readable in production, an in-memory array in tests).
 */
import { Readable, addAbortSignal, pipeline } from 'node:stream';
import { createGunzip, gunzipSync, constants as zconst } from 'node:zlib';
import { EvidenceError } from '../errors.js';

type Chunk = Buffer | Uint8Array | string;
/** A Readable, an async generator, or (in tests) a plain array of chunks. */
export type ByteSource = AsyncIterable<Chunk> | Iterable<Chunk>;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

/**
 * Decompresses as much of a (possibly truncated) gzip head as it can, up to `maxBytes`: for
 * sniffing only. Never inflates more than `maxBytes` (a 256 KB head of a gzip bomb would
 * otherwise inflate to 256 MB, synchronously): past it, a shorter part of the head is tried.
 */
export function gunzipHead(head: Buffer, maxBytes = 64 * 1024): Buffer {
  for (let len = head.length; len >= 18; len = Math.floor(len / 2)) {
    try {
      return gunzipSync(head.subarray(0, len), { finishFlush: zconst.Z_SYNC_FLUSH, maxOutputLength: maxBytes });
    } catch (err) {
      if ((err as { code?: string }).code !== 'ERR_BUFFER_TOO_LARGE') return Buffer.alloc(0);
    }
  }
  return Buffer.alloc(0);
}

function toBuffer(chunk: Chunk): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Inflated bytes a gzip may always reach, whatever its compression ratio. */
export const INFLATE_FLOOR_BYTES = 32 * 1024 * 1024;
/**
 * Past the floor, inflated bytes may not exceed this many times the compressed bytes read so
 * far. Real result files stay far below: k6 NDJSON ~40x, JMeter CSV ~12x, a .cpuprofile ~6x,
 * folded stacks with deep shared prefixes ~150x; a gzip bomb runs at ~1000x.
 */
export const INFLATE_MAX_RATIO = 200;
/** Inflated bytes one tool call may read across all its gzipped files, by default. */
export const INFLATE_CALL_BUDGET_BYTES = 1024 * 1024 * 1024;

const MiB = (n: number) => `${Math.round(n / 1024 / 1024)} MiB`;

/**
 * A file over a decoding cap (size, inflation ratio, entries): unreadable evidence, not a bug.
 * Thrown before the file's name is known; the tool names it (EvidenceError.withPath).
 */
export class DecodeLimitError extends EvidenceError {
  override readonly name: string = 'DecodeLimitError';
  constructor(detail: string) {
    super(null, null, detail);
  }
}

/** Inflated bytes shared by every file of one tool call. */
export class InflateBudget {
  private used = 0;
  constructor(readonly maxBytes = INFLATE_CALL_BUDGET_BYTES) {}
  get spent(): number {
    return this.used;
  }
  charge(bytes: number): void {
    this.used += bytes;
    if (this.used > this.maxBytes) {
      throw new DecodeLimitError(`gzipped files of this call inflate to more than ${MiB(this.maxBytes)} in total: pass fewer files`);
    }
  }
}

export interface DecodeOptions {
  /** Checked per chunk; on abort the gunzip stream is destroyed and the reason thrown. */
  signal?: AbortSignal;
  /** Shared by the files of one call: total inflated bytes. */
  budget?: InflateBudget;
  /** Decoded bytes (inflated or not) this file may yield; refused past it. */
  maxBytes?: number;
  /** What `maxBytes` is for, in the error ("a JSON profile"). */
  what?: string;
  /** Per-file inflation cap: max(floorBytes, maxRatio x compressed bytes); defaults above. */
  floorBytes?: number;
  maxRatio?: number;
}

/**
 * Yields the source's bytes, gunzipped when the stream starts with the gzip magic number.
 * Every gzip is capped (INFLATE_FLOOR_BYTES, INFLATE_MAX_RATIO) even without options.
 */
export async function* decoded(source: ByteSource, options: DecodeOptions = {}): AsyncGenerator<Buffer> {
  const { signal, budget, maxBytes = Infinity, what = 'file' } = options;
  const floor = options.floorBytes ?? INFLATE_FLOOR_BYTES;
  const ratio = options.maxRatio ?? INFLATE_MAX_RATIO;
  signal?.throwIfAborted();
  const it: AsyncIterator<Chunk> | Iterator<Chunk> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<Chunk>)[Symbol.asyncIterator]() : (source as Iterable<Chunk>)[Symbol.iterator]();
  let total = 0;
  const count = (n: number) => {
    total += n;
    if (total > maxBytes) throw new DecodeLimitError(`larger than ${MiB(maxBytes)} for ${what}`);
  };
  try {
    let first = await it.next();
    while (!first.done && toBuffer(first.value).length === 0) first = await it.next();
    if (first.done) return;
    const head = toBuffer(first.value);
    if (!isGzip(head)) {
      count(head.length);
      yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) {
        signal?.throwIfAborted();
        const c = toBuffer(r.value);
        count(c.length);
        yield c;
      }
      return;
    }
    async function* rest(): AsyncGenerator<Buffer> {
      yield head;
      for (let r = await it.next(); !r.done; r = await it.next()) yield toBuffer(r.value);
    }
    const input = Readable.from(rest());
    const gunzip = createGunzip();
    if (signal) addAbortSignal(signal, gunzip);
    pipeline(input, gunzip, () => {});
    let inflated = 0;
    try {
      for await (const chunk of gunzip) {
        signal?.throwIfAborted();
        const c = chunk as Buffer;
        inflated += c.length;
        // bytesWritten: compressed bytes the inflater consumed (not those read ahead).
        const compressed = Math.max(gunzip.bytesWritten, 1);
        if (inflated > floor && inflated > ratio * compressed) {
          throw new DecodeLimitError(
            `gzip inflates to more than ${MiB(Math.max(floor, ratio * compressed))} at over ${ratio}x its compressed size: refused as a likely gzip bomb (cap per file: max(${MiB(floor)}, ${ratio} x compressed size))`,
          );
        }
        budget?.charge(c.length);
        count(c.length);
        yield c;
      }
    } finally {
      gunzip.destroy();
      input.destroy();
    }
  } finally {
    await it.return?.();
  }
}

/** Reads a whole (small) source into one string; refuses more than `maxBytes`. */
export async function readAllText(source: ByteSource, maxBytes: number, options?: DecodeOptions): Promise<string> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of decoded(source, options)) {
    total += chunk.length;
    if (total > maxBytes) throw new DecodeLimitError(`file is larger than ${maxBytes} bytes for a summary format`);
    parts.push(chunk);
  }
  return Buffer.concat(parts)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
}
