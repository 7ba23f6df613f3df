import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree({
    'src/a.ts': 'import x from "y";\nfunction slowQuery() {\n  return db.query("SELECT 1");\n}\n',
    'src/b.js': 'const TODO = 1;\n// todo: cache this\nfunction fast() {}\n',
    'src/c.py': 'def slowQuery():\n    pass\n',
    'docs/notes.md': 'line one\nline two\nline three\nline four\nline five\n',
    'multi.txt': 'begin\nmiddle\nend\n',
    'edge.txt': '\nfirst-hit\nlast\n',
    'utf8.txt': 'café crème\nnaïve\n',
    'bin.dat': Buffer.from([1, 2, 0, 3, 0x73, 0x6c, 0x6f, 0x77]),
    'ignored/x.ts': 'slowQuery',
    '.gitignore': 'ignored/\n',
    '.env': 'slowQuery=SECRET',
  });
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

const grep = async (args: Record<string, unknown>) => {
  const result = await ace.call('grep', args);
  expect(result.isError, ace.text(result)).toBeFalsy();
  return { data: result.structuredContent as Record<string, unknown>, text: ace.text(result) };
};

describe('grep', () => {
  it('lists matching files sorted by path by default', async () => {
    const { data, text } = await grep({ pattern: 'slowQuery' });
    expect(data.files).toEqual(['src/a.ts', 'src/c.py']);
    expect(text).toBe('Found 2 files\nsrc/a.ts\nsrc/c.py');
  });

  it('shows content with line numbers and context', async () => {
    const { text } = await grep({ pattern: 'three', output_mode: 'content', '-C': 1 });
    expect(text).toContain('docs/notes.md-2-line two\ndocs/notes.md:3:line three\ndocs/notes.md-4-line four');
    const plain = await grep({ pattern: 'three', output_mode: 'content', '-n': false });
    expect(plain.text).toContain('docs/notes.md:line three');
    const after = await grep({ pattern: 'one', output_mode: 'content', '-A': 1, path: 'docs' });
    expect(after.data.lines).toEqual([
      { path: 'docs/notes.md', line: 1, text: 'line one', match: true },
      { path: 'docs/notes.md', line: 2, text: 'line two', match: false },
    ]);
  });

  it('gives context from an empty first line', async () => {
    const { data } = await grep({ pattern: 'first-hit', output_mode: 'content', '-B': 3, '-A': 3 });
    expect(data.lines).toEqual([
      { path: 'edge.txt', line: 1, text: '', match: false },
      { path: 'edge.txt', line: 2, text: 'first-hit', match: true },
      { path: 'edge.txt', line: 3, text: 'last', match: false },
    ]);
  });

  it('counts matching lines per file', async () => {
    const { data } = await grep({ pattern: 'line', output_mode: 'count' });
    expect(data.counts).toEqual([{ path: 'docs/notes.md', count: 5 }]);
    expect(data.total_matches).toBe(5);
    const empty = await grep({ pattern: '^', output_mode: 'count', path: 'docs/notes.md' });
    expect(empty.data.counts).toEqual([{ path: 'docs/notes.md', count: 5 }]);
  });

  it('is case-insensitive with -i and literal with fixed_strings', async () => {
    expect((await grep({ pattern: 'todo', '-i': true })).data.files).toEqual(['src/b.js']);
    expect((await grep({ pattern: 'todo' })).data.files).toEqual(['src/b.js']);
    expect((await grep({ pattern: 'db.query(', fixed_strings: true })).data.files).toEqual(['src/a.ts']);
    expect((await grep({ pattern: 'db.qu.ry\\(' })).data.files).toEqual(['src/a.ts']);
  });

  it('filters by glob, type and path', async () => {
    expect((await grep({ pattern: 'slowQuery', glob: '*.py' })).data.files).toEqual(['src/c.py']);
    expect((await grep({ pattern: 'slowQuery', glob: '!*.py' })).data.files).toEqual(['src/a.ts']);
    expect((await grep({ pattern: 'slowQuery', glob: '*.ts *.py !src/c.py' })).data.files).toEqual(['src/a.ts']);
    expect((await grep({ pattern: 'slowQuery', type: 'ts' })).data.files).toEqual(['src/a.ts']);
    expect((await grep({ pattern: 'function', path: 'src/b.js' })).data.files).toEqual(['src/b.js']);
  });

  it('matches a regex with a required literal line by line, in every mode', async () => {
    const { data } = await grep({ pattern: 'line t\\w+e', output_mode: 'content', path: 'docs' });
    expect(data.lines).toEqual([{ path: 'docs/notes.md', line: 3, text: 'line three', match: true }]);
    expect((await grep({ pattern: 'line [ft]\\w+', output_mode: 'count' })).data.counts).toEqual([{ path: 'docs/notes.md', count: 4 }]);
    expect((await grep({ pattern: 'retu\\w+ db' })).data.files).toEqual(['src/a.ts']);
  });

  it('matches per line unless multiline', async () => {
    expect((await grep({ pattern: 'begin\\s+middle' })).data.files).toEqual([]);
    const { data } = await grep({ pattern: 'begin.middle', multiline: true, output_mode: 'content' });
    expect(data.lines).toEqual([
      { path: 'multi.txt', line: 1, text: 'begin', match: true },
      { path: 'multi.txt', line: 2, text: 'middle', match: true },
    ]);
  });

  it('matches UTF-8 text and reports its lines', async () => {
    const { data } = await grep({ pattern: 'na.ve', output_mode: 'content' });
    expect(data.lines).toEqual([{ path: 'utf8.txt', line: 2, text: 'naïve', match: true }]);
  });

  it('skips binary, ignored and secret files unless include_ignored (never secrets)', async () => {
    expect((await grep({ pattern: 'slow' })).data.skipped_binary).toBe(1);
    const all = await grep({ pattern: 'slowQuery', include_ignored: true });
    expect(all.data.files).toEqual(['ignored/x.ts', 'src/a.ts', 'src/c.py']);
  });

  it('pages with head_limit and offset', async () => {
    const first = await grep({ pattern: 'line', output_mode: 'content', head_limit: 2 });
    expect(first.data).toMatchObject({ truncated: true, next_offset: 2 });
    expect((first.data.lines as unknown[]).length).toBe(2);
    const next = await grep({ pattern: 'line', output_mode: 'content', head_limit: 2, offset: 2 });
    expect((next.data.lines as Array<{ line: number }>).map((l) => l.line)).toEqual([3, 4]);
    expect(next.text).toContain('offset=4');
  });

  it('refuses an invalid regex and an unknown type with a message', async () => {
    const bad = await ace.call('grep', { pattern: '(unclosed' });
    expect(bad.isError).toBe(true);
    expect(ace.text(bad)).toContain('invalid regular expression');
    const type = await ace.call('grep', { pattern: 'x', type: 'cobol' });
    expect(ace.text(type)).toContain("unknown file type 'cobol'");
  });
});
