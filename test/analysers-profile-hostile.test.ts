/**
 * Hostile and malformed profiles through the analyser: each ends in a plain error naming the
 * limit, quickly, with bounded memory; never a fatal V8 error, a hang or a stack overflow.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decoded, DecodeLimitError, InflateBudget } from '../src/analysers/bytes.js';
import { analyseProfile, detectProfileFormat } from '../src/analysers/profile/index.js';

/** A chain of `n` buffers of `unit` repeated, without building one big buffer. */
function* repeated(prefix: string, unit: Buffer, times: number, suffix: string): Generator<Buffer> {
  yield Buffer.from(prefix);
  const block = Buffer.concat(Array.from({ length: 4096 }, () => unit));
  for (let left = times; left > 0; left -= 4096) yield left >= 4096 ? block : block.subarray(0, left * unit.length);
  yield Buffer.from(suffix);
}

/** gzip of a huge stream, made from one compressed block repeated (gzip members concatenate). */
function gzipBomb(unit: string, inflatedBytes: number): Buffer[] {
  const block = Buffer.from(unit.repeat(Math.ceil((1024 * 1024) / unit.length)));
  const member = gzipSync(block, { level: 9 });
  return Array.from({ length: Math.ceil(inflatedBytes / block.length) }, () => member);
}

const node = (id: number, name: string, children: number[] = []) => ({
  id,
  callFrame: { functionName: name, url: '/srv/app.js', lineNumber: id },
  hitCount: 1,
  children,
});
const profileBytes = (p: unknown) => [Buffer.from(JSON.stringify(p))];

describe('fatal-size JSON', () => {
  it('refuses a gzipped JSON array of 134M zeros at its first byte, without inflating it', async () => {
    const zeros = gzipSync(Buffer.concat([...repeated('[', Buffer.from('0,'), 134_000_000 / 8, '0]')].slice(0, 3)));
    const t0 = performance.now();
    await expect(analyseProfile('cpuprofile', [zeros], { limit: 5 })).rejects.toThrow(/not a V8 CPU profile: the JSON is not an object/);
    expect(performance.now() - t0).toBeLessThan(2000);
  });

  it('refuses 134M samples once the cap on one array is reached, and never buffers the rest', async () => {
    const src = repeated('{"nodes":[],"samples":[', Buffer.from('0,'), 134_000_000, '0]}');
    const t0 = performance.now();
    await expect(analyseProfile('cpuprofile', src, { limit: 5 })).rejects.toThrow(/"samples" has more than 5,000,000 entries/);
    expect(performance.now() - t0).toBeLessThan(8000);
  });

  it('refuses a nodes array past 1,000,000 entries, deep nesting and too many objects', async () => {
    await expect(analyseProfile('cpuprofile', repeated('{"nodes":[', Buffer.from('0,'), 2_000_000, '0]}'), { limit: 5 })).rejects.toThrow(
      /more than 1,000,000 entries/,
    );
    await expect(analyseProfile('cpuprofile', repeated('{"nodes":', Buffer.from('['), 100_000, ''), { limit: 5 })).rejects.toThrow(
      /nested deeper than 2048 levels/,
    );
    await expect(analyseProfile('cpuprofile', repeated('{"nodes":[', Buffer.from('{},'), 900_000, '{}]}'), { limit: 5 })).rejects.toThrow(
      /more than 330,000 objects and arrays/,
    );
  });
});

describe('malformed call trees', () => {
  it("two nodes that are each other's child: a clear error, not a hang", async () => {
    const p = { nodes: [node(1, 'a', [2]), node(2, 'b', [1])], samples: [1, 2], timeDeltas: [1, 1] };
    await expect(analyseProfile('cpuprofile', profileBytes(p), { limit: 5 })).rejects.toThrow(/cycle|two parents/);
  });

  it('a cycle below a root and a node listed under two parents', async () => {
    const cyc = { nodes: [node(1, '(root)', [2]), node(2, 'a', [3]), node(3, 'b', [4]), node(4, 'c', [3])], samples: [4], timeDeltas: [1] };
    await expect(analyseProfile('cpuprofile', profileBytes(cyc), { limit: 5 })).rejects.toThrow(/two parents/);
    const selfLoop = { nodes: [node(1, 'a', [1])], samples: [1], timeDeltas: [1] };
    await expect(analyseProfile('cpuprofile', profileBytes(selfLoop), { limit: 5 })).rejects.toThrow(/its own child/);
  });

  it('a 100k-node chain (about the cap) is analysed linearly, recursion counted once per sample', async () => {
    const n = 100_000;
    const nodes = Array.from({ length: n }, (_, i) => ({
      id: i + 1,
      callFrame: { functionName: i === 0 ? '(root)' : `f${i % 2}`, url: '/srv/app.js', lineNumber: i % 2 },
      children: i + 1 < n ? [i + 2] : [],
    }));
    const p = { nodes, samples: [n, n, 2], timeDeltas: [0, 1000, 1000], startTime: 0, endTime: 3000 };
    const t0 = performance.now();
    const r = await analyseProfile('cpuprofile', profileBytes(p), { limit: 5 });
    expect(performance.now() - t0).toBeLessThan(9000); // linear: the old per-node parent walk never ended
    expect(r.total).toBe(3);
    // f1 and f0 alternate down the chain, 50k times each on the deep samples' stacks: counted
    // once per sample. The third sample sits on node 2 (f1) alone.
    expect(r.by_total.map((f) => [f.function, f.total])).toEqual([
      ['f1', 3],
      ['f0', 2],
    ]);
  });
});

describe('folded and pprof', () => {
  it('a folded stack deeper than the cap and a frame of a million spaces', async () => {
    const deep = [...repeated('', Buffer.from('f;'), 200_000, 'leaf 1\n')];
    await expect(analyseProfile('folded', deep, { limit: 5 })).rejects.toThrow(/deeper than 100,000 frames/);
    const spaces = `${' '.repeat(1_000_000)}(x:1 1\nmain;a (a.js:1) 2\n`;
    const t0 = performance.now();
    const r = await analyseProfile('folded', [Buffer.from(`a${spaces}`)], { limit: 5 });
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(r.total).toBe(3);
  });

  it('a pprof of a million empty samples per few bytes is refused before decoding', async () => {
    // field 1 (sample_type) then 1.2M empty samples (field 2, length 0).
    const buf = Buffer.concat([Buffer.from([0x0a, 0x00]), Buffer.alloc(1_200_000 * 2, Buffer.from([0x12, 0x00]))]);
    await expect(analyseProfile('pprof', [gzipSync(buf)], { limit: 5 })).rejects.toThrow(/more than 1,000,000 samples/);
  });
});

describe('gzip inflation caps (bytes.ts)', () => {
  it('a gzip bomb of valid folded lines is refused past the floor, in seconds', async () => {
    const bomb = gzipBomb('main;serve;handle 1\n', 4 * 1024 * 1024 * 1024);
    const t0 = performance.now();
    await expect(analyseProfile('folded', bomb, { limit: 5 })).rejects.toThrow(/likely gzip bomb \(cap per file: max\(32 MiB, 200 x compressed size\)\)/);
    expect(performance.now() - t0).toBeLessThan(10_000);
  });

  it('a shared budget stops the second file of a call; an abort stops inside a file', async () => {
    const budget = new InflateBudget(3 * 1024 * 1024);
    const file = () => [gzipSync(Buffer.alloc(2 * 1024 * 1024, 'a'))];
    for await (const _ of decoded(file(), { budget })) void _;
    await expect(async () => {
      for await (const _ of decoded(file(), { budget })) void _;
    }).rejects.toThrow(/inflate to more than 3 MiB in total/);

    const ctl = new AbortController();
    let chunks = 0;
    await expect(async () => {
      for await (const _ of decoded(gzipBomb('x', 64 * 1024 * 1024), { signal: ctl.signal })) if (++chunks === 3) ctl.abort();
    }).rejects.toThrow(/abort/i);
    expect(chunks).toBe(3);
  });

  it('plain files are capped by maxBytes with a DecodeLimitError', async () => {
    await expect(async () => {
      for await (const _ of decoded([Buffer.alloc(10), Buffer.alloc(10)], { maxBytes: 15, what: 'a test' })) void _;
    }).rejects.toThrow(DecodeLimitError);
  });
});

describe('detection', () => {
  it('folded stacks with first lines longer than the old 4 KB window, named *.txt', () => {
    const frames = Array.from({ length: 400 }, (_, i) => `java/lang/Thread.run${i}`).join(';');
    const text = `${frames};leaf 12\n${frames};other 3\n`.repeat(40);
    expect(text.length).toBeGreaterThan((256 * 1024) / 2);
    const head = Buffer.from(text).subarray(0, 256 * 1024);
    expect(detectProfileFormat('stacks.txt', head, head.length === text.length)).toBe('folded');
    // A line cut by the window is not judged; a list of "word number" lines is not a profile.
    expect(detectProfileFormat('notes.txt', Buffer.from('total 12\nfree 3\n'))).toBeNull();
    expect(detectProfileFormat('a.folded', Buffer.from('main 12\n'))).toBe('folded');
  });
});
