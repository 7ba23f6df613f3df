/**
 * Reading fields in place, as bytes: numbers are read from their digits, and only the fields a
 * parser keeps become strings (cached by their bytes). Decoding whole lines as UTF-8 costs more
 * than the rest of a JTL row's parsing.
 */

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

/** FNV-1a over bytes, 32 bits: TextCache's key; a reader that scans a field anyway hashes it as it goes. */
export const FNV_OFFSET = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;

/**
 * The strings of fields that repeat (labels, thread names): the same bytes give the same string
 * without decoding it again, found by a hash of the bytes and checked byte for byte.
 */
export class TextCache {
  /** Direct-mapped by the hash's low bits: a slot holds the last text whose hash fell in it. */
  private readonly hashes = new Int32Array(TEXT_CACHE_MAX);
  private readonly bytes: (Buffer | undefined)[] = new Array<Buffer | undefined>(TEXT_CACHE_MAX).fill(undefined);
  private readonly texts: string[] = new Array<string>(TEXT_CACHE_MAX).fill('');

  text(buf: Buffer, start: number, end: number): string {
    if (end - start > TEXT_CACHE_MAX_BYTES) return fieldText(buf, start, end);
    let hash = FNV_OFFSET;
    for (let i = start; i < end; i++) hash = Math.imul(hash ^ buf[i]!, FNV_PRIME);
    return this.hashed(buf, start, end, hash);
  }

  /** The same, given the FNV-1a hash of buf[start, end) (FNV_OFFSET, then `Math.imul(hash ^ byte, FNV_PRIME)` per byte). */
  hashed(buf: Buffer, start: number, end: number, hash: number): string {
    if (end - start > TEXT_CACHE_MAX_BYTES) return fieldText(buf, start, end);
    const slot = (hash ^ (hash >>> 16)) & (TEXT_CACHE_MAX - 1);
    const bytes = this.bytes[slot];
    if (this.hashes[slot] === hash && bytes !== undefined && sameBytes(buf, start, end, bytes)) return this.texts[slot]!;
    const text = fieldText(buf, start, end);
    this.hashes[slot] = hash;
    this.bytes[slot] = Buffer.from(buf.subarray(start, end));
    this.texts[slot] = text;
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
