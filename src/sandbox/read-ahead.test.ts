import { describe, expect, it } from 'vitest';
import { readAhead } from './read-ahead.js';

/** A source that logs when each chunk is asked for and when it is closed. */
function source(items: string[], log: string[], failAt = -1) {
  return (async function* () {
    try {
      for (let i = 0; i < items.length; i++) {
        log.push(`read ${i}`);
        if (i === failAt) throw new Error(`read ${i} failed`);
        yield items[i]!;
      }
    } finally {
      log.push('closed');
    }
  })();
}

describe('readAhead', () => {
  it('yields the same chunks in order, the next one already asked for', async () => {
    const log: string[] = [];
    const out: string[] = [];
    for await (const chunk of readAhead(source(['a', 'b', 'c'], log))) {
      log.push(`use ${chunk}`);
      out.push(chunk);
    }
    expect(out).toEqual(['a', 'b', 'c']);
    expect(log.slice(0, 3)).toEqual(['read 0', 'read 1', 'use a']);
  });

  it('closes the source when the consumer stops early', async () => {
    const log: string[] = [];
    for await (const chunk of readAhead(source(['a', 'b', 'c'], log))) if (chunk === 'a') break;
    expect(log.at(-1)).toBe('closed');
  });

  it("passes a read's failure to the consumer", async () => {
    const log: string[] = [];
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of readAhead(source(['a', 'b'], log, 1))) seen.push(chunk);
      })(),
    ).rejects.toThrow('read 1 failed');
    expect(seen).toEqual(['a']);
  });
});
