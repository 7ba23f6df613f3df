/**
 * A linear pre-scan of a pprof protobuf before `pprof-format` decodes it: that decoder builds an
 * object per sample, location and line and a JS array entry per packed id, so a few bytes of
 * input can cost a hundred of memory. Counting the top-level messages and the location ids of
 * the samples first bounds what decoding will allocate.
 */
import { DecodeLimitError } from '../bytes.js';
import { grouped } from '../../numbers.js';

export interface PprofLimits {
  samples: number;
  /** Locations, functions, mappings and strings together. */
  entries: number;
  /** Location ids summed over all samples. */
  frames: number;
}

export const PPROF_LIMITS: PprofLimits = { samples: 1_000_000, entries: 2_000_000, frames: 16_000_000 };

const SAMPLE = 2;
const LOCATION_ID = 1;

function varint(buf: Uint8Array, pos: number): [value: number, next: number] {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (pos >= buf.length) throw new DecodeLimitError('not a pprof profile: truncated varint');
    const b = buf[pos++]!;
    value += (b & 0x7f) * mul;
    if (b < 0x80) return [value, pos];
    mul *= 128;
  }
  throw new DecodeLimitError('not a pprof profile: varint longer than 10 bytes');
}

/** Skips one field's value; returns the next position and, for length-delimited, its bounds. */
function skip(buf: Uint8Array, pos: number, wire: number): [next: number, start: number, end: number] {
  switch (wire) {
    case 0:
      return [varint(buf, pos)[1], pos, pos];
    case 1:
      return [pos + 8, pos, pos];
    case 5:
      return [pos + 4, pos, pos];
    case 2: {
      const [len, start] = varint(buf, pos);
      const end = start + len;
      if (end > buf.length) throw new DecodeLimitError('not a pprof profile: a field runs past the end');
      return [end, start, end];
    }
    default:
      throw new DecodeLimitError(`not a pprof profile: wire type ${wire}`);
  }
}

function countVarints(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if (buf[i]! < 0x80) n++;
  return n;
}

export function scanPprof(buf: Uint8Array, limits: PprofLimits = PPROF_LIMITS): void {
  let samples = 0;
  let entries = 0;
  let frames = 0;
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = varint(buf, pos);
    const field = Math.floor(tag / 8);
    const [next, start, end] = skip(buf, p1, tag % 8);
    pos = next;
    if (field === SAMPLE && tag % 8 === 2) {
      if (++samples > limits.samples) throw new DecodeLimitError(`more than ${grouped(limits.samples)} samples (cap for a pprof profile)`);
      let q = start;
      while (q < end) {
        const [t, q1] = varint(buf, q);
        const [qn, s2, e2] = skip(buf, q1, t % 8);
        if (Math.floor(t / 8) === LOCATION_ID) frames += t % 8 === 2 ? countVarints(buf, s2, e2) : 1;
        q = qn;
      }
      if (frames > limits.frames) throw new DecodeLimitError(`more than ${grouped(limits.frames)} stack frames over all samples (cap for a pprof profile)`);
    } else if (field >= 3 && field <= 6 && ++entries > limits.entries) {
      throw new DecodeLimitError(`more than ${grouped(limits.entries)} locations, functions, mappings and strings (cap for a pprof profile)`);
    }
  }
  if (pos !== buf.length) throw new DecodeLimitError('not a pprof profile: a field runs past the end');
}
