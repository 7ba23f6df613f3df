/**
 * The usual JTL CSV row, read in place: no quote, a one-byte delimiter, elapsed and timeStamp
 * plain digits, success exactly `true` or `false`. Such a row gives the values the general
 * reader (CsvReader, then jmeter.ts's checks) would give, without a string per field. Any
 * other row (the header again, a quoted field, a bad value, a formatted timestamp) is declined
 * before anything is counted, and the general reader reads it with its checks and messages.
 *
 * A row is read in one pass over its bytes: each field up to the last column read is scanned
 * once, its digits added up, its text hashed for the cache, as the delimiter is looked for. At
 * JMeter's shortest rows (~35 bytes) a second pass per field costs more than the rest of a row.
 */
import { FNV_OFFSET, FNV_PRIME, NextByte, TextCache } from './byte-fields.js';

/** Column indexes of a JTL header, by name. */
export type JtlColumns = Record<string, number | undefined>;

/** One row's values, as jmeter.ts records them. */
export interface JtlRow {
  elapsed: number;
  success: boolean;
  /** Epoch ms; undefined without a timeStamp column. */
  ts: number | undefined;
  label: string;
  thread: string | undefined;
  /** The allThreads field as a number: NaN when absent. */
  users: number;
}

/** What the reader does with a field, by column index (plain numbers: the build keeps enums as objects). */
const SKIP = 0;
const ELAPSED = 1;
const TIME_STAMP = 2;
const LABEL = 3;
const THREAD = 4;
const SUCCESS = 5;
const USERS = 6;

const NL = 10;
const CR = 13;
const QUOTE = 34;

export class JtlFastRows {
  private readonly quotes = new NextByte(QUOTE);
  private readonly texts = new TextCache();
  /** The last row read; the object is reused. */
  readonly row: JtlRow = { elapsed: 0, success: true, ts: undefined, label: '', thread: undefined, users: NaN };
  /** Kind of each field up to the last column read. */
  private readonly kinds: Uint8Array;
  /** Fields a row must have for the columns it is read by. */
  private readonly needed: number;
  /** Bytes that end a field in a line already cut (the delimiter), and in a chunk (also a quote and the line's end). */
  private readonly inLine = new Uint8Array(256);
  private readonly inChunk = new Uint8Array(256);

  /** Null when the delimiter is not one ASCII byte: every row then takes the general path. */
  static for(col: JtlColumns, delimiter: string): JtlFastRows | null {
    const code = delimiter.charCodeAt(0);
    return delimiter.length === 1 && code < 0x80 && code !== QUOTE && code !== NL && code !== CR ? new JtlFastRows(col, code) : null;
  }

  private constructor(
    col: JtlColumns,
    private readonly delimiter: number,
  ) {
    const roles: [number | undefined, number][] = [
      [col.elapsed, ELAPSED],
      [col.timeStamp, TIME_STAMP],
      [col.label, LABEL],
      [col.threadName, THREAD],
      [col.success, SUCCESS],
    ];
    this.needed = 1 + Math.max(...roles.map(([i]) => i ?? -1));
    this.kinds = new Uint8Array(Math.max(this.needed, 1 + (col.allThreads ?? -1))).fill(SKIP);
    for (const [i, kind] of [...roles, [col.allThreads, USERS] as const]) if (i !== undefined) this.kinds[i] = kind;
    this.inLine[delimiter] = 1;
    for (const b of [delimiter, QUOTE, NL, CR]) this.inChunk[b] = 1;
  }

  /** The row of the line buf[start, end) (without its "\n" and trailing "\r"s), or null when it is not a usual one. */
  read(buf: Buffer, start: number, end: number): JtlRow | null {
    if (this.quotes.from(buf, start) < end) return null;
    return this.fields(buf, start, end, this.inLine) < 0 ? null : this.row;
  }

  /**
   * The row of the line that starts at `start` in a chunk of `limit` bytes, its end found here:
   * the index of its "\n" with `row` set, or -1 when the line is not a usual one or does not end
   * in the chunk (nothing is read then: the caller gives the line to `read` or the general reader).
   */
  scan(buf: Buffer, start: number, limit: number): number {
    const at = this.fields(buf, start, limit, this.inChunk);
    if (at < 0 || at >= limit) return -1;
    const c = buf[at];
    if (c === NL) return at;
    if (c === CR) {
      let nl = at + 1;
      while (nl < limit && buf[nl] === CR) nl++;
      return nl < limit && buf[nl] === NL ? nl : -1; // a "\r" inside the line: the general reader's
    }
    if (c !== this.delimiter) return -1; // a quote
    // Fields after the last column read: not looked at, but a quote among them sends the line to the general reader.
    const nl = buf.indexOf(NL, at);
    return nl === -1 || this.quotes.from(buf, at) < nl ? -1 : nl;
  }

  /**
   * Reads the fields of a row from `start`, each ending at a byte of `stops` or at `limit`, into
   * `row`: the index where the last field read ends, or -1 when the row is not a usual one.
   */
  private fields(buf: Buffer, start: number, limit: number, stops: Uint8Array): number {
    const { kinds, row } = this;
    let elapsed = -1;
    let ts: number | undefined;
    let success = true;
    let label: string | undefined;
    let thread: string | undefined;
    let users = NaN;
    let i = start;
    let field = 0;
    for (;;) {
      const from = i;
      const kind = kinds[field]!;
      if (kind === ELAPSED || kind === TIME_STAMP || kind === USERS) {
        let n = 0;
        let digits = true;
        for (; i < limit; i++) {
          const c = buf[i]!;
          const v = c - 48;
          if (v >= 0 && v <= 9) n = n * 10 + v;
          else if (stops[c] !== 0) break;
          else digits = false;
        }
        const length = i - from;
        if (kind === ELAPSED) {
          if (!digits || length === 0 || length > 12) return -1;
          elapsed = n;
        } else if (kind === TIME_STAMP) {
          if (!digits || length === 0 || length > 15) return -1;
          ts = n;
        } else users = digits && length > 0 && length <= 15 ? n : Number(this.texts.text(buf, from, i));
      } else if (kind === LABEL || kind === THREAD) {
        let hash = FNV_OFFSET;
        for (; i < limit; i++) {
          const c = buf[i]!;
          if (stops[c] !== 0) break;
          hash = Math.imul(hash ^ c, FNV_PRIME);
        }
        const text = this.texts.hashed(buf, from, i, hash);
        if (kind === LABEL) label = text;
        else thread = text;
      } else if (kind === SUCCESS) {
        // Exactly `true` or `false`, compared in place. Never past `limit`: a read past the buffer
        // (a row cut by the chunk's end) would make the optimised code start over.
        if (limit - i >= 4 && buf[i] === 116 && buf[i + 1] === 114 && buf[i + 2] === 117 && buf[i + 3] === 101) {
          success = true;
          i += 4;
        } else if (limit - i >= 5 && buf[i] === 102 && buf[i + 1] === 97 && buf[i + 2] === 108 && buf[i + 3] === 115 && buf[i + 4] === 101) {
          success = false;
          i += 5;
        } else return -1;
        if (i < limit && stops[buf[i]!] === 0) return -1; // a longer word
      } else while (i < limit && stops[buf[i]!] === 0) i++;
      field++;
      if (field === kinds.length || i >= limit || buf[i] !== this.delimiter) break;
      i++;
    }
    if (field < this.needed) return -1;
    row.elapsed = elapsed;
    row.success = success;
    row.ts = ts;
    row.label = label!;
    row.thread = thread;
    row.users = users;
    return i;
  }
}
