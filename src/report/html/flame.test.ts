import { describe, expect, it } from 'vitest';
import { type CallNode, flameTree, MAX_FLAME_NODES } from './flame.js';

const node = (id: number, name: string, parent: number | null, self: number): CallNode => ({ id, name, location: null, parent, self });

describe('flameTree', () => {
  it('merges same frames under one parent, sums totals, leaves out skipped frames', () => {
    const { root } = flameTree(
      [node(1, '(root)', null, 0), node(2, 'main', 1, 1), node(3, 'work', 2, 5), node(4, 'work', 2, 3), node(5, '(idle)', 1, 100)],
      new Set(['(idle)']),
    );
    expect(root.v).toBe(9);
    expect(root.c).toHaveLength(1);
    const main = root.c![0]!;
    expect(main).toMatchObject({ name: 'main', v: 9, s: 1 });
    expect(main.c).toEqual([{ name: 'work', v: 8, s: 8 }]);
  });

  it('stays bounded and iterative on a deep, wide tree', () => {
    const nodes: CallNode[] = [node(0, '(root)', null, 0)];
    for (let i = 1; i < 50_000; i++) nodes.push(node(i, `f${i % 3000}`, i < 20_000 ? i - 1 : i % 5000, 1));
    const { root, count } = flameTree(nodes);
    expect(count).toBeLessThanOrEqual(MAX_FLAME_NODES);
    expect(root.v).toBe(49_999);
  });
});
