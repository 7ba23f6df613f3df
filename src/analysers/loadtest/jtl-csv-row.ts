/**
 * The usual JTL CSV row, read in place: no quote, a one-byte delimiter, elapsed and timeStamp
 * plain digits, success exactly `true` or `false`. Such a row gives the values the general
 * reader (CsvReader, then jmeter.ts's checks) would give, without a string per field. Any
 * other row (the header again, a quoted field, a bad value, a formatted timestamp) is declined
 * before anything is counted, and the general reader reads it with its checks and messages.
 */
import { ByteFields, NextByte } from './byte-fields.js';

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

const TRUE = Buffer.from('true');
const FALSE = Buffer.from('false');

export class JtlFastRows {
  private readonly fields = new ByteFields();
  private readonly quotes = new NextByte(34 /* " */);
  private readonly row: JtlRow = { elapsed: 0, success: true, ts: undefined, label: '', thread: undefined, users: NaN };
  /** Fields a row must have for the columns it is read by. */
  private readonly needed: number;
  /** Fields split from a row: the ones after the last column read are not looked at. */
  private readonly splitFields: number;

  /** Null when the delimiter is not one ASCII byte: every row then takes the general path. */
  static for(col: JtlColumns, delimiter: string): JtlFastRows | null {
    const code = delimiter.charCodeAt(0);
    return delimiter.length === 1 && code < 0x80 && code !== 34 ? new JtlFastRows(col, code) : null;
  }

  private constructor(
    private readonly col: JtlColumns,
    private readonly delimiter: number,
  ) {
    this.needed = 1 + Math.max(...[col.elapsed, col.label, col.success, col.timeStamp, col.threadName].map((i) => i ?? -1));
    this.splitFields = 1 + Math.max(this.needed - 1, col.allThreads ?? -1);
  }

  /** The row of buf[start, end), or null when it is not a usual one; the object is reused. */
  read(buf: Buffer, start: number, end: number): JtlRow | null {
    const { col, fields, row } = this;
    if (this.quotes.from(buf, start) < end || !fields.split(buf, start, end, this.delimiter, this.splitFields) || fields.count < this.needed) return null;
    const elapsed = fields.digits(col.elapsed!, 12);
    if (elapsed < 0) return null;
    let success = true;
    if (col.success !== undefined) {
      if (fields.is(col.success, TRUE)) success = true;
      else if (fields.is(col.success, FALSE)) success = false;
      else return null;
    }
    let ts: number | undefined;
    if (col.timeStamp !== undefined) {
      ts = fields.digits(col.timeStamp, 15);
      if (ts < 0) return null;
    }
    row.elapsed = elapsed;
    row.success = success;
    row.ts = ts;
    row.label = fields.text(col.label!);
    row.thread = col.threadName === undefined ? undefined : fields.text(col.threadName);
    row.users = NaN;
    if (col.allThreads !== undefined && col.allThreads < fields.count) {
      const n = fields.digits(col.allThreads, 15);
      row.users = n >= 0 ? n : Number(fields.text(col.allThreads));
    }
    return row;
  }
}
