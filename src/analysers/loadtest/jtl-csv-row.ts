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

const T = 116; /* t */
const F = 102; /* f */
const TRUE_REST = [114, 117, 101]; /* rue */
const FALSE_REST = [97, 108, 115, 101]; /* alse */

/** Whether buf[at, end) holds exactly `rest`. */
function restIs(buf: Uint8Array, at: number, end: number, rest: readonly number[]): boolean {
  if (end - at !== rest.length) return false;
  for (let k = 0; k < rest.length; k++) if (buf[at + k] !== rest[k]) return false;
  return true;
}

export class JtlFastRows {
  private readonly quotes = new NextByte(34 /* " */);
  private readonly texts = new TextCache();
  private readonly row: JtlRow = { elapsed: 0, success: true, ts: undefined, label: '', thread: undefined, users: NaN };
  /** Kind of each field up to the last column read. */
  private readonly kinds: Uint8Array;
  /** Fields a row must have for the columns it is read by. */
  private readonly needed: number;

  /** Null when the delimiter is not one ASCII byte: every row then takes the general path. */
  static for(col: JtlColumns, delimiter: string): JtlFastRows | null {
    const code = delimiter.charCodeAt(0);
    return delimiter.length === 1 && code < 0x80 && code !== 34 ? new JtlFastRows(col, code) : null;
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
  }

  /** The row of buf[start, end), or null when it is not a usual one; the object is reused. */
  read(buf: Buffer, start: number, end: number): JtlRow | null {
    if (this.quotes.from(buf, start) < end) return null;
    const { kinds, delimiter: d, row } = this;
    let elapsed = -1;
    let ts: number | undefined;
    let success = true;
    let label: string | undefined;
    let thread: string | undefined;
    let users = NaN;
    let i = start;
    let field = 0;
    for (; field < kinds.length; field++) {
      if (field > 0) {
        if (i >= end) break; // the line has no more fields
        i++; // past the delimiter
      }
      const from = i;
      const kind = kinds[field]!;
      if (kind === ELAPSED || kind === TIME_STAMP || kind === USERS) {
        let n = 0;
        let digits = true;
        for (; i < end; i++) {
          const c = buf[i]!;
          if (c === d) break;
          const v = c - 48;
          if (v < 0 || v > 9) digits = false;
          else n = n * 10 + v;
        }
        const length = i - from;
        if (kind === ELAPSED) {
          if (!digits || length === 0 || length > 12) return null;
          elapsed = n;
        } else if (kind === TIME_STAMP) {
          if (!digits || length === 0 || length > 15) return null;
          ts = n;
        } else users = digits && length > 0 && length <= 15 ? n : Number(this.texts.text(buf, from, i));
      } else if (kind === LABEL || kind === THREAD) {
        let hash = FNV_OFFSET;
        for (; i < end; i++) {
          const c = buf[i]!;
          if (c === d) break;
          hash = Math.imul(hash ^ c, FNV_PRIME);
        }
        const text = this.texts.hashed(buf, from, i, hash);
        if (kind === LABEL) label = text;
        else thread = text;
      } else {
        while (i < end && buf[i] !== d) i++;
        if (kind === SUCCESS) {
          const first = buf[from];
          if (first === T && restIs(buf, from + 1, i, TRUE_REST)) success = true;
          else if (first === F && restIs(buf, from + 1, i, FALSE_REST)) success = false;
          else return null;
        }
      }
    }
    if (field < this.needed) return null;
    row.elapsed = elapsed;
    row.success = success;
    row.ts = ts;
    row.label = label!;
    row.thread = thread;
    row.users = users;
    return row;
  }
}
