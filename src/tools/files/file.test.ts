import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { makeTree, removeTree } from '../../../test/support/files-tree.js';

let root: string;
let ace: ConnectedAce;

beforeAll(async () => {
  root = await makeTree({
    'script.sh': '#!/usr/bin/env bash\necho hi\n',
    'crlf.txt': 'a\r\nb\r\n',
    'mixed.txt': 'a\r\nb\nc\n',
    'utf8.md': '# Café\n',
    'data.json': '{"a": 1}\n',
    'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    'archive.gz': Buffer.from([0x1f, 0x8b, 8, 0, 0, 0]),
    'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hi\r\n', 'utf16le')]),
    empty: '',
    'dir/inner.txt': 'x',
    'link-in': { link: 'utf8.md' },
    'link-out': { link: '/etc/hostname' },
    'link-dangling': { link: 'nowhere.txt' },
  });
  ace = await connectAce(root);
});

afterAll(async () => {
  await ace.close();
  await removeTree(root);
});

const describeFile = async (path: string) => {
  const result = await ace.call('file', { path });
  expect(result.isError, ace.text(result)).toBeFalsy();
  return { data: result.structuredContent as Record<string, unknown>, text: ace.text(result) };
};

describe('file', () => {
  it('identifies text: encoding, line endings, shebang, MIME', async () => {
    expect((await describeFile('script.sh')).data).toMatchObject({
      kind: 'text',
      mime: 'text/x-shellscript',
      encoding: 'ascii',
      line_endings: 'lf',
      shebang: '/usr/bin/env bash',
      size: 28,
    });
    expect((await describeFile('crlf.txt')).data).toMatchObject({ line_endings: 'crlf' });
    expect((await describeFile('mixed.txt')).data).toMatchObject({ line_endings: 'mixed' });
    expect((await describeFile('utf8.md')).data).toMatchObject({ encoding: 'utf-8' });
    expect((await describeFile('data.json')).data).toMatchObject({ mime: 'application/json' });
    expect((await describeFile('utf16.txt')).data).toMatchObject({ kind: 'text', encoding: 'utf-16le', line_endings: 'crlf' });
  });

  it('identifies binary files by magic number, empty files and directories', async () => {
    expect((await describeFile('logo.png')).data).toMatchObject({ kind: 'binary', mime: 'image/png' });
    expect((await describeFile('archive.gz')).data).toMatchObject({ kind: 'binary', mime: 'application/gzip' });
    expect((await describeFile('empty')).data).toMatchObject({ kind: 'empty', size: 0 });
    expect((await describeFile('dir')).data).toMatchObject({ kind: 'directory' });
  });

  it('reports symlinks with their target only when inside the root', async () => {
    const inside = await describeFile('link-in');
    expect(inside.data).toMatchObject({ kind: 'symlink', link_target: 'utf8.md', link_state: 'ok', target: { kind: 'text' } });
    const outside = await describeFile('link-out');
    expect(outside.data).toMatchObject({ kind: 'symlink', link_target: null, link_state: 'outside' });
    expect(outside.text).not.toContain('/etc');
    expect((await describeFile('link-dangling')).data).toMatchObject({ link_state: 'dangling', link_target: 'nowhere.txt' });
  });

  it('has a file(1)-like text line with the modification time', async () => {
    const { text, data } = await describeFile('script.sh');
    expect(text).toContain('script.sh: text, text/x-shellscript, ascii text, LF line endings');
    expect(Date.parse(data.mtime as string)).toBeGreaterThan(0);
  });
});
