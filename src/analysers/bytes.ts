/**
 * Byte-stream helpers shared by the parsers: transparent gunzip, line splitting with bounded
 * memory, and a small RFC 4180 CSV record reader. Pure logic: a source is any async iterable
 * of bytes (a sandbox Readable in production, an in-memory array in tests).
 */
import { Readable, pipeline } from 'node:stream';
import { createGunzip, gunzipSync, constants as zconst } from 'node:zlib';

type Chunk = Buffer | Uint8Array | string;
/** A Readable, an async generator, or (in tests) a plain array of chunks. */
export type ByteSource = AsyncIterable<Chunk> | Iterable<Chunk>;

const GZIP_MAGIC_0 = 0x1f;
const GZIP_MAGIC_1 = 0x8b;

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === GZIP_MAGIC_0 && head[1] === GZIP_MAGIC_1;
}

/** Decompresses as much of a (possibly truncated) gzip head as it can: for sniffing only. */
export function gunzipHead(head: Buffer, maxBytes = 64 * 1024): Buffer {
  try {
    const out = gunzipSync(head, { finishFlush: zconst.Z_SYNC_FLUSH });
    return out.subarray(0, maxBytes);
  } catch {
    return Buffer.alloc(0);
  }
}

function toBuffer(chunk: Chunk): Buffer {
  if (typeof chunk === 'string') return Buffer.from(chunk, 'utf8');
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Yields the source's bytes, gunzipped when the stream starts with the gzip magic number. */
export async function* decoded(source: ByteSource): AsyncGenerator<Buffer> {
  const it: AsyncIterator<Chunk> | Iterator<Chunk> =
    Symbol.asyncIterator in source ? (source as AsyncIterable<Chunk>)[Symbol.asyncIterator]() : (source as Iterable<Chunk>)[Symbol.iterator]();
  let first = await it.next();
  while (!first.done && toBuffer(first.value).length === 0) first = await it.next();
  if (first.done) return;
  const head = toBuffer(first.value);
  if (!isGzip(head)) {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield toBuffer(r.value);
    return;
  }
  async function* rest(): AsyncGenerator<Buffer> {
    yield head;
    for (let r = await it.next(); !r.done; r = await it.next()) yield toBuffer(r.value);
  }
  const gunzip = createGunzip();
  pipeline(Readable.from(rest()), gunzip, () => {});
  for await (const chunk of gunzip) yield chunk as Buffer;
}

/**
 * Calls `onLine(buf, start, end, lineNo)` for every line (without its \n or \r\n); the
 * buffer is only valid during the call. Memory stays bounded by the chunk size plus the
 * longest line, which is capped at `maxLineBytes`.
 */
export async function forEachLine(
  source: ByteSource,
  onLine: (buf: Buffer, start: number, end: number, lineNo: number) => void,
  maxLineBytes = 16 * 1024 * 1024,
): Promise<number> {
  let carry: Buffer | null = null;
  let lineNo = 0;
  for await (const chunk of decoded(source)) {
    const data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(10, start); nl !== -1; nl = data.indexOf(10, start)) {
      const end = nl > start && data[nl - 1] === 13 ? nl - 1 : nl;
      onLine(data, start, end, ++lineNo);
      start = nl + 1;
    }
    carry = start < data.length ? data.subarray(start) : null;
    if (carry && carry.length > maxLineBytes) throw new Error(`line ${lineNo + 1} is longer than ${maxLineBytes} bytes`);
    if (carry) carry = Buffer.from(carry); // detach from the big chunk so it can be freed
  }
  if (carry && carry.length > 0) {
    let end = carry.length;
    if (carry[end - 1] === 13) end--;
    onLine(carry, 0, end, ++lineNo);
  }
  return lineNo;
}

/** Reads a whole (small) source into one string; refuses more than `maxBytes`. */
export async function readAllText(source: ByteSource, maxBytes: number): Promise<string> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const chunk of decoded(source)) {
    total += chunk.length;
    if (total > maxBytes) throw new Error(`file is larger than ${maxBytes} bytes for a summary format`);
    parts.push(chunk);
  }
  return Buffer.concat(parts).toString('utf8').replace(/^\uFEFF/, '');
}

/**
 * Streams CSV records (RFC 4180: quoted fields may hold commas, doubled quotes and newlines).
 * `onRecord(fields, lineNo)` gets the line number where the record started.
 */
export async function forEachCsvRecord(
  source: ByteSource,
  onRecord: (fields: string[], lineNo: number) => void,
  delimiter = ',',
): Promise<void> {
  let fields: string[] = [];
  let field = '';
  let inQuotes = false;
  let open = false; // a record spans lines (a quoted field holds a newline)
  let startLine = 0;
  await forEachLine(source, (buf, s, e, lineNo) => {
    let line = buf.toString('utf8', s, e);
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (!open) {
      if (line.length === 0) return;
      startLine = lineNo;
      if (line.indexOf('"') === -1) {
        onRecord(line.split(delimiter), lineNo);
        return;
      }
      fields = [];
      field = '';
      inQuotes = false;
    } else {
      field += '\n';
    }
    for (let i = 0; i < line.length; i++) {
      const ch = line[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i++;
          } else inQuotes = false;
        } else field += ch;
      } else if (ch === '"') inQuotes = true;
      else if (ch === delimiter) {
        fields.push(field);
        field = '';
      } else field += ch;
    }
    if (inQuotes) {
      open = true;
      return;
    }
    fields.push(field);
    open = false;
    onRecord(fields, startLine);
  });
  if (open) {
    fields.push(field);
    onRecord(fields, startLine);
  }
}
