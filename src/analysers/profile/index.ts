/**
 * Profile analysis entry point: detects the format (.cpuprofile JSON, pprof protobuf,
 * folded stacks) and returns the top functions by self and total time.
 *
 * Every format is bounded before it is parsed (caps below, stated in profile_top's description):
 * decoded bytes per format, gzip inflation (bytes.ts), then each parser's own shape caps
 * (JSON nesting and array sizes, pprof message counts, folded stack depth).
 */
import { type ByteSource, type DecodeOptions, decoded, gunzipHead, isGzip } from '../bytes.js';
import { cpuProfileTop, toCpuProfile } from './cpuprofile.js';
import { foldedTop, looksFolded } from './folded.js';
import { scanProfileJson } from './json-scan.js';
import { pprofTop } from './pprof.js';
import type { ProfileTop } from './top.js';

export type { FunctionCost, Origin, ProfileTop } from './top.js';

export type ProfileFormat = 'cpuprofile' | 'pprof' | 'folded';

export interface ProfileResult extends ProfileTop {
  format: ProfileFormat;
  sample_type?: string;
  sample_types?: string[];
  notes: string[];
}

const MiB = 1024 * 1024;
/** Decoded bytes of a .cpuprofile (JSON); the call tree part is capped lower, in json-scan.ts. */
export const CPUPROFILE_MAX_BYTES = 128 * MiB;
/** Decoded bytes of a pprof protobuf (decoded into memory in one piece). */
export const PPROF_MAX_BYTES = 64 * MiB;
/** Decoded bytes of folded stacks (streamed line by line). */
export const FOLDED_MAX_BYTES = 128 * MiB;

/** How much of a file's head detection looks at: callers should read this much. */
export const PROFILE_SNIFF_BYTES = 256 * 1024;

/** Complete lines of a window: the last one is cut unless the window is the whole file. */
function completeLines(text: string, whole: boolean): string[] {
  const lines = text.split(/\r?\n/);
  if (!whole) lines.pop();
  return lines;
}

/**
 * Detects a profile from its name and head. `whole` says that `rawHead` is the entire file
 * (default: when it is shorter than PROFILE_SNIFF_BYTES); otherwise the last, probably cut,
 * line of the window is not judged. Content decides whatever the name (`*.txt` included).
 */
export function detectProfileFormat(name: string, rawHead: Buffer, whole = rawHead.length < PROFILE_SNIFF_BYTES): ProfileFormat | null {
  const gz = isGzip(rawHead);
  const head = gz ? gunzipHead(rawHead, PROFILE_SNIFF_BYTES) : rawHead.subarray(0, PROFILE_SNIFF_BYTES);
  const complete = gz ? whole && head.length < PROFILE_SNIFF_BYTES : whole && rawHead.length <= PROFILE_SNIFF_BYTES;
  const text = head
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (text.startsWith('{') && /"(nodes|head)"\s*:/.test(text.slice(0, 64 * 1024))) return 'cpuprofile';
  if (/\.cpuprofile$/i.test(name)) return 'cpuprofile';
  const foldedByName = /\.(folded|collapsed)$/i.test(name);
  const folded = looksFolded(completeLines(text, complete), foldedByName);
  if (/\.(pb|pprof|prof)(\.gz)?$/i.test(name) || (gz && !folded && !text.startsWith('{'))) return 'pprof';
  if (folded) return 'folded';
  // Uncompressed protobuf: field 1 (sample_type, length-delimited) starts with 0x0a.
  if (head[0] === 0x0a && !/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text.slice(0, 64))) return 'pprof';
  return null;
}

async function readAll(source: ByteSource, decode: DecodeOptions): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of decoded(source, decode)) parts.push(c);
  return Buffer.concat(parts);
}

export interface AnalyseOptions {
  limit: number;
  valueType?: string;
  /** Cancels the read (and the gunzip) between chunks. */
  signal?: AbortSignal;
  /** Inflated bytes shared with the other files of the call. */
  budget?: DecodeOptions['budget'];
  /** Also build the call tree (ProfileTop.callNodes), for a flame graph. */
  callTree?: boolean;
}

const BUSY_NOTE = 'shares are of busy time (all samples but idle ones); idle_share is the idle part of the whole profile';

export async function analyseProfile(format: ProfileFormat, source: ByteSource, options: AnalyseOptions): Promise<ProfileResult> {
  const notes: string[] = [];
  const decode = (maxBytes: number, what: string): DecodeOptions => ({ signal: options.signal, budget: options.budget, maxBytes, what });
  if (format === 'folded') {
    const r = await foldedTop(source, options.limit, decode(FOLDED_MAX_BYTES, 'folded stacks'), options.callTree);
    if (r.malformed > 0) notes.push(`${r.malformed} lines without a trailing count were skipped`);
    const { malformed: _m, ...top } = r;
    return { format, ...top, notes };
  }
  if (format === 'cpuprofile') {
    const { value, arrays } = await scanProfileJson(decoded(source, decode(CPUPROFILE_MAX_BYTES, 'a JSON profile')));
    const profile = toCpuProfile(value, arrays);
    notes.push(
      profile.legacy
        ? 'older .cpuprofile layout ("head" call tree); self/total time in ms from timestamps (sample i lasts until sample i+1)'
        : 'self/total time in ms from timeDeltas (sample i lasts until sample i+1)',
      `${BUSY_NOTE}; (program) and (garbage collector) are V8 pseudo-frames and count as busy`,
    );
    return { format, ...(await cpuProfileTop(profile, options.limit, options.callTree)), notes };
  }
  const bytes = await readAll(source, decode(PPROF_MAX_BYTES, 'a pprof profile'));
  const r = pprofTop(bytes, options.limit, options.valueType, options.callTree);
  return { format, ...r, notes };
}
