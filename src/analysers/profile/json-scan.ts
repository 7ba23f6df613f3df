/**
 * Reads a .cpuprofile's JSON as it streams in, without ever handing JSON.parse something that
 * could exhaust memory or kill the process (a 134 M element array ends V8 with a fatal
 * "invalid size" that no try catches). One linear pass over the bytes:
 * - the top-level numeric arrays (`samples`, `timeDeltas`, `timestamps`: millions of
 *   numbers in long profiles) are parsed straight into typed arrays and replaced by `[]`;
 * - everything else is kept for JSON.parse, with its nesting depth, the element count of each
 *   array and object, and the total number of containers and scalars checked as they arrive:
 *   the first byte past a cap ends the read, the rest is never buffered.
 */
import { DecodeLimitError } from '../bytes.js';
import { grouped } from '../../numbers.js';

export interface JsonLimits {
  /** Bytes of JSON besides the extracted arrays. */
  keptBytes: number;
  depth: number;
  /** Elements of any one array, members of any one object. */
  elements: number;
  /** Objects and arrays in all. */
  containers: number;
  /** Strings, numbers, booleans and nulls in all. */
  scalars: number;
  /** Numbers in any one extracted array. */
  samples: number;
}

/**
 * The call tree (everything but the sample arrays) is parsed by JSON.parse in one go on the
 * server's thread: 12 MiB (about 110,000 nodes, more than real profiles have) parse in well
 * under a second, so no call holds the others up for long.
 */
export const CPUPROFILE_LIMITS: JsonLimits = {
  keptBytes: 12 * 1024 * 1024,
  depth: 2048,
  elements: 1_000_000,
  containers: 330_000,
  scalars: 3_000_000,
  samples: 5_000_000,
};

export const EXTRACTED_KEYS = ['samples', 'timeDeltas', 'timestamps'] as const;
export type ExtractedKey = (typeof EXTRACTED_KEYS)[number];

export interface ScannedJson {
  /** JSON.parse of the kept text. */
  value: unknown;
  arrays: Partial<Record<ExtractedKey, Float64Array>>;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
/** First bytes of a number or a literal (true, false, null). */
const isLiteralStart = (c: number) => c === 0x2d || (c >= 0x30 && c <= 0x39) || c === 0x74 || c === 0x66 || c === 0x6e;
const isNumberByte = (c: number) => (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2b || c === 0x2e || c === 0x65 || c === 0x45;

class GrowableFloats {
  private data = new Float64Array(1024);
  length = 0;
  constructor(
    private readonly max: number,
    private readonly key: string,
  ) {}
  push(v: number): void {
    if (this.length === this.max) throw new DecodeLimitError(`"${this.key}" has more than ${grouped(this.max)} entries (cap for a JSON profile)`);
    if (this.length === this.data.length) {
      const next = new Float64Array(Math.min(this.max, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  done(): Float64Array {
    return this.data.slice(0, this.length);
  }
}

/** A streaming scanner: feed it chunks, then call `finish()`. */
export class ProfileJsonScanner {
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  private depth = 0;
  /** Per depth: 1 for an object, 0 for an array. */
  private readonly isObject: Uint8Array;
  /** Per depth: entries so far. */
  private readonly counts: Float64Array;
  /** In an object: the next string is a key. */
  private expectKey = false;
  private containers = 0;
  private scalars = 0;
  private inString = false;
  private escaped = false;
  private inLiteral = false;
  private started = false;
  /** The current depth-1 key, while it is read (null when not capturing). */
  private keyBytes: number[] | null = null;
  private lastKey = '';
  private pendingExtract: ExtractedKey | null = null;
  private extract: { key: ExtractedKey; values: GrowableFloats; token: string; state: 'first' | 'value' | 'number' | 'after' } | null = null;
  private readonly arrays: Partial<Record<ExtractedKey, Float64Array>> = {};

  constructor(private readonly limits: JsonLimits = CPUPROFILE_LIMITS) {
    this.isObject = new Uint8Array(limits.depth + 2);
    this.counts = new Float64Array(limits.depth + 2);
  }

  private keep(buf: Buffer, from: number, to: number): void {
    if (to <= from) return;
    this.keptBytes += to - from;
    if (this.keptBytes > this.limits.keptBytes) {
      throw new DecodeLimitError(`more than ${this.limits.keptBytes / 1024 / 1024} MiB of call tree JSON (cap for a JSON profile)`);
    }
    this.kept.push(buf.subarray(from, to));
  }

  private value(): void {
    const d = this.depth;
    if (d > 0 && ++this.counts[d]! > this.limits.elements) {
      throw new DecodeLimitError(
        `an ${this.isObject[d] ? 'object' : 'array'} at depth ${d} has more than ${grouped(this.limits.elements)} entries (cap for a JSON profile)`,
      );
    }
  }

  push(buf: Buffer): void {
    let keepFrom = 0;
    const n = buf.length;
    for (let i = 0; i < n; i++) {
      const c = buf[i]!;
      if (this.extract) {
        if (this.extractByte(c)) {
          // The array ended at i: resume keeping after it, with an empty array in its place.
          keepFrom = i + 1;
        }
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyBytes) {
            this.lastKey = String.fromCharCode(...this.keyBytes);
            this.keyBytes = null;
          }
        } else if (this.keyBytes && this.keyBytes.length <= 16) this.keyBytes.push(c);
        continue;
      }
      if (isSpace(c)) {
        this.inLiteral = false;
        continue;
      }
      if (!this.started) {
        if (c === 0xef || c === 0xbb || c === 0xbf) continue; // a UTF-8 byte order mark
        this.started = true;
        if (c !== OPEN_OBJ) throw new DecodeLimitError('not a V8 CPU profile: the JSON is not an object');
      }
      if (this.pendingExtract && c === OPEN_ARR) {
        this.keep(buf, keepFrom, i);
        this.kept.push(Buffer.from('[]'));
        this.value();
        this.extract = { key: this.pendingExtract, values: new GrowableFloats(this.limits.samples, this.pendingExtract), token: '', state: 'first' };
        this.pendingExtract = null;
        keepFrom = i + 1;
        continue;
      }
      this.pendingExtract = null;
      if (c === QUOTE) {
        this.inString = true;
        this.inLiteral = false;
        if (this.expectKey && this.isObject[this.depth]) {
          this.keyBytes = this.depth === 1 ? [] : null;
          this.expectKey = false;
        } else this.value();
        if (++this.scalars > this.limits.scalars)
          throw new DecodeLimitError(`more than ${grouped(this.limits.scalars)} strings and numbers (cap for a JSON profile)`);
        continue;
      }
      if (c === OPEN_OBJ || c === OPEN_ARR) {
        this.inLiteral = false;
        this.value();
        if (++this.containers > this.limits.containers)
          throw new DecodeLimitError(`more than ${grouped(this.limits.containers)} objects and arrays (cap for a JSON profile)`);
        if (++this.depth > this.limits.depth) throw new DecodeLimitError(`JSON nested deeper than ${this.limits.depth} levels (cap for a JSON profile)`);
        this.isObject[this.depth] = c === OPEN_OBJ ? 1 : 0;
        this.counts[this.depth] = 0;
        this.expectKey = c === OPEN_OBJ;
        continue;
      }
      if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        this.inLiteral = false;
        this.depth--;
        this.expectKey = false;
        continue;
      }
      if (c === COMMA) {
        this.inLiteral = false;
        this.expectKey = this.isObject[this.depth] === 1;
        continue;
      }
      if (c === COLON) {
        this.inLiteral = false;
        if (this.depth === 1) this.pendingExtract = (EXTRACTED_KEYS as readonly string[]).includes(this.lastKey) ? (this.lastKey as ExtractedKey) : null;
        continue;
      }
      if (!this.inLiteral && isLiteralStart(c)) {
        this.inLiteral = true;
        this.value();
        if (++this.scalars > this.limits.scalars)
          throw new DecodeLimitError(`more than ${grouped(this.limits.scalars)} strings and numbers (cap for a JSON profile)`);
      }
    }
    if (!this.extract) this.keep(buf, keepFrom, n);
  }

  /** One byte of an extracted numeric array; true when its closing bracket was consumed. */
  private extractByte(c: number): boolean {
    const x = this.extract!;
    if (isNumberByte(c)) {
      if (x.state === 'after') throw new DecodeLimitError(`"${x.key}" is not an array of numbers`);
      if (x.token.length >= 32) throw new DecodeLimitError(`"${x.key}" holds a number longer than 32 characters`);
      x.token += String.fromCharCode(c);
      x.state = 'number';
      return false;
    }
    if (x.state === 'number') this.endNumber();
    if (isSpace(c)) return false;
    if (c === COMMA && x.state === 'after') {
      x.state = 'value';
      return false;
    }
    if (c === CLOSE_ARR && (x.state === 'after' || x.state === 'first')) {
      this.arrays[x.key] = x.values.done();
      this.extract = null;
      return true;
    }
    throw new DecodeLimitError(`"${x.key}" is not an array of numbers`);
  }

  private endNumber(): void {
    const x = this.extract!;
    const v = Number(x.token);
    if (!Number.isFinite(v) || x.token === '') throw new DecodeLimitError(`"${x.key}" holds "${x.token}", not a number`);
    x.values.push(v);
    x.token = '';
    x.state = 'after';
  }

  finish(): ScannedJson {
    if (this.extract) throw new DecodeLimitError(`the profile ends inside "${this.extract.key}"`);
    if (!this.started) throw new DecodeLimitError('not a V8 CPU profile: empty file');
    let text = Buffer.concat(this.kept).toString('utf8');
    this.kept.length = 0;
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new DecodeLimitError(`not valid JSON: ${(err as Error).message}`);
    }
    return { value, arrays: this.arrays };
  }
}

export async function scanProfileJson(chunks: AsyncIterable<Buffer>, limits?: JsonLimits): Promise<ScannedJson> {
  const scanner = new ProfileJsonScanner(limits);
  for await (const chunk of chunks) scanner.push(chunk);
  return scanner.finish();
}
