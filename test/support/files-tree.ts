import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A file's content, or a symlink to create (target as written into the link). */
export type TreeEntry = string | Buffer | { link: string };

/** Creates a temporary directory holding `entries` (paths relative to it); returns its realpath. */
export async function makeTree(entries: Record<string, TreeEntry>, prefix = 'ace-files-'): Promise<string> {
  const dir = await realpath(await mkdtemp(path.join(tmpdir(), prefix)));
  await addToTree(dir, entries);
  return dir;
}

export async function addToTree(dir: string, entries: Record<string, TreeEntry>): Promise<void> {
  for (const [rel, entry] of Object.entries(entries)) {
    const abs = path.join(dir, rel);
    await mkdir(path.dirname(abs), { recursive: true });
    if (typeof entry === 'object' && !Buffer.isBuffer(entry)) await symlink(entry.link, abs);
    else await writeFile(abs, entry);
  }
}

export async function removeTree(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
