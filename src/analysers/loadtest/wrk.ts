/**
 * wrk's printed summary (stdout). Percentiles only with `--latency`; wrk prints them with
 * two decimals and a unit (us, ms, s), which are converted to ms.
 */
import { fromToolNumbers, type ParsedSummary } from './model.js';

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

function toMs(value: string, unit: string): number | null {
  const f = UNIT_MS[unit];
  const n = Number(value);
  return f === undefined || !Number.isFinite(n) ? null : n * f;
}

function toSeconds(value: string, unit: string): number | null {
  const ms = toMs(value, unit);
  return ms === null ? null : ms / 1000;
}

export function parseWrk(text: string, path: string): ParsedSummary {
  const lines = text.split(/\r?\n/);
  const at = (i: number) => `${path}:${i + 1}`;
  let url = '(unknown URL)';
  let requests: number | null = null;
  let durationS: number | null = null;
  let rps: number | null = null;
  let non2xx = 0;
  let socketErrors = 0;
  const lat: Record<string, number | null> = {};
  const refs: Record<string, string> = {};
  lines.forEach((line, i) => {
    let m: RegExpExecArray | null;
    if ((m = /^Running .* test @ (\S+)/.exec(line))) url = m[1]!;
    else if ((m = /^\s+Latency\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)\s+([\d.]+)(us|ms|s|m|h)/.exec(line))) {
      lat.mean = toMs(m[1]!, m[2]!);
      lat.max = toMs(m[5]!, m[6]!);
      refs.mean = refs.max = at(i);
    } else if ((m = /^\s+(50|75|90|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m|h)/.exec(line))) {
      const key = `p${m[1]}`;
      lat[key] = toMs(m[2]!, m[3]!);
      refs[key] = at(i);
    } else if ((m = /^\s*(\d+) requests in ([\d.]+)(us|ms|s|m|h)/.exec(line))) {
      requests = Number(m[1]);
      durationS = toSeconds(m[2]!, m[3]!);
      refs.requests = refs.duration = at(i);
    } else if ((m = /^\s*Non-2xx or 3xx responses: (\d+)/.exec(line))) {
      non2xx = Number(m[1]);
      refs.errors = at(i);
    } else if ((m = /^\s*Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(line))) {
      socketErrors = Number(m[1]) + Number(m[2]) + Number(m[3]) + Number(m[4]);
      refs.errors = at(i);
    } else if ((m = /^Requests\/sec:\s+([\d.]+)/.exec(line))) {
      rps = Number(m[1]);
      refs.throughput = at(i);
    }
  });
  if (requests === null) throw new Error('not a wrk summary: no "N requests in T" line');
  const notes: string[] = [];
  if (lat.p50 === undefined) notes.push('no latency distribution: run wrk with --latency to get percentiles');
  notes.push('wrk reports P50/P75/P90/P99 only: P95 is not available');
  const overall = fromToolNumbers({
    name: 'overall',
    ref: path,
    refs,
    requests,
    errors: non2xx + socketErrors,
    throughput: rps,
    durationS,
    latency: { p50: lat.p50, p90: lat.p90, p99: lat.p99, max: lat.max, mean: lat.mean },
  });
  return { format: 'wrk', overall, endpoints: [{ ...overall, name: url }], errors: [], history: [], notes };
}
