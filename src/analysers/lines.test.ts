import { describe, expect, it } from 'vitest';
import { forEachLine } from './lines.js';

describe('forEachLine', () => {
  it('counts the lines a scanner reads whole, and gives the others (and any across chunks) to onLine', async () => {
    const text = 'a1\nb2\r\na3\nb4\na5 and more\nb6';
    const chunks = [Buffer.from(text.slice(0, 14)), Buffer.from(text.slice(14))]; // "a5 and more" is cut
    const scanned: string[] = [];
    const given: string[] = [];
    const lines = await forEachLine(chunks, (buf, start, end, lineNo) => given.push(`${lineNo}:${buf.toString('latin1', start, end)}`), {
      // Reads the lines starting with "a" that end in the chunk.
      scan: (buf, start, limit, lineNo) => {
        const nl = buf.indexOf(10, start);
        if (buf[start] !== 97 || nl === -1 || nl >= limit) return -1;
        scanned.push(`${lineNo}:${buf.toString('latin1', start, nl)}`);
        return nl;
      },
    });
    expect(lines).toBe(6);
    expect(scanned).toEqual(['1:a1', '3:a3']);
    expect(given).toEqual(['2:b2', '4:b4', '5:a5 and more', '6:b6']);
  });
});
