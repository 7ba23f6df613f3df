/**
 * Top functions of a sampled profile, by self time (the function was on top of the stack) and
 * by total time (the function was anywhere on the stack, counted once per sample even when
 * recursive). All profile formats reduce to weighted stacks of frames, or (V8's call tree) to
 * self and total weights added per frame directly.
 *
 * Shares are of BUSY time: idle samples (V8's `(idle)`) are counted apart (`idle`,
 * `idle_share`) and listed nowhere, so "35 % of CPU" means 35 % of the time the CPU worked.
 */
import type { CallNode } from '../../report/html/flame.js';
import type { Origin } from './origin.js';
import type { CallTreeBuilder } from './call-tree.js';
import { EvidenceError } from '../../errors.js';
import { grouped } from '../../numbers.js';

export type { Origin } from './origin.js';

export interface Frame {
  name: string;
  /** "file:line" when the profile knows it, else null. */
  location: string | null;
  origin: Origin;
  /** The process was idle (V8's `(idle)`): not busy time. */
  idle?: boolean;
}

export interface FunctionCost {
  function: string;
  location: string | null;
  origin: Origin;
  self: number;
  total: number;
  /** self / busy time. */
  self_share: number;
  /** total / busy time. */
  total_share: number;
}

export interface ProfileTop {
  /** Sum of all sample weights, idle included. */
  total: number;
  /** total - idle: the denominator of every share. */
  busy: number;
  /** Weight of idle samples. */
  idle: number;
  /** idle / total, 0..1. */
  idle_share: number;
  /** "ms", "samples", "bytes", ... */
  unit: string;
  samples: number;
  functions: number;
  by_self: FunctionCost[];
  by_total: FunctionCost[];
  /** The service's own functions (origin "app") by self time. */
  app_top: FunctionCost[];
  /** The call tree, when asked for (flame-graph input, weights in `unit`). */
  callNodes?: CallNode[];
  /** Set when the call tree left stacks' tails out for its size cap. */
  callTreeCut?: boolean;
}

/** Accumulates self and total weights keyed by frame identity. */
export class StackAggregator {
  private readonly self = new Map<string, number>();
  private readonly total = new Map<string, number>();
  private readonly frames = new Map<string, Frame>();
  private sum = 0;
  private idle = 0;
  private count = 0;

  /** `tree`, when given, also gathers the call tree of the stacks added. */
  constructor(
    private readonly maxFrames = Infinity,
    private readonly tree?: CallTreeBuilder,
  ) {}

  /** The call tree of the stacks added, when a tree was asked for; weights times `scale`. */
  callNodes(scale = 1): CallNode[] | undefined {
    return this.tree?.nodes((k) => this.frameOf(k), scale);
  }

  /** The frame behind a key. */
  frameOf(key: string): Frame {
    return this.frames.get(key)!;
  }

  /** True when the call tree left stacks' tails out for its size cap. */
  get treeCut(): boolean {
    return this.tree?.cut ?? false;
  }

  key(frame: Frame): string {
    const k = `${frame.name}\u0000${frame.location ?? ''}`;
    if (!this.frames.has(k)) {
      if (this.frames.size >= this.maxFrames)
        throw new EvidenceError(null, null, `more than ${grouped(this.maxFrames)} distinct functions (cap for a profile)`);
      this.frames.set(k, frame);
    }
    return k;
  }

  /** `n` samples of `weight` in all (ignored unless > 0) on `leafKey`; returns whether they counted. */
  sample(weight: number, leafKey: string, n = 1): boolean {
    if (!(weight > 0)) return false;
    this.sum += weight;
    this.count += n;
    if (this.frames.get(leafKey)?.idle) this.idle += weight;
    return true;
  }

  addSelf(key: string, weight: number): void {
    this.self.set(key, (this.self.get(key) ?? 0) + weight);
  }

  addTotal(key: string, weight: number): void {
    this.total.set(key, (this.total.get(key) ?? 0) + weight);
  }

  /** `stack` is leaf first, as keys from `key()`; linear in its length. */
  add(stack: readonly string[], weight: number): void {
    if (stack.length === 0 || !this.sample(weight, stack[0]!)) return;
    this.tree?.add(stack, weight);
    this.addSelf(stack[0]!, weight);
    const seen = stack.length > 1 ? new Set<string>() : null;
    for (const k of stack) {
      if (seen) {
        if (seen.has(k)) continue;
        seen.add(k);
      }
      this.addTotal(k, weight);
    }
  }

  /** `scale` converts weights into `unit` (e.g. 1e-6 for nanoseconds to ms). */
  top(unit: string, limit: number, scale = 1): ProfileTop {
    if (!Number.isFinite(this.sum)) throw new EvidenceError(null, null, 'sample weights add up to more than a number can hold');
    const busy = this.sum - this.idle;
    const rows: FunctionCost[] = [];
    for (const [k, frame] of this.frames) {
      if (frame.idle) continue;
      const self = this.self.get(k) ?? 0;
      const total = this.total.get(k) ?? 0;
      if (total === 0) continue;
      rows.push({
        function: frame.name,
        location: frame.location,
        origin: frame.origin,
        self: self * scale,
        total: total * scale,
        self_share: busy > 0 ? self / busy : 0,
        total_share: busy > 0 ? total / busy : 0,
      });
    }
    const by = (list: FunctionCost[], f: (r: FunctionCost) => number) => topBy(list, f, limit);
    return {
      total: this.sum * scale,
      busy: busy * scale,
      idle: this.idle * scale,
      idle_share: this.sum > 0 ? this.idle / this.sum : 0,
      unit,
      samples: this.count,
      functions: rows.length,
      by_self: by(rows, (r) => r.self).filter((r) => r.self > 0),
      by_total: by(rows, (r) => r.total),
      app_top: by(
        rows.filter((r) => r.origin === 'app' && r.self > 0),
        (r) => r.self,
      ),
    };
  }
}

/**
 * The `limit` largest rows by `f`, ties by function name: one pass keeping a short sorted list,
 * so a profile of many functions costs O(n log limit), not a sort of all of them.
 */
function topBy(rows: readonly FunctionCost[], f: (r: FunctionCost) => number, limit: number): FunctionCost[] {
  const before = (a: FunctionCost, b: FunctionCost) => f(b) - f(a) || (a.function < b.function ? -1 : a.function > b.function ? 1 : 0);
  const best: FunctionCost[] = [];
  for (const row of rows) {
    if (best.length === limit && before(row, best[limit - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(best[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, row);
    if (best.length > limit) best.pop();
  }
  return best;
}
