/**
 * Top functions of a sampled profile, by self time (the function was on top of the stack) and
 * by total time (the function was anywhere on the stack, counted once per sample even when
 * recursive). All three profile formats reduce to weighted stacks of frames.
 */
export interface Frame {
  name: string;
  /** "file:line" when the profile knows it, else null. */
  location: string | null;
}

export interface FunctionCost {
  function: string;
  location: string | null;
  self: number;
  total: number;
  self_share: number;
  total_share: number;
}

export interface ProfileTop {
  /** Sum of all sample weights. */
  total: number;
  /** "ms", "samples", "bytes", ... */
  unit: string;
  samples: number;
  functions: number;
  by_self: FunctionCost[];
  by_total: FunctionCost[];
}

/** Accumulates weighted stacks (leaf first) keyed by frame identity. */
export class StackAggregator {
  private readonly self = new Map<string, number>();
  private readonly total = new Map<string, number>();
  private readonly frames = new Map<string, Frame>();
  private sum = 0;
  private count = 0;

  key(frame: Frame): string {
    const k = `${frame.name}\u0000${frame.location ?? ''}`;
    if (!this.frames.has(k)) this.frames.set(k, frame);
    return k;
  }

  /** `stack` is leaf first, as keys from `key()`. */
  add(stack: readonly string[], weight: number): void {
    if (stack.length === 0 || !(weight > 0)) return;
    this.sum += weight;
    this.count++;
    this.self.set(stack[0]!, (this.self.get(stack[0]!) ?? 0) + weight);
    const seen = stack.length > 1 ? new Set<string>() : null;
    for (const k of stack) {
      if (seen) {
        if (seen.has(k)) continue;
        seen.add(k);
      }
      this.total.set(k, (this.total.get(k) ?? 0) + weight);
    }
  }

  /** `scale` converts weights into `unit` (e.g. 1e-6 for nanoseconds to ms). */
  top(unit: string, limit: number, scale = 1): ProfileTop {
    const rows: FunctionCost[] = [];
    for (const [k, frame] of this.frames) {
      const self = this.self.get(k) ?? 0;
      const total = this.total.get(k) ?? 0;
      if (total === 0) continue;
      rows.push({
        function: frame.name,
        location: frame.location,
        self: self * scale,
        total: total * scale,
        self_share: this.sum > 0 ? self / this.sum : 0,
        total_share: this.sum > 0 ? total / this.sum : 0,
      });
    }
    const by = (f: (r: FunctionCost) => number) => [...rows].sort((a, b) => f(b) - f(a) || a.function.localeCompare(b.function)).slice(0, limit);
    return {
      total: this.sum * scale,
      unit,
      samples: this.count,
      functions: rows.length,
      by_self: by((r) => r.self).filter((r) => r.self > 0),
      by_total: by((r) => r.total),
    };
  }
}
