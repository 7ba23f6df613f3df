/**
 * A call tree built from weighted stacks (folded stacks, pprof samples): a trie of frames from
 * the root down, each node's self weight the samples whose leaf it is. Bounded: past
 * MAX_TREE_NODES distinct paths, a stack's weight stays on the deepest node it already has (and
 * the tree says it was cut), so a profile of endless distinct stacks costs bounded memory.
 */
import type { CallNode } from '../../report/html/flame.js';

export const MAX_TREE_NODES = 1_000_000;

export class CallTreeBuilder {
  private readonly children: Map<string, number>[] = [new Map()];
  private readonly keys: string[] = [''];
  private readonly parents: number[] = [-1];
  private readonly selfs: number[] = [0];
  /** Set when a stack's tail was left out for the cap. */
  cut = false;

  constructor(private readonly maxNodes = MAX_TREE_NODES) {}

  /** `stack` is leaf first, as the aggregator's frame keys. */
  add(stack: readonly string[], weight: number): void {
    let at = 0;
    for (let i = stack.length - 1; i >= 0; i--) {
      const key = stack[i]!;
      let next = this.children[at]!.get(key);
      if (next === undefined) {
        if (this.keys.length >= this.maxNodes) {
          this.cut = true;
          break;
        }
        next = this.keys.length;
        this.children[at]!.set(key, next);
        this.children.push(new Map());
        this.keys.push(key);
        this.parents.push(at);
        this.selfs.push(0);
      }
      at = next;
    }
    this.selfs[at] = this.selfs[at]! + weight;
  }

  /** The tree as flame-graph input; `frame` names a key, `scale` converts weights into the result's unit. */
  nodes(frame: (key: string) => { name: string; location: string | null }, scale = 1): CallNode[] {
    const out: CallNode[] = [{ id: 0, name: '(root)', location: null, parent: null, self: this.selfs[0]! * scale }];
    for (let i = 1; i < this.keys.length; i++) {
      const f = frame(this.keys[i]!);
      out.push({ id: i, name: f.name, location: f.location, parent: this.parents[i]!, self: this.selfs[i]! * scale });
    }
    return out;
  }
}
