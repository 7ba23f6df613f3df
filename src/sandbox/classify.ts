/**
 * Classification of a file's first bytes, like file(1): binary or text, MIME type by magic
 * number, text encoding, line endings and shebang. Pure: works on a Buffer.
 */

export type TextEncoding = 'ascii' | 'utf-8' | 'utf-8 (BOM)' | 'utf-16le' | 'utf-16be' | 'other';
export type LineEndings = 'lf' | 'crlf' | 'cr' | 'mixed' | 'none';

export interface Classification {
  binary: boolean;
  mime: string;
  /** Only for text. */
  encoding?: TextEncoding;
  lineEndings?: LineEndings;
  shebang?: string;
}

/** How many leading bytes classification looks at. */
export const SNIFF_BYTES = 8192;

const MAGIC: Array<{ bytes: number[]; offset?: number; mime: string }> = [
  { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], mime: 'image/png' },
  { bytes: [0xff, 0xd8, 0xff], mime: 'image/jpeg' },
  { bytes: [0x47, 0x49, 0x46, 0x38], mime: 'image/gif' },
  { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], mime: 'application/pdf' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], mime: 'application/zip' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], mime: 'application/zip' },
  { bytes: [0x1f, 0x8b], mime: 'application/gzip' },
  { bytes: [0x42, 0x5a, 0x68], mime: 'application/x-bzip2' },
  { bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], mime: 'application/x-xz' },
  { bytes: [0x28, 0xb5, 0x2f, 0xfd], mime: 'application/zstd' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], mime: 'application/x-7z-compressed' },
  { bytes: [0x75, 0x73, 0x74, 0x61, 0x72], offset: 257, mime: 'application/x-tar' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], mime: 'application/x-elf' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], mime: 'application/x-mach-binary' },
  { bytes: [0x4d, 0x5a], mime: 'application/vnd.microsoft.portable-executable' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], mime: 'application/wasm' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66], mime: 'application/vnd.sqlite3' },
  { bytes: [0x77, 0x4f, 0x46, 0x32], mime: 'font/woff2' },
  { bytes: [0x77, 0x4f, 0x46, 0x46], mime: 'font/woff' },
  { bytes: [0x4f, 0x67, 0x67, 0x53], mime: 'audio/ogg' },
  { bytes: [0x49, 0x44, 0x33], mime: 'audio/mpeg' },
  { bytes: [0x1a, 0x45, 0xdf, 0xa3], mime: 'video/webm' },
];

function startsWith(head: Buffer, bytes: number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((b, i) => head[offset + i] === b);
}

function magicMime(head: Buffer): string | undefined {
  for (const m of MAGIC) if (startsWith(head, m.bytes, m.offset)) return m.mime;
  if (startsWith(head, [0x52, 0x49, 0x46, 0x46]) && head.length >= 12) {
    const kind = head.subarray(8, 12).toString('latin1');
    if (kind === 'WEBP') return 'image/webp';
    if (kind === 'WAVE') return 'audio/wav';
  }
  if (head.length >= 12 && head.subarray(4, 8).toString('latin1') === 'ftyp') return 'video/mp4';
  return undefined;
}

/** A valid UTF-8 prefix; a multi-byte sequence cut at the end of the sample is forgiven. */
function isUtf8(head: Buffer, complete: boolean): boolean {
  let i = 0;
  while (i < head.length) {
    const b = head[i]!;
    let extra: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) extra = 1;
    else if (b >= 0xe0 && b <= 0xef) extra = 2;
    else if (b >= 0xf0 && b <= 0xf4) extra = 3;
    else return false;
    if (i + extra >= head.length) return !complete;
    for (let k = 1; k <= extra; k++) if ((head[i + k]! & 0xc0) !== 0x80) return false;
    i += extra + 1;
  }
  return true;
}

function textMime(text: string, shebang: string | undefined): string {
  const start = text.trimStart();
  if (shebang) {
    if (/\b(node|deno|bun)\b/.test(shebang)) return 'text/javascript';
    if (/\bpython/.test(shebang)) return 'text/x-python';
    if (/\b(ba|z|k|da)?sh\b/.test(shebang)) return 'text/x-shellscript';
    return 'text/plain';
  }
  if (/^<\?xml\b/i.test(start)) return /<svg\b/i.test(start) ? 'image/svg+xml' : 'application/xml';
  if (/^<!doctype html|^<html\b/i.test(start)) return 'text/html';
  if (/^<svg\b/i.test(start)) return 'image/svg+xml';
  if (/^[{[]/.test(start)) {
    try {
      JSON.parse(text);
      return 'application/json';
    } catch {
      // Not (or not all of) JSON: plain text.
    }
  }
  return 'text/plain';
}

export function lineEndingsOf(text: string): LineEndings {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  const cr = text.split('\r').length - 1 - crlf;
  const kinds = [crlf > 0, lf > 0, cr > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'cr';
}

/**
 * Classifies the first bytes of a file. `complete` says the sample is the whole file (so
 * a cut multi-byte sequence at the end is an error rather than the sample's edge).
 */
export function classify(head: Buffer, complete: boolean): Classification {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff])) {
    const le = head[0] === 0xff;
    const body = le ? head.subarray(2).toString('utf16le') : Buffer.from(head.subarray(2)).swap16().toString('utf16le');
    return { binary: false, mime: 'text/plain', encoding: le ? 'utf-16le' : 'utf-16be', lineEndings: lineEndingsOf(body) };
  }
  const magic = magicMime(head);
  if (magic || head.includes(0)) return { binary: true, mime: magic ?? 'application/octet-stream' };
  const bom = startsWith(head, [0xef, 0xbb, 0xbf]);
  const body = bom ? head.subarray(3) : head;
  let encoding: TextEncoding;
  if (!bom && body.every((b) => b < 0x80)) encoding = 'ascii';
  else if (isUtf8(body, complete)) encoding = bom ? 'utf-8 (BOM)' : 'utf-8';
  else encoding = 'other';
  const text = body.toString(encoding === 'other' ? 'latin1' : 'utf8');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const shebang = firstLine.startsWith('#!') ? firstLine.slice(2).trim() : undefined;
  return {
    binary: false,
    mime: textMime(text, shebang),
    encoding,
    lineEndings: lineEndingsOf(text),
    ...(shebang !== undefined ? { shebang } : {}),
  };
}
