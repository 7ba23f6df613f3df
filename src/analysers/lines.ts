/**
 * Line reading for the parsers (load tests, folded stacks). A line ends at "\n"; the "\r"s before it are dropped,
 * so files written on Windows ("\r\n") and by Python's csv module on Windows ("\r\r\n") read
 * right and line numbers count what an editor shows. A line longer than a chunk is gathered in
 * parts and joined once (no quadratic re-copying), and the AbortSignal is checked per chunk.
 */
import { type ByteSource, decoded, type DecodeOptions } from './bytes.js';
import { LineError } from './loadtest/errors.js';

export const MAX_LINE_BYTES = 16 * 1024 * 1024;
const NL = 10;
const CR = 13;

export interface LineOptions extends DecodeOptions {
  maxLineBytes?: number;
  /**
   * Reads a line whole where it can, finding its end as it goes (a parser that scans every
   * byte of a short line anyway saves the search for "\n"): given a chunk, where a line starts
   * and the chunk's length, the index of the line's "\n" once the line is handled, or -1 to
   * leave the line to `onLine`. Called with the line number the line would have.
   */
  scan?: (buf: Buffer, start: number, limit: number, lineNo: number) => number;
}

/** End of the line [start, end) without its trailing carriage returns. */
export function trimCr(buf: Uint8Array, start: number, end: number): number {
  while (end > start && buf[end - 1] === CR) end--;
  return end;
}

/** Calls `onLine(buf, start, end, lineNo)` for every line; `buf` is only valid during the call. */
export async function forEachLine(
  source: ByteSource,
  onLine: (buf: Buffer, start: number, end: number, lineNo: number) => void,
  options: LineOptions = {},
): Promise<number> {
  const max = options.maxLineBytes ?? MAX_LINE_BYTES;
  const scan = options.scan;
  let pending: Buffer[] = [];
  let pendingLen = 0;
  let lineNo = 0;
  for await (const chunk of decoded(source, options)) {
    options.signal?.throwIfAborted();
    let start = 0;
    if (pendingLen > 0) {
      const nl = chunk.indexOf(NL);
      if (nl === -1) {
        pending.push(Buffer.from(chunk));
        pendingLen += chunk.length;
        if (pendingLen > max) throw new LineError(lineNo + 1, `line longer than ${max} bytes`);
        continue;
      }
      const line = Buffer.concat([...pending, chunk.subarray(0, nl)]);
      pending = [];
      pendingLen = 0;
      onLine(line, 0, trimCr(line, 0, line.length), ++lineNo);
      start = nl + 1;
    }
    for (;;) {
      if (scan !== undefined) {
        const nl = scan(chunk, start, chunk.length, lineNo + 1);
        if (nl !== -1) {
          lineNo++;
          start = nl + 1;
          continue;
        }
      }
      const nl = chunk.indexOf(NL, start);
      if (nl === -1) break;
      onLine(chunk, start, trimCr(chunk, start, nl), ++lineNo);
      start = nl + 1;
    }
    if (start < chunk.length) {
      pending.push(Buffer.from(chunk.subarray(start)));
      pendingLen += chunk.length - start;
      if (pendingLen > max) throw new LineError(lineNo + 1, `line longer than ${max} bytes`);
    }
  }
  if (pendingLen > 0) {
    const line = Buffer.concat(pending);
    onLine(line, 0, trimCr(line, 0, line.length), ++lineNo);
  }
  return lineNo;
}

/** The same over a string already in memory: `onLine(text, lineNo)` per line. */
export function forEachTextLine(text: string, onLine: (line: string, lineNo: number) => void, signal?: AbortSignal): number {
  let start = 0;
  let lineNo = 0;
  while (start < text.length) {
    let nl = text.indexOf('\n', start);
    if (nl === -1) nl = text.length;
    let end = nl;
    while (end > start && text.charCodeAt(end - 1) === CR) end--;
    if (++lineNo % 4096 === 0) signal?.throwIfAborted();
    onLine(text.slice(start, end), lineNo);
    start = nl + 1;
  }
  return lineNo;
}
