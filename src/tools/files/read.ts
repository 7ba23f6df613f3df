import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { classify, SNIFF_BYTES } from '../../sandbox/classify.js';
import { defineTool } from '../define.js';
import { numbered, pathParam, TEXT_BUDGET } from './shared.js';

export const READ_DEFAULT_LIMIT = 2000;
export const MAX_LINE_CHARS = 2000;
/** Files up to this size are read in one go; larger ones are streamed. */
const SMALL_FILE_BYTES = 256 * 1024;
/** Bytes kept of one line: enough for MAX_LINE_CHARS characters of any UTF-8 text. */
const MAX_LINE_BYTES = MAX_LINE_CHARS * 4 + 4;

const input = z.object({
  path: pathParam.describe('The file to read, relative to the project root.'),
  offset: z.number().int().min(0).optional().describe('1-based line number to start from (default 1). Use the next_offset of a previous call to page on.'),
  limit: z.number().int().min(1).max(10_000).optional().describe(`How many lines to return at most (default ${READ_DEFAULT_LIMIT}).`),
});

const output = z.object({
  path: z.string().describe('Root-relative path as asked.'),
  start_line: z.number().int().describe('First line returned (1-based).'),
  end_line: z.number().int().describe('Last line returned (start_line - 1 when none).'),
  truncated: z.boolean().describe('True when the file goes on after end_line.'),
  next_offset: z.number().int().nullable().describe('The offset to pass to read the next page, or null at end of file.'),
  long_lines_cut: z.number().int().describe(`Lines longer than ${MAX_LINE_CHARS} characters, cut with a marker.`),
  total_lines: z.number().int().nullable().describe('Lines in the file, when the read reached its end; otherwise null.'),
  content: z.string().describe('The lines, cat -n style: line number, a tab, the line.'),
});

interface Page {
  lines: string[];
  longCut: number;
  more: boolean;
  /** Lines seen in total when the end of the file was reached. */
  total: number | null;
}

function decodeLine(parts: Buffer[], first: boolean): { text: string; cut: boolean } {
  let buf = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
  if (first && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
  let text = buf.toString('utf8');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (text.length <= MAX_LINE_CHARS) return { text, cut: false };
  return { text: `${text.slice(0, MAX_LINE_CHARS)}… [line cut at ${MAX_LINE_CHARS} characters]`, cut: true };
}

/** Picks lines [first, first + count) out of a chunk stream, holding at most one line in memory. */
async function pickLines(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, first: number, count: number): Promise<Page> {
  const lines: string[] = [];
  let longCut = 0;
  let bytes = 0;
  let lineNo = 1;
  let parts: Buffer[] = [];
  let kept = 0;
  let inLine = false;
  const finish = (): boolean => {
    const { text, cut } = decodeLine(parts, lineNo === 1);
    const rendered = numbered(lineNo, text);
    parts = [];
    kept = 0;
    inLine = false;
    const size = Buffer.byteLength(rendered) + 1;
    if (bytes + size > TEXT_BUDGET && lines.length > 0) return false;
    if (cut) longCut++;
    lines.push(rendered);
    bytes += size;
    lineNo++;
    return true;
  };
  for await (const chunk of chunks) {
    let pos = 0;
    while (pos < chunk.length) {
      if (lineNo < first) {
        const nl = chunk.indexOf(10, pos);
        if (nl < 0) {
          inLine = true;
          break;
        }
        lineNo++;
        inLine = false;
        pos = nl + 1;
        continue;
      }
      if (lines.length >= count) return { lines, longCut, more: true, total: null };
      const nl = chunk.indexOf(10, pos);
      const end = nl < 0 ? chunk.length : nl;
      inLine = true;
      if (kept < MAX_LINE_BYTES) {
        const piece = chunk.subarray(pos, Math.min(end, pos + MAX_LINE_BYTES - kept));
        // Decoded at once when the line ends here; copied when it goes on, so no chunk is held.
        parts.push(nl < 0 ? Buffer.from(piece) : piece);
        kept += piece.length;
      }
      if (nl < 0) break;
      pos = nl + 1;
      if (!finish()) return { lines, longCut, more: true, total: null };
    }
  }
  if (inLine && lineNo >= first) {
    if (lines.length >= count || !finish()) return { lines, longCut, more: true, total: null };
    return { lines, longCut, more: false, total: lineNo - 1 };
  }
  return { lines, longCut, more: false, total: inLine ? lineNo : lineNo - 1 };
}

export const readTool = defineTool({
  name: 'read',
  title: 'Read a file',
  description: `Read a text file of the project, with numbered lines (cat -n style: line number, tab, line; 1-based).
Returns up to ${READ_DEFAULT_LIMIT} lines from 'offset' (default: from the start); lines over ${MAX_LINE_CHARS} characters are cut with a marker. A page is also cut at about 40 KB of text.
When the file goes on, the result says so and gives next_offset: call read again with offset=next_offset to page on. Reading a page deep into a huge file is cheap: the file is streamed, never loaded whole.
Binary files are refused (use 'file' to see what they are). Paths are relative to the project root; secrets (.env, private keys, credentials) and anything outside the root are refused.`,
  group: 'files',
  input,
  output,
  async handle({ sandbox }, params) {
    const file = await sandbox.resolve(params.path, 'file');
    const first = Math.max(1, params.offset ?? 1);
    const limit = params.limit ?? READ_DEFAULT_LIMIT;
    const small = file.size <= SMALL_FILE_BYTES;
    const head = await sandbox.readHead(file, small ? file.size : SNIFF_BYTES);
    const kind = classify(head.subarray(0, SNIFF_BYTES), small && head.length <= SNIFF_BYTES);
    if (kind.binary) {
      throw new UserInputError(`binary file (${kind.mime}, ${file.size} bytes): ${file.requested}. Use 'file' to inspect it.`);
    }
    let chunks: AsyncIterable<Buffer> | Iterable<Buffer>;
    if (kind.encoding === 'utf-16le' || kind.encoding === 'utf-16be') {
      if (!small) throw new UserInputError(`UTF-16 file too large to read (${file.size} bytes): ${file.requested}`);
      const body = kind.encoding === 'utf-16le' ? head.subarray(2) : Buffer.from(head.subarray(2)).swap16();
      chunks = [Buffer.from(body.toString('utf16le'), 'utf8')];
    } else chunks = small ? [head] : sandbox.chunks(file);
    const page = await pickLines(chunks, first, limit);
    const end = first + page.lines.length - 1;
    const nextOffset = page.more ? end + 1 : null;
    const content = page.lines.join('\n');
    let note = '';
    if (page.lines.length === 0) {
      note = file.size === 0 ? '(empty file)' : `(offset ${first} is past the end of the file: it has ${page.total ?? 0} lines)`;
    } else if (page.more) note = `\n[lines ${first}-${end} shown; the file goes on: read again with offset=${end + 1}]`;
    return {
      data: {
        path: file.requested,
        start_line: first,
        end_line: end,
        truncated: page.more,
        next_offset: nextOffset,
        long_lines_cut: page.longCut,
        total_lines: page.total,
        content,
      },
      text: content + note,
    };
  },
});
