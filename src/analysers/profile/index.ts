/**
 * Profile analysis entry point: detects the format (.cpuprofile JSON, pprof protobuf,
 * folded stacks) and returns the top functions by self and total time.
 */
import { type ByteSource, decoded, gunzipHead, isGzip } from '../bytes.js';
import { cpuProfileTop, isCpuProfile } from './cpuprofile.js';
import { foldedTop, looksFolded } from './folded.js';
import { pprofTop } from './pprof.js';
import type { ProfileTop } from './top.js';

export type { FunctionCost, ProfileTop } from './top.js';

export type ProfileFormat = 'cpuprofile' | 'pprof' | 'folded';

export interface ProfileResult extends ProfileTop {
  format: ProfileFormat;
  sample_type?: string;
  sample_types?: string[];
  notes: string[];
}

export const PROFILE_MAX_BYTES = 256 * 1024 * 1024;

export function detectProfileFormat(name: string, rawHead: Buffer): ProfileFormat | null {
  const gz = isGzip(rawHead);
  const head = gz ? gunzipHead(rawHead) : rawHead;
  const text = head.toString('utf8', 0, Math.min(head.length, 4096)).trimStart();
  if (text.startsWith('{') && /"nodes"\s*:/.test(head.toString('utf8'))) return 'cpuprofile';
  if (/\.cpuprofile$/i.test(name)) return 'cpuprofile';
  if (/\.(pb|pprof|prof)(\.gz)?$/i.test(name) || (gz && !looksFolded(text) && !text.startsWith('{'))) return 'pprof';
  if (looksFolded(text)) return 'folded';
  // Uncompressed protobuf: field 1 (sample_type, length-delimited) starts with 0x0a.
  if (head[0] === 0x0a && !/^[\x09\x0a\x0d\x20-\x7e]*$/.test(text.slice(0, 64))) return 'pprof';
  return null;
}

async function readAll(source: ByteSource): Promise<Buffer> {
  const parts: Buffer[] = [];
  let total = 0;
  for await (const c of decoded(source)) {
    total += c.length;
    if (total > PROFILE_MAX_BYTES) throw new Error(`profile larger than ${PROFILE_MAX_BYTES / 1024 / 1024} MiB`);
    parts.push(c);
  }
  return Buffer.concat(parts);
}

export async function analyseProfile(
  format: ProfileFormat,
  source: ByteSource,
  options: { limit: number; valueType?: string },
): Promise<ProfileResult> {
  const notes: string[] = [];
  if (format === 'folded') {
    const r = await foldedTop(source, options.limit);
    if (r.malformed > 0) notes.push(`${r.malformed} lines without a trailing count were skipped`);
    const { malformed: _m, ...top } = r;
    return { format, ...top, notes };
  }
  const bytes = await readAll(source);
  if (format === 'cpuprofile') {
    const json = JSON.parse(bytes.toString('utf8')) as unknown;
    if (!isCpuProfile(json)) throw new Error('not a V8 CPU profile: expected "nodes" and "samples"');
    notes.push('self/total time in ms from timeDeltas (sample i lasts until sample i+1); (program), (idle) and (garbage collector) are V8 pseudo-frames');
    return { format, ...cpuProfileTop(json, options.limit), notes };
  }
  const r = pprofTop(bytes, options.limit, options.valueType);
  return { format, ...r, notes };
}
