import { describe, expect, it } from 'vitest';
import { GitignoreTree } from './gitignore.js';

describe('GitignoreTree', () => {
  it("applies a directory's rules below it, deeper files winning", () => {
    const tree = new GitignoreTree();
    tree.addDirectory('.', '*.log\nbuild/\n/only-top.txt\n');
    tree.addDirectory('src', '!keep.log\n');
    tree.addDirectory('src/deep');
    expect(tree.isIgnored('.', 'a.log', false)).toBe(true);
    expect(tree.isIgnored('src', 'keep.log', false)).toBe(false);
    expect(tree.isIgnored('src', 'drop.log', false)).toBe(true);
    expect(tree.isIgnored('src/deep', 'x.log', false)).toBe(true);
    expect(tree.isIgnored('src', 'build', true)).toBe(true);
    expect(tree.isIgnored('src', 'build', false)).toBe(false);
    expect(tree.isIgnored('.', 'only-top.txt', false)).toBe(true);
    expect(tree.isIgnored('src', 'only-top.txt', false)).toBe(false);
  });

  it('matches nested rules relative to their own directory', () => {
    const tree = new GitignoreTree();
    tree.addDirectory('.');
    tree.addDirectory('pkg', '/dist\n');
    expect(tree.isIgnored('pkg', 'dist', true)).toBe(true);
    expect(tree.isIgnored('.', 'dist', true)).toBe(false);
  });

  it('lets an unknown directory inherit from its nearest known parent', () => {
    const tree = new GitignoreTree();
    tree.addDirectory('.', 'tmp\n');
    expect(tree.isIgnored('a/b', 'tmp', true)).toBe(true);
  });
});
