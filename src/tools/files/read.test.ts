import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

let root: string;
let ace: ConnectedAce;

const hundred = Array.from({ length: 100 }, (_, i) => `line ${i + 1}`).join('\n') + '\n';

beforeAll(async () => {
  root = await makeTree({
    'src/app.ts': 'const a = 1;\nconst b = 2;\n',
    'hundred.txt': hundred,
    'no-final-newline.txt': 'one\ntwo',
    'crlf.txt': 'a\r\nb\r\n',
    'bom.txt': '\uFEFFfirst\nsecond\n',
    'long.txt': `${'x'.repeat(2500)}\nshort\n`,
    'empty.txt': '',
    'image.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]),
    'wide.txt': Array.from({ length: 2000 }, () => 'y'.repeat(100)).join('\n'),
    'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi\nthere\n', 'utf16le')]),
  });
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

describe('read', () => {
  it('returns numbered lines cat -n style with a structured page', async () => {
    const result = await ace.call('read', { path: 'src/app.ts' });
    expect(result.isError).toBeFalsy();
    expect(ace.text(result)).toBe('     1\tconst a = 1;\n     2\tconst b = 2;');
    expect(result.structuredContent).toMatchObject({
      path: 'src/app.ts',
      start_line: 1,
      end_line: 2,
      truncated: false,
      next_offset: null,
      total_lines: 2,
    });
  });

  it('pages with offset and limit and gives the next offset', async () => {
    const result = await ace.call('read', { path: 'hundred.txt', offset: 10, limit: 5 });
    expect(ace.text(result)).toContain('    10\tline 10\n    11\tline 11');
    expect(ace.text(result)).not.toContain('line 15');
    expect(ace.text(result)).toContain('offset=15');
    expect(result.structuredContent).toMatchObject({ start_line: 10, end_line: 14, truncated: true, next_offset: 15 });
    const last = await ace.call('read', { path: 'hundred.txt', offset: 99, limit: 5 });
    expect(last.structuredContent).toMatchObject({ start_line: 99, end_line: 100, truncated: false, next_offset: null });
  });

  it('reads a last line without newline, strips CR and the BOM', async () => {
    expect(ace.text(await ace.call('read', { path: 'no-final-newline.txt' }))).toBe('     1\tone\n     2\ttwo');
    expect(ace.text(await ace.call('read', { path: 'crlf.txt' }))).toBe('     1\ta\n     2\tb');
    expect(ace.text(await ace.call('read', { path: 'bom.txt' }))).toBe('     1\tfirst\n     2\tsecond');
  });

  it('cuts long lines with a marker', async () => {
    const result = await ace.call('read', { path: 'long.txt' });
    expect(ace.text(result)).toContain('… [line cut at 2000 characters]');
    expect(ace.text(result)).toContain('     2\tshort');
    expect(result.structuredContent).toMatchObject({ long_lines_cut: 1 });
  });

  it('says an offset is past the end and an empty file is empty', async () => {
    const past = await ace.call('read', { path: 'hundred.txt', offset: 500 });
    expect(ace.text(past)).toContain('past the end of the file: it has 100 lines');
    expect(ace.text(await ace.call('read', { path: 'empty.txt' }))).toBe('(empty file)');
  });

  it('cuts a page at about 40 KB and says where to go on', async () => {
    const result = await ace.call('read', { path: 'wide.txt' });
    const data = result.structuredContent as { end_line: number; next_offset: number; truncated: boolean };
    expect(data.truncated).toBe(true);
    expect(data.end_line).toBeLessThan(2000);
    expect(data.next_offset).toBe(data.end_line + 1);
    expect(Buffer.byteLength(ace.text(result))).toBeLessThanOrEqual(40_000);
  });

  it('decodes UTF-16 with a BOM', async () => {
    expect(ace.text(await ace.call('read', { path: 'utf16.txt' }))).toBe('     1\thi\n     2\tthere');
  });

  it('refuses binary files, directories and missing files with a message to act on', async () => {
    const binary = await ace.call('read', { path: 'image.png' });
    expect(binary.isError).toBe(true);
    expect(ace.text(binary)).toMatch(/binary file \(image\/png.*use 'file'/i);
    const dir = await ace.call('read', { path: 'src' });
    expect(ace.text(dir)).toContain('is a directory');
    const missing = await ace.call('read', { path: 'src/nope.ts' });
    expect(ace.text(missing)).toBe('not found: src/nope.ts');
  });

  it('accepts an absolute path inside the root', async () => {
    const result = await ace.call('read', { path: `${root}/src/app.ts` });
    expect(result.structuredContent).toMatchObject({ path: 'src/app.ts', end_line: 2 });
  });
});
