/**
 * A flame graph's tree from a V8 call tree: sample weights per node, frames merged by name and
 * location under the same parent (as DevTools' "Top down"), frames under 0.2 % of the total
 * folded into their parent's self time, and at most MAX_FLAME_NODES nodes. Iterative: a deep
 * tree cannot overflow the stack.
 */
import type { FlameNode } from './view.js';

export const MAX_FLAME_NODES = 1500;
const MIN_SHARE = 0.002;

export interface CallNode {
  id: number;
  name: string;
  location: string | null;
  parent: number | null;
  /** Weight of the samples whose leaf is this node. */
  self: number;
}

/** Merged, pruned tree; `skip` names frames left out with their subtree (e.g. "(idle)"). */
export function flameTree(nodes: readonly CallNode[], skip: ReadonlySet<string> = new Set(), maxNodes = MAX_FLAME_NODES): { root: FlameNode; count: number } {
  const children = new Map<number, CallNode[]>();
  const roots: CallNode[] = [];
  for (const n of nodes) {
    if (n.parent === null) roots.push(n);
    else {
      const list = children.get(n.parent);
      if (list) list.push(n);
      else children.set(n.parent, [n]);
    }
  }
  // Merge same-named siblings top-down: each merged node gathers the original nodes it stands for.
  interface Merged {
    node: FlameNode;
    from: CallNode[];
  }
  const root: FlameNode = { name: 'all', v: 0, s: 0, c: [] };
  const stack: Merged[] = [{ node: root, from: [] }];
  const top = new Map<string, Merged>();
  for (const r of roots) {
    const kids = r.name === '(root)' ? (children.get(r.id) ?? []) : [r];
    if (r.name === '(root)') root.s += r.self;
    for (const k of kids) add(top, root, k);
  }
  function add(into: Map<string, Merged>, parent: FlameNode, n: CallNode): void {
    if (skip.has(n.name)) return;
    const key = `${n.name}\u0000${n.location ?? ''}`;
    let m = into.get(key);
    if (!m) {
      m = { node: { name: n.location ? `${n.name} ${n.location}` : n.name, v: 0, s: 0 }, from: [] };
      into.set(key, m);
      (parent.c ??= []).push(m.node);
    }
    m.from.push(n);
    m.node.s += n.self;
  }
  stack.pop();
  for (const m of top.values()) stack.push(m);
  while (stack.length > 0) {
    const m = stack.pop()!;
    const next = new Map<string, Merged>();
    for (const n of m.from) for (const k of children.get(n.id) ?? []) add(next, m.node, k);
    for (const k of next.values()) stack.push(k);
  }
  // Totals bottom-up (post-order, iterative).
  const order: FlameNode[] = [];
  const walk: FlameNode[] = [root];
  while (walk.length > 0) {
    const n = walk.pop()!;
    order.push(n);
    for (const c of n.c ?? []) walk.push(c);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    n.v = n.s + (n.c ?? []).reduce((sum, c) => sum + c.v, 0);
  }
  return prune(root, maxNodes);
}

/** Folds small frames into their parent and keeps the heaviest nodes, `maxNodes` at most. */
function prune(root: FlameNode, maxNodes: number): { root: FlameNode; count: number } {
  const min = root.v * MIN_SHARE;
  let count = 1;
  const queue: FlameNode[] = [root];
  while (queue.length > 0) {
    const n = queue.shift()!;
    const kids = (n.c ?? []).sort((a, b) => b.v - a.v);
    const kept: FlameNode[] = [];
    for (const c of kids) {
      if (c.v >= min && count < maxNodes) {
        kept.push(c);
        count++;
      } else n.s += c.v;
    }
    if (kept.length > 0) n.c = kept;
    else delete n.c;
    queue.push(...kept);
  }
  return { root, count };
}

/** A flame tree as a flat list, parents before their children (`parent` an index, -1 for the root). */
export interface FlatFrame {
  name: string;
  parent: number;
  total: number;
  self: number;
}

export function flattenFlame(root: FlameNode): FlatFrame[] {
  const out: FlatFrame[] = [];
  const queue: [FlameNode, number][] = [[root, -1]];
  for (let i = 0; i < queue.length; i++) {
    const [node, parent] = queue[i]!;
    const at = out.length;
    out.push({ name: node.name, parent, total: node.v, self: node.s });
    for (const c of node.c ?? []) queue.push([c, at]);
  }
  return out;
}

/** The tree of a flat list (as flattenFlame writes it); frames whose parent is not before them are left out. */
export function unflattenFlame(frames: readonly FlatFrame[]): FlameNode {
  const nodes: FlameNode[] = frames.map((f) => ({ name: f.name, v: f.total, s: f.self }));
  for (let i = 1; i < frames.length; i++) {
    const p = frames[i]!.parent;
    if (p >= 0 && p < i) (nodes[p]!.c ??= []).push(nodes[i]!);
  }
  return nodes[0] ?? { name: 'all', v: 0, s: 0 };
}
