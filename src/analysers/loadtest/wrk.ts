/**
 * wrk's printed summary (stdout). Percentiles only with `--latency`; wrk prints them with
 * two decimals and a unit (us, ms, s), which are converted to ms. A file holding several runs
 * one after another (`wrk ... >> out.txt`) gives one summary per run, each from its own lines.
 */
import { LineError } from './errors.js';
import { forEachTextLine } from '../lines.js';
import { fromToolNumbers, type ParsedSummary } from './model.js';

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function toMs(value: string, unit: string): number | null {
  const f = UNIT_MS[unit];
  const n = Number(value);
  return f === undefined || !Number.isFinite(n) ? null : n * f;
}

/** Values are printed with two decimals: allow that much disorder between them. */
const ROUNDING = 0.01;

interface WrkRun {
  firstLine: number;
  url: string;
  requests: number | null;
  durationS: number | null;
  rps: number | null;
  non2xx: number;
  socketErrors: number;
  lat: Record<string, number | null>;
  refs: Record<string, string>;
}

function newRun(line: number, url: string): WrkRun {
  return { firstLine: line, url, requests: null, durationS: null, rps: null, non2xx: 0, socketErrors: 0, lat: {}, refs: {} };
}

export function parseWrk(text: string, path: string, signal?: AbortSignal): ParsedSummary[] {
  const at = (n: number) => `${path}:${n}`;
  const runs: WrkRun[] = [];
  let run: WrkRun | null = null;
  forEachTextLine(
    text,
    (line, n) => {
      let m: RegExpExecArray | null;
      if (line.startsWith('Running ') && (m = /^Running \S+ test @ (\S+)/.exec(line))) {
        run = newRun(n, m[1]!);
        runs.push(run);
        return;
      }
      if (run === null || line.length > 512) return;
      const r: WrkRun = run;
      if ((m = /^\s+Latency\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)/.exec(line))) {
        r.lat.mean = toMs(m[1]!, m[2]!);
        r.lat.max = toMs(m[5]!, m[6]!);
        r.refs.mean = r.refs.max = at(n);
      } else if ((m = /^\s+(50|75|90|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m|h)/.exec(line))) {
        r.lat[`p${m[1]}`] = toMs(m[2]!, m[3]!);
        r.refs[`p${m[1]}`] = at(n);
      } else if ((m = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)/.exec(line))) {
        if (r.requests !== null) throw new LineError(n, 'a second "requests in" line in one run: the file mixes runs');
        r.requests = Number(m[1]);
        const ms = toMs(m[2]!, m[3]!);
        r.durationS = ms === null ? null : ms / 1000;
        r.refs.requests = r.refs.duration = at(n);
      } else if ((m = /^\s*Non-2xx or 3xx responses: (\d+)/.exec(line))) {
        r.non2xx = Number(m[1]);
        r.refs.errors = at(n);
      } else if ((m = /^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(line))) {
        r.socketErrors = Number(m[1]) + Number(m[2]) + Number(m[3]) + Number(m[4]);
        r.refs.errors = at(n);
      } else if ((m = /^Requests\/sec:\s+([\d.]+)/.exec(line))) {
        r.rps = Number(m[1]);
        r.refs.throughput = at(n);
      }
    },
    signal,
  );
  if (runs.length === 0) throw new LineError(null, 'not a wrk summary: no "Running ... test @" line');
  return runs.map((r, i) => toSummary(r, path, i, runs.length));
}

function toSummary(r: WrkRun, path: string, index: number, count: number): ParsedSummary {
  if (r.requests === null) throw new LineError(r.firstLine, 'a wrk run without its "N requests in T" line (cut short?)');
  const order = ['p50', 'p75', 'p90', 'p99', 'max'].filter((k) => r.lat[k] !== undefined && r.lat[k] !== null);
  for (let i = 1; i < order.length; i++) {
    const a = r.lat[order[i - 1]!]!;
    const b = r.lat[order[i]!]!;
    if (b < a * (1 - ROUNDING) - 0.01) {
      throw new LineError(
        Number(r.refs[order[i]!]!.split(':').pop()),
        `latency ${order[i]} ${b} ms is below ${order[i - 1]} ${a} ms: wrk prints them in increasing order`,
      );
    }
  }
  const notes: string[] = [];
  if (r.lat.p50 === undefined) notes.push('no latency distribution: run wrk with --latency to get percentiles');
  notes.push('wrk reports P50/P75/P90/P99 only: P95 is not available');
  if (count > 1) notes.push(`run ${index + 1} of ${count} in ${path} (from line ${r.firstLine}): each run is reported on its own`);
  const overall = fromToolNumbers({
    name: 'overall',
    ref: `${path}:${r.firstLine}`,
    refs: r.refs,
    requests: r.requests,
    errors: r.non2xx + r.socketErrors,
    throughput: r.rps,
    durationS: r.durationS,
    latency: { p50: r.lat.p50, p90: r.lat.p90, p99: r.lat.p99, max: r.lat.max, mean: r.lat.mean },
  });
  return { format: 'wrk', overall, endpoints: [{ ...overall, name: r.url }], errors: [], history: [], notes };
}
