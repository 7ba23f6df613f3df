/**
 * Splits a byte stream into newline-delimited lines with a cap on a line's size. A line over
 * the cap is never buffered: its bytes are dropped as they arrive, keeping only its first and
 * last few hundred bytes (enough to read a JSON-RPC id), until its newline ends it.
 */

/** Bytes kept of each end of an oversized line. */
const EDGE_BYTES = 512;

export interface OversizedLine {
  /** The line's size in bytes, without its newline. */
  bytes: number;
  /** Its first bytes (at most EDGE_BYTES). */
  head: Buffer;
  /** Its last bytes (at most EDGE_BYTES). */
  tail: Buffer;
}

export interface LineSink {
  line(text: string): void;
  oversized(line: OversizedLine): void;
}

export class LineReader {
  /** Pieces of the line in progress, while it is within the cap. */
  private pieces: Buffer[] = [];
  private held = 0;
  /** Set while dropping the rest of an oversized line. */
  private dropping: { bytes: number; head: Buffer; tail: Buffer } | undefined;

  constructor(
    private readonly maxLineBytes: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    while (start < chunk.length) {
      const newline = chunk.indexOf(10, start);
      const end = newline < 0 ? chunk.length : newline;
      this.take(chunk.subarray(start, end));
      if (newline < 0) return;
      this.endLine();
      start = newline + 1;
    }
  }

  /** Drops what is held (the stream ended inside a line). */
  clear(): void {
    this.pieces = [];
    this.held = 0;
    this.dropping = undefined;
  }

  private take(piece: Buffer): void {
    if (piece.length === 0) return;
    if (this.dropping) return this.drop(piece);
    if (this.held + piece.length <= this.maxLineBytes) {
      this.pieces.push(piece);
      this.held += piece.length;
      return;
    }
    const held = Buffer.concat(this.pieces, this.held);
    this.pieces = [];
    this.held = 0;
    this.dropping = { bytes: 0, head: Buffer.alloc(0), tail: Buffer.alloc(0) };
    this.drop(held);
    this.drop(piece);
  }

  private drop(piece: Buffer): void {
    const d = this.dropping!;
    if (d.head.length < EDGE_BYTES) d.head = Buffer.concat([d.head, piece.subarray(0, EDGE_BYTES - d.head.length)]);
    d.tail = piece.length >= EDGE_BYTES ? Buffer.from(piece.subarray(piece.length - EDGE_BYTES)) : lastBytes(Buffer.concat([d.tail, piece]), EDGE_BYTES);
    d.bytes += piece.length;
  }

  private endLine(): void {
    if (this.dropping) {
      const { bytes, head, tail } = this.dropping;
      this.dropping = undefined;
      return this.sink.oversized({ bytes, head, tail: stripCr(tail) });
    }
    const line = this.pieces.length === 1 ? this.pieces[0]! : Buffer.concat(this.pieces, this.held);
    this.pieces = [];
    this.held = 0;
    this.sink.line(stripCr(line).toString('utf8'));
  }
}

function lastBytes(buf: Buffer, n: number): Buffer {
  return buf.length <= n ? buf : buf.subarray(buf.length - n);
}

function stripCr(buf: Buffer): Buffer {
  return buf.length > 0 && buf[buf.length - 1] === 13 ? buf.subarray(0, -1) : buf;
}
