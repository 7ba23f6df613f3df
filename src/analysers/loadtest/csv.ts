/**
 * CSV records (RFC 4180) fed line by line: a quoted field may hold the delimiter, doubled quotes
 * and newlines. Linear in the input: fields are sliced, not built a character at a time, and a
 * quoted field left open is refused once it passes `maxRecordChars` instead of swallowing the
 * rest of the file.
 */
import { LineError } from './errors.js';
import { forEachTextLine } from '../lines.js';

export const MAX_RECORD_CHARS = 1024 * 1024;

export type OnRecord = (fields: string[], lineNo: number) => void;

export class CsvReader {
  private fields: string[] = [];
  /** Parts of the open quoted field, while a record spans lines. */
  private parts: string[] | null = null;
  private size = 0;
  private startLine = 0;

  constructor(
    private readonly onRecord: OnRecord,
    public delimiter = ',',
    private readonly maxRecordChars = MAX_RECORD_CHARS,
  ) {}

  /** Inside a record whose quoted field goes on over lines. */
  get inRecord(): boolean {
    return this.parts !== null;
  }

  line(text: string, lineNo: number): void {
    if (this.parts === null) {
      if (text.length === 0) return;
      this.startLine = lineNo;
      if (text.indexOf('"') === -1) {
        this.onRecord(text.split(this.delimiter), lineNo);
        return;
      }
      this.fields = [];
      this.size = 0;
      this.scan(text, 0);
      return;
    }
    this.size += text.length + 1;
    if (this.size > this.maxRecordChars) {
      throw new LineError(this.startLine, `a quoted field runs over ${this.maxRecordChars} characters (an unterminated quote?)`);
    }
    this.parts.push('\n');
    this.quoted(text, 0);
  }

  /** Reads fields from `i`, at the start of a field. */
  private scan(text: string, i: number): void {
    const d = this.delimiter;
    for (;;) {
      if (text.charCodeAt(i) === 34 /* " */) {
        this.parts = [];
        this.quoted(text, i + 1);
        return;
      }
      const next = text.indexOf(d, i);
      if (next === -1) {
        this.fields.push(text.slice(i));
        this.emit();
        return;
      }
      this.fields.push(text.slice(i, next));
      i = next + d.length;
    }
  }

  /** Inside a quoted field at `i`: up to its closing quote, then the rest of the record. */
  private quoted(text: string, i: number): void {
    const parts = this.parts!;
    for (;;) {
      const q = text.indexOf('"', i);
      if (q === -1) {
        parts.push(text.slice(i));
        this.size += text.length - i;
        if (this.size > this.maxRecordChars) {
          throw new LineError(this.startLine, `a quoted field runs over ${this.maxRecordChars} characters (an unterminated quote?)`);
        }
        return; // the field goes on on the next line
      }
      parts.push(text.slice(i, q));
      if (text.charCodeAt(q + 1) === 34) {
        parts.push('"');
        i = q + 2;
        continue;
      }
      // Closing quote: anything up to the delimiter belongs to the field (lenient, as JMeter reads).
      const next = text.indexOf(this.delimiter, q + 1);
      const tail = next === -1 ? text.slice(q + 1) : text.slice(q + 1, next);
      this.fields.push(parts.join('') + tail);
      this.parts = null;
      if (next === -1) {
        this.emit();
        return;
      }
      this.scan(text, next + this.delimiter.length);
      return;
    }
  }

  private emit(): void {
    const fields = this.fields;
    this.fields = [];
    this.onRecord(fields, this.startLine);
  }

  /** Ends the input: a record whose quote never closed is refused. */
  end(): void {
    if (this.parts !== null) throw new LineError(this.startLine, 'a quoted field is never closed');
  }
}

/** Parses CSV text already in memory: the header, and each record with the line it starts on. */
export function parseCsvText(text: string, signal?: AbortSignal): { header: string[]; rows: { fields: string[]; line: number }[] } {
  const rows: { fields: string[]; line: number }[] = [];
  const reader = new CsvReader((fields, line) => rows.push({ fields, line }));
  forEachTextLine(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (line, n) => reader.line(line, n), signal);
  reader.end();
  const header = rows.shift()?.fields ?? [];
  return { header, rows };
}
