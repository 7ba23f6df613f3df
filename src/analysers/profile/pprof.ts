/**
 * pprof profiles (profile.proto, usually gzipped: Go's -cpuprofile, `go tool pprof -proto`,
 * many language agents), decoded with the maintained pure-JS `pprof-format` package.
 * Stacks are leaf first; a location with several lines holds inlined functions, innermost first.
 */
import { Profile } from 'pprof-format';
import { goOrigin } from './origin.js';
import { scanPprof } from './pprof-scan.js';
import { CallTreeBuilder } from './call-tree.js';
import { StackAggregator, type ProfileTop } from './top.js';
import { EvidenceError, UserInputError } from '../../errors.js';
import { grouped } from '../../numbers.js';

/** Frames over all samples once inlined functions are expanded: bounds the aggregation's work. */
export const PPROF_MAX_EXPANDED_FRAMES = 32_000_000;
/** Distinct functions in one profile. */
export const PPROF_MAX_FUNCTIONS = 500_000;

export interface PprofTop extends ProfileTop {
  sample_type: string;
  sample_types: string[];
}

const n = (v: number | bigint) => (typeof v === 'bigint' ? Number(v) : v);

/** Picks the value to rank by: `valueType` if given, else the default, else cpu/time, else the last. */
export function pprofTop(bytes: Uint8Array, limit: number, valueType?: string, callTree = false): PprofTop {
  scanPprof(bytes);
  const p = Profile.decode(bytes);
  const str = (i: number | bigint) => p.stringTable.strings[n(i)] ?? '';
  const types = p.sampleType.map((t) => `${str(t.type)}/${str(t.unit)}`);
  if (types.length === 0) throw new EvidenceError(null, null, 'pprof profile without sample types');
  let idx = -1;
  if (valueType) idx = types.findIndex((t) => t === valueType || t.startsWith(`${valueType}/`));
  if (idx === -1 && valueType) throw new UserInputError(`no sample type "${valueType}" in this profile (it has ${types.join(', ')})`);
  if (idx === -1 && n(p.defaultSampleType) !== 0) idx = p.sampleType.findIndex((t) => n(t.type) === n(p.defaultSampleType));
  if (idx === -1) idx = types.findIndex((t) => /^(cpu|wall|time)\//.test(t));
  if (idx === -1) idx = types.length - 1;
  const unit = str(p.sampleType[idx]!.unit);

  const functions = new Map<number, { name: string; file: string; startLine: number }>();
  for (const f of p.function)
    functions.set(n(f.id), { name: str(f.name) || str(f.systemName) || '(unknown)', file: str(f.filename), startLine: n(f.startLine) });
  // Go (before 1.20) writes no start line: fall back to the first sampled line of the function.
  const firstLine = new Map<number, number>();
  for (const loc of p.location) {
    for (const line of loc.line) {
      const id = n(line.functionId);
      const ln = n(line.line);
      if (ln > 0 && ln < (firstLine.get(id) ?? Infinity)) firstLine.set(id, ln);
    }
  }
  const agg = new StackAggregator(PPROF_MAX_FUNCTIONS, callTree ? new CallTreeBuilder() : undefined);
  const locations = new Map<number, string[]>();
  for (const loc of p.location) {
    const keys: string[] = [];
    for (const line of loc.line) {
      const f = functions.get(n(line.functionId));
      if (!f) continue;
      const at = f.startLine > 0 ? f.startLine : (firstLine.get(n(line.functionId)) ?? 0);
      // Rows are functions (as `go tool pprof -top` shows them), located at their first line.
      keys.push(agg.key({ name: f.name, location: f.file ? (at > 0 ? `${f.file}:${at}` : f.file) : null, origin: goOrigin(f.name, f.file) }));
    }
    if (keys.length === 0) keys.push(agg.key({ name: `0x${n(loc.address).toString(16)}`, location: null, origin: 'native' }));
    locations.set(n(loc.id), keys);
  }
  let expanded = 0;
  for (const s of p.sample) {
    const w = n(s.value[idx] ?? 0);
    if (!(w > 0)) continue;
    const stack: string[] = [];
    for (const id of s.locationId) {
      const frames = locations.get(n(id));
      if (!frames) continue;
      expanded += frames.length;
      if (expanded > PPROF_MAX_EXPANDED_FRAMES)
        throw new EvidenceError(
          null,
          null,
          `more than ${grouped(PPROF_MAX_EXPANDED_FRAMES)} frames over all samples once inlined functions are expanded (cap for a pprof profile)`,
        );
      for (const k of frames) stack.push(k);
    }
    agg.add(stack, w);
  }
  const scale = unit === 'nanoseconds' ? 1e-6 : unit === 'microseconds' ? 1e-3 : 1;
  const top = agg.top(scale === 1 ? unit : 'ms', limit, scale);
  const tree = callTree ? { callNodes: agg.callNodes(scale)!, callTreeCut: agg.treeCut } : {};
  return { ...top, ...tree, sample_type: types[idx]!, sample_types: types };
}
