/**
 * V8 / Chrome `.cpuprofile` (node --cpu-prof, DevTools): a call tree (`nodes`) and the leaf node
 * of each sample (`samples`) with the time since the previous sample (`timeDeltas`, µs).
 * As in DevTools, sample i lasts until sample i+1; the last one until `endTime`.
 * The older layout (node <= 10, v8-profiler, Chrome before 2016) nests the tree under `head`
 * and gives absolute `timestamps` (µs) with `startTime`/`endTime` in seconds.
 *
 * Linear and iterative whatever the input: weights are summed per node first, then one DFS
 * with an explicit stack adds self and total per frame (a frame recursing on the path counts
 * its subtree once, at its outermost call). A node reached twice, a node with two parents or
 * a cycle is a malformed profile and an error, never a hang.
 */
import type { CallNode } from '../../report/html/flame.js';
import { jsOrigin } from './origin.js';
import { StackAggregator, type ProfileTop } from './top.js';
import { EvidenceError } from '../../errors.js';

interface CallFrame {
  functionName?: string;
  url?: string;
  lineNumber?: number;
}
export interface CpuNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
  parent?: number;
  hitCount?: number;
}
export interface CpuProfile {
  nodes: CpuNode[];
  samples?: ArrayLike<number>;
  timeDeltas?: ArrayLike<number>;
  /** Legacy layout: absolute sample times, µs. */
  timestamps?: ArrayLike<number>;
  startTime?: number;
  endTime?: number;
  legacy?: boolean;
}

/** Distinct functions a profile may hold. */
export const CPUPROFILE_MAX_FUNCTIONS = 500_000;

const bad = (why: string) => new EvidenceError(null, null, `malformed V8 CPU profile: ${why}`);

function location(cf: CallFrame): string | null {
  if (!cf.url) return null;
  let url = cf.url;
  if (url.startsWith('file://')) {
    try {
      url = decodeURIComponent(url.slice('file://'.length));
    } catch {
      url = url.slice('file://'.length);
    }
  }
  const line = cf.lineNumber ?? -1;
  return line >= 0 ? `${url}:${line + 1}` : url;
}

interface LegacyNode {
  id?: unknown;
  functionName?: unknown;
  url?: unknown;
  lineNumber?: unknown;
  hitCount?: unknown;
  children?: unknown;
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Flattens the legacy `head` tree into `nodes`, iteratively (its depth is the JSON's). */
function flattenHead(head: LegacyNode): CpuNode[] {
  const nodes: CpuNode[] = [];
  const used = new Set<number>();
  let nextId = 1;
  const idOf = (n: LegacyNode) => {
    const id = num(n.id);
    if (id !== undefined && !used.has(id)) return id;
    while (used.has(nextId)) nextId++;
    return nextId;
  };
  const stack: { node: LegacyNode; parent: CpuNode | null }[] = [{ node: head, parent: null }];
  while (stack.length > 0) {
    const { node, parent } = stack.pop()!;
    if (!node || typeof node !== 'object') throw bad('a node of "head" is not an object');
    const id = idOf(node);
    used.add(id);
    const line = num(node.lineNumber);
    // Legacy line numbers are 1-based; callFrame's are 0-based.
    const out: CpuNode = {
      id,
      callFrame: { functionName: str(node.functionName), url: str(node.url), lineNumber: line !== undefined ? line - 1 : -1 },
      children: [],
      hitCount: num(node.hitCount) ?? 0,
    };
    nodes.push(out);
    parent?.children!.push(id);
    const children = node.children;
    if (children === undefined) continue;
    if (!Array.isArray(children)) throw bad('"children" is not an array');
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i] as LegacyNode, parent: out });
  }
  return nodes;
}

/** Checks the parsed JSON's shape and joins the streamed arrays; throws a plain message if it is not a profile. */
export function toCpuProfile(value: unknown, arrays: { samples?: Float64Array; timeDeltas?: Float64Array; timestamps?: Float64Array }): CpuProfile {
  const p = value as { nodes?: unknown; head?: unknown; startTime?: unknown; endTime?: unknown; samples?: unknown; timeDeltas?: unknown; timestamps?: unknown };
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new EvidenceError(null, null, 'not a V8 CPU profile: expected a JSON object');
  const legacy = !Array.isArray(p.nodes) && !!p.head && typeof p.head === 'object';
  if (!Array.isArray(p.nodes) && !legacy) throw new EvidenceError(null, null, 'not a V8 CPU profile: expected "nodes" (or the older "head" call tree)');
  const nodes = legacy ? flattenHead(p.head as LegacyNode) : (p.nodes as CpuNode[]);
  const arr = (extracted: Float64Array | undefined, parsed: unknown) => extracted ?? (Array.isArray(parsed) ? (parsed as number[]) : undefined);
  const profile: CpuProfile = {
    nodes,
    samples: arr(arrays.samples, p.samples),
    timeDeltas: arr(arrays.timeDeltas, p.timeDeltas),
    timestamps: arr(arrays.timestamps, p.timestamps),
    startTime: num(p.startTime),
    endTime: num(p.endTime),
    legacy,
  };
  if (!profile.samples && !nodes.some((n) => n && typeof n === 'object' && 'hitCount' in n)) {
    throw new EvidenceError(null, null, 'not a V8 CPU profile: expected "samples" or per-node "hitCount"');
  }
  return profile;
}

/** Start time of each sample, µs, or null when the profile has no usable times. */
function sampleTimes(p: CpuProfile, count: number): { times: Float64Array; end: number } | null {
  const times = new Float64Array(count);
  if (p.timeDeltas && p.timeDeltas.length === count) {
    let t = p.startTime ?? 0;
    for (let i = 0; i < count; i++) times[i] = t += p.timeDeltas[i]!;
    return { times, end: p.endTime ?? (count > 0 ? times[count - 1]! : 0) };
  }
  if (p.timestamps && p.timestamps.length === count && count > 0) {
    for (let i = 0; i < count; i++) times[i] = p.timestamps[i]!;
    const last = times[count - 1]!;
    // Legacy startTime/endTime are seconds while timestamps are µs.
    let end = p.endTime ?? last;
    if (end * 1000 < times[0]!) end *= 1e6;
    return { times, end: Math.max(end, last) };
  }
  return null;
}

/** Every this many steps of a long loop, let the server's other calls run. */
const STEPS_BETWEEN_YIELDS = 8192;

/** Counts loop steps; true when it is time to yield. */
function pacer(): () => boolean {
  let left = STEPS_BETWEEN_YIELDS;
  return () => {
    if (--left > 0) return false;
    left = STEPS_BETWEEN_YIELDS;
    return true;
  };
}

const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Self and total time per function. Linear in nodes and samples, iterative, and it yields to
 * the server's other calls as it goes: a profile of a million nodes holds no one up.
 */
export async function cpuProfileTop(profile: CpuProfile, limit: number, callTree = false): Promise<ProfileTop> {
  const step = pacer();
  const nodes = profile.nodes;
  const n = nodes.length;
  const agg = new StackAggregator(CPUPROFILE_MAX_FUNCTIONS);
  const index = new Map<number, number>();
  const keys: (string | null)[] = new Array<string | null>(n);
  for (let i = 0; i < n; i++) {
    if (step()) await yieldToOthers();
    const node = nodes[i]!;
    if (!node || typeof node !== 'object' || typeof node.id !== 'number') throw bad(`node ${i} has no numeric "id"`);
    if (index.has(node.id)) throw bad(`node id ${node.id} appears twice`);
    index.set(node.id, i);
    const cf = node.callFrame && typeof node.callFrame === 'object' ? node.callFrame : {};
    const name = str(cf.functionName) || '(anonymous)';
    const url = str(cf.url);
    keys[i] = name === '(root)' ? null : agg.key({ name, location: location({ ...cf, url }), origin: jsOrigin(name, url), idle: name === '(idle)' && !url });
  }

  // One parent per node, from `children` lists and `parent` fields alike.
  const parent = new Int32Array(n).fill(-1);
  const setParent = (child: unknown, p: number) => {
    const c = typeof child === 'number' ? index.get(child) : undefined;
    if (c === undefined) throw bad(`node ${nodes[p]!.id} has an unknown child ${String(child)}`);
    if (c === p) throw bad(`node ${nodes[p]!.id} is its own child`);
    if (parent[c] !== -1 && parent[c] !== p) throw bad(`node ${nodes[c]!.id} has two parents (${nodes[parent[c]!]!.id} and ${nodes[p]!.id}): not a call tree`);
    parent[c] = p;
  };
  for (let i = 0; i < n; i++) {
    if (step()) await yieldToOthers();
    const node = nodes[i]!;
    if (node.children !== undefined) {
      if (!Array.isArray(node.children)) throw bad(`"children" of node ${node.id} is not an array`);
      for (const c of node.children) setParent(c, i);
    }
    if (node.parent !== undefined) {
      const p = index.get(node.parent);
      if (p === undefined) throw bad(`node ${node.id} has an unknown parent ${node.parent}`);
      setParent(node.id, p);
    }
  }

  // Weight per node: time (ms) from the samples, else the hit counts.
  const weight = new Float64Array(n);
  const samples = profile.samples ?? [];
  const timed = samples.length > 0 ? sampleTimes(profile, samples.length) : null;
  const unit = timed ? 'ms' : 'samples';
  if (timed) {
    const { times, end } = timed;
    for (let i = 0; i < samples.length; i++) {
      if (step()) await yieldToOthers();
      const idx = index.get(samples[i]!);
      if (idx === undefined) throw bad(`sample ${i} refers to unknown node ${samples[i]}`);
      const w = Math.max(0, (i + 1 < times.length ? times[i + 1]! : end) - times[i]!) / 1000;
      const key = keys[idx];
      if (key !== null && agg.sample(w, key!)) weight[idx] = weight[idx]! + w;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const hits = nodes[i]!.hitCount;
      const key = keys[i];
      if (typeof hits === 'number' && key !== null && agg.sample(hits, key!, hits)) weight[i] = hits;
    }
  }

  // Children lists from the parent array (compressed rows), then one iterative DFS.
  const firstChild = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i]! >= 0) firstChild[parent[i]! + 1] = firstChild[parent[i]! + 1]! + 1;
  for (let i = 0; i < n; i++) firstChild[i + 1] = firstChild[i + 1]! + firstChild[i]!;
  const fill = firstChild.slice(0, n);
  const childList = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const p = parent[i]!;
    if (p < 0) continue;
    childList[fill[p]!] = i;
    fill[p] = fill[p]! + 1;
  }

  const subtree = Float64Array.from(weight);
  const visited = new Uint8Array(n);
  const onPath = new Map<string, number>();
  const stack = new Int32Array(2 * n + 1);
  let visitedCount = 0;
  for (let root = 0; root < n; root++) {
    if (parent[root] !== -1) continue;
    let sp = 0;
    stack[sp++] = root;
    while (sp > 0) {
      if (step()) await yieldToOthers();
      const top = stack[--sp]!;
      if (top >= 0) {
        if (visited[top]) throw bad(`node ${nodes[top]!.id} is reached twice`);
        visited[top] = 1;
        visitedCount++;
        const key = keys[top];
        if (key !== null) onPath.set(key!, (onPath.get(key!) ?? 0) + 1);
        stack[sp++] = -top - 1;
        for (let c = firstChild[top]!; c < firstChild[top + 1]!; c++) stack[sp++] = childList[c]!;
      } else {
        const idx = -top - 1;
        const key = keys[idx];
        if (parent[idx]! >= 0) subtree[parent[idx]!] = subtree[parent[idx]!]! + subtree[idx]!;
        if (key === null) continue;
        const depth = onPath.get(key!)! - 1;
        onPath.set(key!, depth);
        if (weight[idx]! > 0) agg.addSelf(key!, weight[idx]!);
        if (depth === 0 && subtree[idx]! > 0) agg.addTotal(key!, subtree[idx]!);
      }
    }
  }
  if (visitedCount < n) throw bad(`the call tree has a cycle (${n - visitedCount} nodes are not reachable from a root)`);
  const top = agg.top(unit, limit);
  if (!callTree) return top;
  // V8's own tree: node i under parent[i], its self weight the samples that ended on it.
  const callNodes: CallNode[] = new Array<CallNode>(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i];
    const frame = key === null || key === undefined ? { name: '(root)', location: null } : agg.frameOf(key);
    callNodes[i] = { id: i, name: frame.name, location: frame.location, parent: parent[i]! >= 0 ? parent[i]! : null, self: weight[i]! };
  }
  return { ...top, callNodes };
}
