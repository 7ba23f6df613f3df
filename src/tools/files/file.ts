import { z } from 'zod';
import { isCallerError } from '../../errors.js';
import { classify, SNIFF_BYTES } from '../../sandbox/classify.js';
import type { Sandbox } from '../../sandbox/sandbox.js';
import { defineTool } from '../define.js';
import { pathParam } from './shared.js';

const input = z.object({ path: pathParam });

const output = z.object({
  path: z.string(),
  kind: z.enum(['text', 'binary', 'empty', 'directory', 'symlink']),
  size: z.number().int().describe('Bytes (for a symlink: of the link itself).'),
  mtime: z.string().describe('Last modification, ISO 8601.'),
  mime: z.string().optional().describe('MIME type from magic numbers and content.'),
  encoding: z.enum(['ascii', 'utf-8', 'utf-8 (BOM)', 'utf-16le', 'utf-16be', 'other']).optional(),
  line_endings: z.enum(['lf', 'crlf', 'cr', 'mixed', 'none']).optional(),
  shebang: z.string().optional(),
  link_target: z.string().nullable().optional().describe('For a symlink: its target, root-relative; null when outside the root.'),
  link_state: z.enum(['ok', 'dangling', 'loop', 'outside']).optional(),
  target: z
    .object({ kind: z.enum(['text', 'binary', 'empty', 'directory']), mime: z.string().optional(), size: z.number().int() })
    .optional()
    .describe('For a symlink inside the root: what it points to.'),
});

type Described = {
  kind: 'text' | 'binary' | 'empty' | 'directory';
  size: number;
  mtimeMs: number;
  mime?: string;
  encoding?: z.infer<typeof output>['encoding'];
  line_endings?: z.infer<typeof output>['line_endings'];
  shebang?: string;
};

async function describe(sandbox: Sandbox, path: string): Promise<Described> {
  const resolved = await sandbox.resolve(path, 'any');
  const base = { size: resolved.size, mtimeMs: resolved.mtimeMs };
  if (resolved.kind === 'directory') return { kind: 'directory', ...base, mime: 'inode/directory' };
  if (resolved.size === 0) return { kind: 'empty', ...base, mime: 'inode/x-empty' };
  const head = await sandbox.readHead(resolved, SNIFF_BYTES);
  const c = classify(head, resolved.size <= SNIFF_BYTES);
  return {
    kind: c.binary ? 'binary' : 'text',
    ...base,
    mime: c.mime,
    ...(c.encoding ? { encoding: c.encoding } : {}),
    ...(c.lineEndings ? { line_endings: c.lineEndings } : {}),
    ...(c.shebang !== undefined ? { shebang: c.shebang } : {}),
  };
}

function render(data: z.input<typeof output>): string {
  const parts: string[] = [data.kind];
  if (data.mime) parts.push(data.mime);
  if (data.encoding) parts.push(`${data.encoding} text`);
  if (data.line_endings && data.line_endings !== 'none') parts.push(`${data.line_endings.toUpperCase()} line endings`);
  if (data.shebang) parts.push(`script: #!${data.shebang}`);
  if (data.kind === 'symlink') {
    parts.push(data.link_target === null ? 'target outside the project root' : `-> ${data.link_target} (${data.link_state})`);
    if (data.target) parts.push(`target: ${data.target.kind}${data.target.mime ? ` ${data.target.mime}` : ''}, ${data.target.size} bytes`);
  }
  parts.push(`${data.size} bytes`, `modified ${data.mtime}`);
  return `${data.path}: ${parts.join(', ')}`;
}

export const fileTool = defineTool({
  name: 'file',
  title: 'Identify a file',
  description: `Tell what a path is, like file(1), without reading it whole: kind (text, binary, empty, directory, symlink with its target when inside the root), MIME type by magic number, text encoding (ASCII, UTF-8, UTF-16 with BOM, other), line endings (LF, CRLF, mixed), shebang, size and modification time.
Use it before 'read' on an unknown file, or when 'read' refuses a binary file. Special files (FIFOs, sockets, devices) and secrets are refused.`,
  group: 'files',
  input,
  output,
  async handle({ sandbox }, params) {
    const info = await sandbox.inspect(params.path);
    let data: z.input<typeof output>;
    if (info.kind === 'symlink') {
      data = {
        path: info.requested,
        kind: 'symlink',
        // A link's size is its target's length: not even that is told about an outside target.
        size: info.linkState === 'outside' ? 0 : info.size,
        mtime: new Date(info.mtimeMs).toISOString(),
        link_target: info.linkTarget ?? null,
        ...(info.linkState ? { link_state: info.linkState } : {}),
      };
      if (info.linkState === 'ok') {
        try {
          const t = await describe(sandbox, info.requested);
          data.target = { kind: t.kind, size: t.size, ...(t.mime ? { mime: t.mime } : {}) };
        } catch (err) {
          if (!isCallerError(err)) throw err;
        }
      }
    } else {
      const d = await describe(sandbox, info.requested);
      const { mtimeMs, ...rest } = d;
      data = { path: info.requested, ...rest, mtime: new Date(mtimeMs).toISOString() };
    }
    return { data, text: render(data) };
  },
});
