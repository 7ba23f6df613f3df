import { describe, expect, it } from 'vitest';
import { Progress, summarizeArgs } from './progress.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 100, write: (c: string) => chunks.push(c) } };
}

describe('progress', () => {
  it('summarises a call in key=value pairs, cutting long text', () => {
    const summary = summarizeArgs({ path: 'src/orders.ts', offset: 10, rows: [1, 2, 3], extra: { a: 1 }, text: 'x'.repeat(200) });
    expect(summary).toMatch(/^path="src\/orders.ts" offset=10 rows=\[3\] extra=\{…\} text="x+…"$/);
  });

  it('writes one plain line per event when stderr is not a TTY', () => {
    const { chunks, stream } = sink(false);
    const progress = new Progress(stream, {});
    progress.turnStarted(2);
    progress.setTokens(12_345);
    progress.toolCall('grep', { pattern: 'SELECT' });
    progress.stop();
    const out = chunks.join('');
    expect(out).toBe(`[ace 00:00  turn 2  12.3k tokens] grep pattern="SELECT"\n`);
  });

  it('keeps a live line on a TTY, in colour unless NO_COLOR is set', () => {
    const coloured = sink(true);
    const p1 = new Progress(coloured.stream, {});
    p1.toolCall('read', { path: 'a.ts' });
    p1.stop();
    expect(coloured.chunks.join('')).toContain('\r\x1b[2K');
    expect(coloured.chunks.join('')).toContain('\x1b[1mread');

    const plain = sink(true);
    const p2 = new Progress(plain.stream, { NO_COLOR: '1' });
    p2.toolCall('read', { path: 'a.ts' });
    p2.stop();
    const text = plain.chunks.join('');
    expect(text).toContain('\r\x1b[2K');
    expect(text.replace(/\r\x1b\[2K/g, '')).not.toMatch(/\x1b\[/);
  });
});
