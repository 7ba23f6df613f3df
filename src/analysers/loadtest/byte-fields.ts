/**
 * Reading delimited lines in place, as bytes: the fields of an unquoted line are offsets into
 * the chunk, numbers are read from their digits, and only the fields a parser keeps become
 * strings. Decoding whole lines as UTF-8 costs more than the rest of a JTL row's parsing.
 */

const MAX_FIELDS = 256;
/** Distinct texts a TextCache keeps; a file's labels and thread names are usually far fewer. */
const TEXT_CACHE_MAX = 4096;
/** Longer texts are decoded each time: caching them would cost more than it saves. */
const TEXT_CACHE_MAX_BYTES = 256;

/** Text of buf[start, end): Latin-1 when every byte is ASCII (the same string, decoded faster), else UTF-8. */
export function fieldText(buf: Buffer, start: number, end: number): string {
  for (let i = start; i < end; i++) if (buf[i]! >= 0x80) return buf.toString('utf8', start, end);
  return buf.toString('latin1', start, end);
}

/** Whether buf[start, end) holds exactly the bytes of `word`. */
export function sameBytes(buf: Buffer, start: number, end: number, word: Uint8Array): boolean {
  if (end - start !== word.length) return false;
  for (let k = 0; k < word.length; k++) if (buf[start + k] !== word[k]) return false;
  return true;
}

/** buf[start, end) as a whole number of 1 to `maxDigits` digits and nothing else; -1 otherwise. */
export function digitsAt(buf: Buffer, start: number, end: number, maxDigits: number): number {
  if (end <= start || end - start > maxDigits) return -1;
  let n = 0;
  for (let k = start; k < end; k++) {
    const d = buf[k]! - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * The strings of fields that repeat (labels, thread names): the same bytes give the same string
 * without decoding it again, found by a hash of the bytes and checked byte for byte.
 */
export class TextCache {
  private readonly entries = new Map<number, { bytes: Buffer; text: string }>();

  text(buf: Buffer, start: number, end: number): string {
    if (end - start > TEXT_CACHE_MAX_BYTES) return fieldText(buf, start, end);
    let hash = 0x811c9dc5;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, 0x01000193);
    const hit = this.entries.get(hash);
    if (hit !== undefined && sameBytes(buf, start, end, hit.bytes)) return hit.text;
    const text = fieldText(buf, start, end);
    if (this.entries.size >= TEXT_CACHE_MAX) this.entries.clear();
    this.entries.set(hash, { bytes: Buffer.from(buf.subarray(start, end)), text });
    return text;
  }
}

/**
 * The next position of one byte, found in time linear over a chunk however many times it is
 * asked: the answer is remembered until a caller passes it, so a chunk without the byte is
 * searched once, not once per line (or tag) to its end.
 */
export class NextByte {
  private buf: Buffer | null = null;
  private at = -1;

  constructor(private readonly byte: number) {}

  /** The first position >= from of the byte in buf; Infinity when there is none. */
  from(buf: Buffer, from: number): number {
    if (buf !== this.buf || this.at < from) {
      this.buf = buf;
      const at = buf.indexOf(this.byte, from);
      this.at = at === -1 ? Infinity : at;
    }
    return this.at;
  }
}

/** The fields of one line without quotes, split on a one-byte delimiter. */
export class ByteFields {
  count = 0;
  private readonly starts = new Int32Array(MAX_FIELDS);
  private readonly ends = new Int32Array(MAX_FIELDS);
  private buf: Buffer = Buffer.alloc(0);
  private readonly texts = new TextCache();

  /**
   * Splits buf[start, end) at each delimiter, up to its first `fields` fields: the rest of the
   * line is not looked at. False when `fields` is more than are tracked.
   */
  split(buf: Buffer, start: number, end: number, delimiter: number, fields: number): boolean {
    if (fields > MAX_FIELDS) return false;
    this.buf = buf;
    let n = 0;
    let from = start;
    for (let i = start; i < end; i++) {
      if (buf[i] !== delimiter) continue;
      this.starts[n] = from;
      this.ends[n++] = i;
      from = i + 1;
      if (n === fields) {
        this.count = n;
        return true;
      }
    }
    this.starts[n] = from;
    this.ends[n++] = end;
    this.count = n;
    return true;
  }

  text(i: number): string {
    return this.texts.text(this.buf, this.starts[i]!, this.ends[i]!);
  }

  /** The field as a whole number of 1 to `maxDigits` digits, nothing else; -1 otherwise. */
  digits(i: number, maxDigits: number): number {
    return digitsAt(this.buf, this.starts[i]!, this.ends[i]!, maxDigits);
  }

  /** Whether the field is exactly `word` (ASCII bytes). */
  is(i: number, word: Uint8Array): boolean {
    return sameBytes(this.buf, this.starts[i]!, this.ends[i]!, word);
  }
}
