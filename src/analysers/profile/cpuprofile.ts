/**
 * V8 / Chrome `.cpuprofile` (node --cpu-prof, DevTools): a call tree (`nodes`) and the leaf node
 * of each sample (`samples`) with the time since the previous sample (`timeDeltas`, µs).
 * As in DevTools, sample i lasts until sample i+1; the last one until `endTime`.
 */
import { StackAggregator, type ProfileTop } from './top.js';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber?: number;
}
interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  parent?: number;
}
export interface CpuProfile {
  nodes: CpuNode[];
  samples?: number[];
  timeDeltas?: number[];
  startTime?: number;
  endTime?: number;
}

/** Meta nodes that are not functions of the program. */
const META = new Set(['(root)']);

function location(cf: CallFrame): string | null {
  if (!cf.url) return null;
  const url = cf.url.startsWith('file://') ? decodeURIComponent(cf.url.slice('file://'.length)) : cf.url;
  return cf.lineNumber >= 0 ? `${url}:${cf.lineNumber + 1}` : url;
}

export function isCpuProfile(json: unknown): json is CpuProfile {
  const p = json as CpuProfile;
  return !!p && Array.isArray(p.nodes) && (Array.isArray(p.samples) || p.nodes.some((n) => 'hitCount' in n));
}

export function cpuProfileTop(profile: CpuProfile, limit: number): ProfileTop {
  const agg = new StackAggregator();
  const byId = new Map<number, CpuNode>();
  for (const n of profile.nodes) byId.set(n.id, n);
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    for (const c of n.children ?? []) parent.set(c, n.id);
    if (n.parent !== undefined) parent.set(n.id, n.parent);
  }
  // Leaf-first stack of frame keys per node, computed once per node.
  const stacks = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    const cached = stacks.get(id);
    if (cached) return cached;
    const out: string[] = [];
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!node) break;
      const name = node.callFrame.functionName || '(anonymous)';
      if (META.has(name)) continue;
      out.push(agg.key({ name, location: location(node.callFrame) }));
    }
    stacks.set(id, out);
    return out;
  };

  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  if (samples.length > 0 && deltas.length === samples.length) {
    const times: number[] = [];
    let t = profile.startTime ?? 0;
    for (const d of deltas) times.push((t += d));
    const end = profile.endTime ?? times[times.length - 1]!;
    for (let i = 0; i < samples.length; i++) {
      const next = i + 1 < times.length ? times[i + 1]! : end;
      agg.add(stackOf(samples[i]!), Math.max(0, next - times[i]!) / 1000);
    }
    return agg.top('ms', limit);
  }
  // Older profiles: hit counts per node only.
  for (const n of profile.nodes as (CpuNode & { hitCount?: number })[]) if (n.hitCount) agg.add(stackOf(n.id), n.hitCount);
  return agg.top('samples', limit);
}
