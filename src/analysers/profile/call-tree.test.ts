import { describe, expect, it } from 'vitest';
import { CallTreeBuilder } from './call-tree.js';

const frame = (key: string) => ({ name: key, location: null });

describe('CallTreeBuilder', () => {
  it('builds the trie of leaf-first stacks, self weight on each stack leaf', () => {
    const tree = new CallTreeBuilder();
    tree.add(['c', 'b', 'a'], 2);
    tree.add(['b', 'a'], 1);
    tree.add(['c', 'a'], 4); // c under a directly: another node than c under b
    const nodes = tree.nodes(frame);
    const path = (id: number): string => {
      const n = nodes[id]!;
      return n.parent === null ? n.name : `${path(n.parent)}/${n.name}`;
    };
    expect(Object.fromEntries(nodes.map((n) => [path(n.id), n.self]))).toEqual({
      '(root)': 0,
      '(root)/a': 0,
      '(root)/a/b': 1,
      '(root)/a/b/c': 2,
      '(root)/a/c': 4,
    });
    expect(tree.cut).toBe(false);
  });

  it('past its node cap keeps a stack weight on the deepest node it has, and says it was cut', () => {
    const tree = new CallTreeBuilder(3);
    tree.add(['b', 'a'], 1);
    tree.add(['x', 'a'], 5);
    const nodes = tree.nodes(frame, 2);
    expect(nodes).toHaveLength(3);
    expect(nodes.find((n) => n.name === 'a')!.self).toBe(10);
    expect(tree.cut).toBe(true);
  });
});
