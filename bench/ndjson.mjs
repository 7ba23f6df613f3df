#!/usr/bin/env node
// Benchmark: stream a generated 1 GB k6 `--out json` NDJSON file through Ace's analyser in a
// child process; print throughput (MB/s), peak RSS, and P99 against the exact value from a
// sorted array of every generated http_req_duration sample.
//
//   node bench/ndjson.mjs [--size-mb 1024] [--cache DIR]     (ACE_BENCH_QUICK=1: 64 MB)
//
// The file is generated once into ~/.cache/ace-bench/ (outside the repo) and reused. Needs a
// built dist/ (npm run build); builds it when missing. Targets: >= 150 MB/s, RSS <= 256 MB.
import { spawnSync, execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { K6_REQUEST_METRICS } from './ingest-files.mjs';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i === -1 ? dflt : args[i + 1];
};

if (args[0] === '--child') {
  await child(args[1]);
} else {
  await main();
}

async function child(path) {
  const mod = await import(pathToFileURL(join(repo, 'dist/analysers/loadtest/index.js')).href);
  const acc = new mod.RawAccumulator();
  const { parseK6Ndjson } = await import(pathToFileURL(join(repo, 'dist/analysers/loadtest/k6-ndjson.js')).href);
  const t0 = process.hrtime.bigint();
  const stats = await parseK6Ndjson(createReadStream(path, { highWaterMark: 1 << 20 }), acc);
  const all = acc.overall();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  process.stdout.write(
    JSON.stringify({
      ms,
      points: stats.points,
      requests: all.requests,
      errors: all.errors,
      p50: all.hist.percentileMs(50),
      p99: all.hist.percentileMs(99),
      max: all.hist.maxMs,
      maxRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

/** A small deterministic PRNG, so the file (and its exact P99) is the same on every machine. */
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function generate(path, sizeBytes) {
  const rand = rng(42);
  const out = createWriteStream(path, { highWaterMark: 4 << 20 });
  const endpoints = [
    ['GET', 'http://127.0.0.1:8080/api/items', 8],
    ['GET', 'http://127.0.0.1:8080/api/items/{id}', 4],
    ['POST', 'http://127.0.0.1:8080/api/orders', 30],
    ['GET', 'http://127.0.0.1:8080/health', 1],
  ];
  const durations = [];
  let written = 0;
  let t = Date.parse('2026-01-01T00:00:00Z');
  const header = [...K6_REQUEST_METRICS, 'iterations', 'iteration_duration', 'vus']
    .map((m) => `{"type":"Metric","data":{"name":"${m}","type":"trend","contains":"time","thresholds":[],"submetrics":null},"metric":"${m}"}\n`)
    .join('');
  out.write(header);
  written += header.length;
  let batch = '';
  while (written < sizeBytes) {
    const [method, url, base] = endpoints[Math.floor(rand() * endpoints.length)];
    // Log-normal-ish latency with a long tail.
    const u = Math.max(rand(), 1e-12);
    const dur = Number((base * Math.exp(0.6 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())) * (rand() < 0.01 ? 8 : 1)).toFixed(6));
    const failed = rand() < 0.02;
    const status = failed ? 500 : 200;
    durations.push(dur);
    t += 1 + Math.floor(rand() * 3);
    const time = new Date(t).toISOString().replace('Z', `${String(Math.floor(rand() * 1e6)).padStart(6, '0')}Z`);
    const tags = `{"expected_response":"${!failed}","group":"","method":"${method}","name":"${url}","proto":"HTTP/1.1","scenario":"default","status":"${status}","url":"${url}"}`;
    const point = (metric, value) => `{"metric":"${metric}","type":"Point","data":{"time":"${time}","value":${value},"tags":${tags}}}\n`;
    batch +=
      point('http_reqs', 1) +
      point('http_req_duration', dur) +
      point('http_req_blocked', 0.003) +
      point('http_req_connecting', 0) +
      point('http_req_tls_handshaking', 0) +
      point('http_req_sending', 0.021) +
      point('http_req_waiting', Number((dur * 0.97).toFixed(6))) +
      point('http_req_receiving', 0.05) +
      point('http_req_failed', failed ? 1 : 0) +
      point('data_sent', 112) +
      point('data_received', 356) +
      `{"metric":"iterations","type":"Point","data":{"time":"${time}","value":1,"tags":{"group":"","scenario":"default"}}}\n` +
      `{"metric":"iteration_duration","type":"Point","data":{"time":"${time}","value":${dur + 0.4},"tags":{"group":"","scenario":"default"}}}\n`;
    if (batch.length > 1 << 20) {
      written += batch.length;
      if (!out.write(batch)) await new Promise((r) => out.once('drain', r));
      batch = '';
    }
  }
  written += batch.length;
  out.write(batch);
  await new Promise((r, j) => out.end((e) => (e ? j(e) : r())));
  const sorted = Float64Array.from(durations).sort();
  // Linear interpolation between closest ranks, k6's definition (and Ace's).
  const rank = (p) => {
    const i = (p / 100) * (sorted.length - 1);
    const below = Math.floor(i);
    return sorted[below] + (sorted[Math.ceil(i)] - sorted[below]) * (i - below);
  };
  return { bytes: written, requests: sorted.length, percentiles: 'linear', p50: rank(50), p99: rank(99), max: sorted[sorted.length - 1] };
}

async function main() {
  // ACE_BENCH_QUICK=1 (the smoke mode of npm run bench) uses 64 MB instead of 1 GB.
  const sizeMb = Number(opt('--size-mb', process.env.ACE_BENCH_QUICK ? '64' : '1024'));
  const cache = opt('--cache', join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ace-bench'));
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `k6-${sizeMb}mb.ndjson`);
  const truthFile = `${file}.truth.json`;
  if (!existsSync(join(repo, 'dist/analysers/loadtest/k6-ndjson.js'))) {
    process.stderr.write('building dist/ ...\n');
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: repo, stdio: 'inherit' });
  }
  let truth = existsSync(file) && existsSync(truthFile) ? JSON.parse(readFileSync(truthFile, 'utf8')) : null;
  // A cache from before the percentile definition was recorded is regenerated.
  if (!truth || truth.percentiles !== 'linear' || statSync(file).size !== truth.bytes) {
    process.stderr.write(`generating ${sizeMb} MB of k6 NDJSON into ${file} ...\n`);
    const g0 = Date.now();
    truth = await generate(file, sizeMb * 1024 * 1024);
    writeFileSync(truthFile, JSON.stringify(truth));
    process.stderr.write(`generated in ${((Date.now() - g0) / 1000).toFixed(1)} s\n`);
  }
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  const r = JSON.parse(run.stdout);
  const mb = truth.bytes / (1024 * 1024);
  const mbps = mb / (r.ms / 1000);
  const rssMb = r.maxRssKb / 1024;
  const p99Err = Math.abs(r.p99 - truth.p99) / truth.p99;
  const lines = [
    `k6 NDJSON ${mb.toFixed(0)} MB, ${truth.requests} requests (${r.points} http_req_duration points read)`,
    `throughput  ${mbps.toFixed(1)} MB/s   (target >= 150)   ${(r.ms / 1000).toFixed(2)} s`,
    `peak RSS    ${rssMb.toFixed(1)} MB   (target <= 256)`,
    `P99         ${r.p99.toFixed(4)} ms vs exact ${truth.p99.toFixed(4)} ms (sorted array): error ${(p99Err * 100).toFixed(4)}% (bound 0.1%)`,
    `P50         ${r.p50.toFixed(4)} ms vs exact ${truth.p50.toFixed(4)} ms; max ${r.max} vs ${truth.max}`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  if (r.requests !== truth.requests || p99Err > 0.001) {
    process.stderr.write('MISMATCH against the exact values\n');
    process.exit(1);
  }
}
