import { createReadStream, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseProfile, detectProfileFormat } from '../src/analysers/profile/index.js';

const FIX = new URL('./fixtures/profiles/', import.meta.url);
const bytes = (rel: string) => readFileSync(new URL(rel, FIX));
const stream = (rel: string) => createReadStream(new URL(rel, FIX));

describe('V8 .cpuprofile (real, node --cpu-prof of workload.mjs)', () => {
  it('ranks hot() then warm() by self time, with file:line and shares', async () => {
    expect(detectProfileFormat('workload.cpuprofile', bytes('workload.cpuprofile'))).toBe('cpuprofile');
    const r = await analyseProfile('cpuprofile', stream('workload.cpuprofile'), { limit: 5 });
    expect(r.unit).toBe('ms');
    const [first, second] = r.by_self.filter((f) => !f.function.startsWith('('));
    expect(first!.function).toBe('hot');
    expect(first!.location).toMatch(/workload\.mjs:3$/);
    expect(second!.function).toBe('warm');
    expect(first!.self_share).toBeGreaterThan(0.5);
    // main() is on the stack of both: its total covers them.
    const main = r.by_total.find((f) => f.function === 'main')!;
    expect(main.total).toBeGreaterThanOrEqual(first!.self + second!.self);
    // Shares agree with the raw sample counts (hitCount) to within the sampling jitter.
    const profile = JSON.parse(bytes('workload.cpuprofile').toString()) as { nodes: { hitCount: number; callFrame: { functionName: string } }[] };
    const hits = (name: string) => profile.nodes.filter((n) => n.callFrame.functionName === name).reduce((s, n) => s + n.hitCount, 0);
    const all = profile.nodes.reduce((s, n) => s + n.hitCount, 0);
    expect(Math.abs(first!.self_share - hits('hot') / all)).toBeLessThan(0.05);
    // Total time is the profile's span.
    const p = JSON.parse(bytes('workload.cpuprofile').toString()) as { startTime: number; endTime: number; timeDeltas: number[] };
    expect(r.total).toBeCloseTo((p.endTime - p.startTime - p.timeDeltas[0]!) / 1000, 3);
  });
});

describe('pprof (real, Go runtime/pprof of go/main.go)', () => {
  it('matches `go tool pprof -top` flat and cum per function', async () => {
    expect(detectProfileFormat('cpu.pb.gz', bytes('go/cpu.pb.gz'))).toBe('pprof');
    const r = await analyseProfile('pprof', stream('go/cpu.pb.gz'), { limit: 50 });
    expect(r.sample_type).toBe('cpu/nanoseconds');
    expect(r.unit).toBe('ms');
    const top = bytes('go/pprof-top.txt')
      .toString()
      .split('\n')
      .map((l) => /^\s*(\d+)(ms|s)?\s+[\d.]+%\s+[\d.]+%\s+(\d+)(ms|s)?\s+[\d.]+%\s+(.+?)(?: \(inline\))?\s*$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
    expect(top.length).toBeGreaterThan(10);
    const ms = (v: string, u: string | undefined) => Number(v) * (u === 's' ? 1000 : 1);
    const totalLine = /Total samples = (\d+)ms/.exec(bytes('go/pprof-top.txt').toString())!;
    expect(r.total).toBeCloseTo(Number(totalLine[1]), 6);
    for (const m of top) {
      const name = m[5]!;
      const row = r.by_total.find((f) => f.function === name)!;
      expect(row, name).toBeDefined();
      expect(row.self).toBeCloseTo(ms(m[1]!, m[2]), 6);
      expect(row.total).toBeCloseTo(ms(m[3]!, m[4]), 6);
    }
    expect(r.by_self[0]!.function).toBe('main.hot');
    expect(r.by_self[0]!.location).toMatch(/main\.go:\d+$/);
  });
});

describe('folded stacks (real, perf record -g + perf script report stackcollapse of folded/workload.c)', () => {
  const rows = (rel: string, re: RegExp) => [...bytes(rel).toString().matchAll(re)];

  it('matches `perf report` self (--no-children) and total (--children) per symbol, and its sample count', async () => {
    const text = bytes('folded/workload.folded').toString();
    expect(detectProfileFormat('workload.folded', Buffer.from(text))).toBe('folded');
    const r = await analyseProfile('folded', stream('folded/workload.folded'), { limit: 50 });
    const self = rows('folded/perf-report.txt', /^\s+([\d.]+)%\s+(\d+)\s+\[[.k]\]\s+(\S+)/gm);
    const children = rows('folded/perf-report-children.txt', /^\s+([\d.]+)%\s+[\d.]+%\s+\d+\s+\[[.k]\]\s+(\S+)/gm);
    expect(self.length).toBeGreaterThanOrEqual(4);
    expect(r.total).toBe(self.reduce((n, m) => n + Number(m[2]), 0));
    for (const [, percent, samples, symbol] of self) {
      const f = r.by_self.find((x) => x.function === symbol)!;
      expect(f.self).toBe(Number(samples));
      expect(Math.abs(f.self_share * 100 - Number(percent))).toBeLessThanOrEqual(0.005);
    }
    for (const [, percent, symbol] of children) {
      const f = r.by_total.find((x) => x.function === symbol)!;
      expect(Math.abs(f.total_share * 100 - Number(percent))).toBeLessThanOrEqual(0.005);
    }
    expect(r.by_self.slice(0, 4).map((f) => f.function)).toEqual(['hot', 'leaf', 'warm', 'main']);
  });
});

describe('folded stacks', () => {
  it('self, total (once per stack for recursion) and frame locations', async () => {
    const text = ['main;serve;parse (parser.js:10) 30', 'main;serve;render 50', 'main;serve;serve;parse (parser.js:10) 20', 'garbage line'].join('\n');
    expect(detectProfileFormat('out.folded', Buffer.from(text.split('\n').slice(0, 3).join('\n')))).toBe('folded');
    const r = await analyseProfile('folded', [Buffer.from(text)], { limit: 10 });
    expect(r.total).toBe(100);
    const parse = r.by_self.find((f) => f.function === 'parse')!;
    expect(parse.self).toBe(50);
    expect(parse.location).toBe('parser.js:10');
    expect(r.by_self[0]!.function).toBe('parse');
    const serve = r.by_total.find((f) => f.function === 'serve')!;
    expect(serve.total).toBe(100);
    expect(serve.self).toBe(0);
    expect(r.notes.join(' ')).toMatch(/1 lines without a trailing count/);
  });
});

describe('older .cpuprofile layout (real, v8-profiler-next: "head" call tree)', () => {
  it('reads the nested tree by hit counts, with 1-based lines, origins and busy shares', async () => {
    expect(detectProfileFormat('report.json', bytes('legacy/v8-profiler-next-head.cpuprofile'))).toBe('cpuprofile');
    const r = await analyseProfile('cpuprofile', stream('legacy/v8-profiler-next-head.cpuprofile'), { limit: 10 });
    expect(r.unit).toBe('samples');
    // hitCount: test 5489, (garbage collector) 625, stopSamplingHeapProfiling 1.
    expect(r.total).toBe(6115);
    expect(r.samples).toBe(6115);
    const test = r.by_self[0]!;
    expect(test).toMatchObject({ function: 'test', location: 'G:\\github\\nodejs\\v8-profiler-test\\app.js:6', origin: 'app', self: 5489 });
    expect(r.by_total.find((f) => f.function === 'Module._compile')!).toMatchObject({ origin: 'runtime', total: 5490 });
    expect(r.by_total.find((f) => f.function === 'stopProfiling')!.origin).toBe('dependency');
    expect(r.by_self.find((f) => f.function === '(garbage collector)')!.origin).toBe('runtime');
    expect(r.app_top.map((f) => f.function)).toEqual(['test']);
    expect(r.notes.join(' ')).toMatch(/older \.cpuprofile layout/);
  });

  it('times samples from absolute timestamps (µs) when the legacy profile has them', async () => {
    const head = {
      functionName: '(root)',
      url: '',
      lineNumber: 0,
      id: 1,
      children: [
        { functionName: 'a', url: '/srv/a.js', lineNumber: 3, id: 2, children: [{ functionName: 'b', url: '/srv/a.js', lineNumber: 9, id: 3, children: [] }] },
      ],
    };
    const p = { head, startTime: 10, endTime: 10.004, samples: [2, 3, 3], timestamps: [10_000_000, 10_001_000, 10_003_000] };
    const r = await analyseProfile('cpuprofile', [Buffer.from(JSON.stringify(p))], { limit: 5 });
    expect(r.unit).toBe('ms');
    expect(r.total).toBeCloseTo(4, 9);
    expect(r.by_self.find((f) => f.function === 'b')!.self).toBeCloseTo(3, 9);
    expect(r.by_total.find((f) => f.function === 'a')!).toMatchObject({ total: 4, location: '/srv/a.js:3' });
  });
});

describe('busy time and origins (V8 .cpuprofile)', () => {
  it('shares exclude (idle), stated apart; app frames listed in app_top before runtime internals', async () => {
    const cf = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });
    const p = {
      nodes: [
        { id: 1, callFrame: cf('(root)'), children: [2, 3, 5] },
        { id: 2, callFrame: cf('(idle)') },
        { id: 3, callFrame: cf('handle', 'file:///srv/app.js', 4), children: [4] },
        { id: 4, callFrame: cf('writev') },
        { id: 5, callFrame: cf('processTicksAndRejections', 'node:internal/process/task_queues', 94) },
      ],
      samples: [2, 2, 2, 4, 3, 5, 2, 2],
      timeDeltas: [0, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
      startTime: 0,
      endTime: 8000,
    };
    const r = await analyseProfile('cpuprofile', [Buffer.from(JSON.stringify(p))], { limit: 5 });
    expect(r.total).toBeCloseTo(8, 9);
    expect(r.idle_share).toBeCloseTo(5 / 8, 9);
    expect(r.busy).toBeCloseTo(3, 9);
    expect(r.by_self.map((f) => f.function)).not.toContain('(idle)');
    const writev = r.by_self.find((f) => f.function === 'writev')!;
    expect(writev).toMatchObject({ origin: 'native' });
    expect(writev.self_share).toBeCloseTo(1 / 3, 9);
    expect(r.by_self.find((f) => f.function === 'processTicksAndRejections')!.origin).toBe('runtime');
    expect(r.app_top.map((f) => [f.function, f.location])).toEqual([['handle', '/srv/app.js:5']]);
    expect(r.by_total.find((f) => f.function === 'handle')!.total_share).toBeCloseTo(2 / 3, 9);
  });
});
