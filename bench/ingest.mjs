#!/usr/bin/env node
/**
 * Benchmark: raw load-test files through `loadtest_summary` over MCP, as a client calls it
 * (the built `ace mcp` spawned over stdio, the SDK's Client), beside the same file through its
 * parser alone in a child process. One file per raw format and tag set (bench/ingest-files.mjs),
 * generated once into ~/.cache/ace-bench/ingest/ and reused.
 *
 *   node bench/ingest.mjs [--size-mb 200] [--cache DIR] [--only k6-csv,jmeter-xml]
 *
 * Prints, per file: MB/s through the tool and through the parser alone (medians after a
 * warm-up), their ratio, the server's peak RSS during the calls, and checks that the tool's
 * request and error counts equal the generated ones and its percentiles the parser's.
 * Target (issue 11): >= 150 MB/s through the tool for every file.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { GENERATOR_VERSION, INGEST_CASES, writeCase } from './ingest-files.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const ACE_CLI = process.env.ACE_BENCH_ACE_CLI ?? join(REPO, 'dist', 'cli.js');
const QUICK = Boolean(process.env.ACE_BENCH_QUICK);
const REPS = Number(process.env.ACE_BENCH_REPS ?? (QUICK ? 1 : 3));
const TARGET_MBPS = 150;
const CALL_TIMEOUT_MS = 30 * 60_000;
const MiB = 1024 * 1024;

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const log = (message) => process.stderr.write(`${message}\n`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

// ---------------------------------------------------------------- the parser alone (child)

/** Each format's parser over a file stream: its requests, errors and overall percentiles. */
async function parseOnce(format, path) {
  const dist = (file) => import(pathToFileURL(join(REPO, 'dist/analysers/loadtest', file)).href);
  const source = createReadStream(path, { highWaterMark: MiB });
  let runs;
  if (format === 'k6-ndjson' || format === 'k6-csv') {
    const { RawAccumulator } = await dist('model.js');
    const acc = new RawAccumulator();
    if (format === 'k6-ndjson') await (await dist('k6-ndjson.js')).parseK6Ndjson(source, acc);
    else await (await dist('k6-csv.js')).parseK6Csv(source, acc);
    runs = [acc];
  } else {
    const jmeter = await dist('jmeter.js');
    runs = (await (format === 'jmeter-csv' ? jmeter.parseJmeterCsv(source) : jmeter.parseJmeterXml(source))).runs;
  }
  const all = runs.map((run) => run.overall());
  const sum = (f) => all.reduce((n, a) => n + f(a), 0);
  const one = all.length === 1 ? all[0].hist : null;
  return { requests: sum((a) => a.requests), errors: sum((a) => a.errors), p50: one?.percentileMs(50), p99: one?.percentileMs(99) };
}

/** Runs `reps` timed parses after one warm-up, in this process; prints JSON on stdout. */
async function parserChild(format, path, reps) {
  let figures;
  const times = [];
  const cpus = [];
  for (let k = 0; k <= reps; k++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    figures = await parseOnce(format, path);
    if (k === 0) continue;
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
  }
  process.stdout.write(JSON.stringify({ ...figures, ms: median(times), cpuMs: median(cpus), peakRssMb: process.resourceUsage().maxRSS / 1024 }));
}

function parserAlone(kase, path) {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--parser', kase.format, path, String(REPS)], {
    encoding: 'utf8',
    maxBuffer: MiB,
  });
  if (run.status !== 0) throw new Error(`parser alone on ${kase.id} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout);
}

// ---------------------------------------------------------------- through the tool

/** Peak RSS (VmHWM) of a process in MB, reset with `clear_refs` before each call. */
const readPeakRssMb = (pid) => Number(/^VmHWM:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
  } catch {
    // not Linux, or not ours to reset: the peak then covers the server's whole life
  }
}

/** CPU time (user + system, every thread) of a process in ms, from /proc: steadier than wall time on a shared machine. */
function processCpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

async function startServer(root) {
  const flags = (process.env.ACE_BENCH_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
  const transport = new StdioClientTransport({ command: process.execPath, args: [...flags, ACE_CLI, 'mcp', '--root', root], stderr: 'pipe', cwd: REPO });
  let stderr = '';
  transport.stderr?.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
  const client = new Client({ name: 'ace-bench-ingest', version: '0.0.0' });
  await client.connect(transport);
  return { client, pid: transport.pid, stderr: () => stderr };
}

/** One `loadtest_summary` call: wall time, the overall figures, the server's peak RSS. */
async function callTool(server, rel) {
  resetPeakRss(server.pid);
  const cpu0 = processCpuMs(server.pid);
  const t0 = performance.now();
  const result = await server.client.callTool({ name: 'loadtest_summary', arguments: { paths: [rel] } }, undefined, { timeout: CALL_TIMEOUT_MS });
  const ms = performance.now() - t0;
  const cpuMs = processCpuMs(server.pid) - cpu0;
  if (result.isError) throw new Error(`loadtest_summary ${rel}: ${result.content?.[0]?.text}\n${server.stderr()}`);
  const results = result.structuredContent.results;
  const sum = (f) => results.reduce((n, r) => n + f(r.overall), 0);
  const overall = results.length === 1 ? results[0].overall.latency : null;
  return {
    ms,
    cpuMs,
    requests: sum((o) => o.requests.value),
    errors: sum((o) => o.errors.value),
    p50: overall?.p50?.value,
    p99: overall?.p99?.value,
    peakRssMb: readPeakRssMb(server.pid),
  };
}

async function throughTool(server, rel) {
  let last;
  const times = [];
  const cpus = [];
  let peak = 0;
  for (let k = 0; k <= REPS; k++) {
    last = await callTool(server, rel);
    peak = Math.max(peak, last.peakRssMb);
    if (k === 0) continue;
    times.push(last.ms);
    cpus.push(last.cpuMs);
  }
  return { ...last, ms: median(times), cpuMs: median(cpus), peakRssMb: peak };
}

// ---------------------------------------------------------------- files, checks, table

async function ensureFile(kase, dir, sizeMb) {
  const name = `${kase.id}-${sizeMb}mb.${kase.ext}`;
  const path = join(dir, name);
  const truthPath = `${path}.truth.json`;
  const cached = existsSync(path) && existsSync(truthPath) ? JSON.parse(readFileSync(truthPath, 'utf8')) : null;
  if (cached && cached.version === GENERATOR_VERSION && statSync(path).size === cached.bytes) return { name, path, truth: cached };
  log(`generating ${name} ...`);
  const truth = await writeCase(kase, path, sizeMb * MiB);
  writeFileSync(truthPath, JSON.stringify(truth));
  return { name, path, truth };
}

/** What differs between the tool's figures, the parser's and the generated truth; empty when none. */
function mismatches(truth, tool, parser) {
  const out = [];
  if (tool.requests !== truth.requests) out.push(`tool: ${tool.requests} requests, generated ${truth.requests}`);
  if (tool.errors !== truth.errors) out.push(`tool: ${tool.errors} errors, generated ${truth.errors}`);
  if (parser.requests !== truth.requests) out.push(`parser: ${parser.requests} requests, generated ${truth.requests}`);
  // The tool rounds to 6 significant digits.
  const near = (a, b) => a === b || (a !== undefined && b !== undefined && Math.abs(a - b) <= 1e-5 * Math.abs(b));
  if (!near(tool.p50, parser.p50) || !near(tool.p99, parser.p99)) out.push(`P50/P99: tool ${tool.p50}/${tool.p99}, parser ${parser.p50}/${parser.p99}`);
  return out;
}

async function main() {
  const sizeMb = Number(option('--size-mb', QUICK ? '2' : '200'));
  const cache = option('--cache', join(process.env.ACE_BENCH_CACHE ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'ace-bench'), 'ingest'));
  const only = (option('--only', process.env.ACE_BENCH_ONLY ?? '') || '').split(',').filter(Boolean);
  const cases = INGEST_CASES.filter((c) => only.length === 0 || only.includes(c.id));
  if (cases.length === 0) {
    log(`bench ingest: no case among ${only.join(', ')}; known: ${INGEST_CASES.map((c) => c.id).join(', ')}`);
    process.exit(2);
  }
  if (!existsSync(ACE_CLI)) {
    log(`bench ingest: ${ACE_CLI} is missing: npm run build`);
    process.exit(2);
  }
  mkdirSync(cache, { recursive: true });
  const files = [];
  for (const kase of cases) files.push({ kase, ...(await ensureFile(kase, cache, sizeMb)) });

  const server = await startServer(cache);
  const rows = [];
  let failed = false;
  try {
    for (const { kase, name, path, truth } of files) {
      log(`${name}: parser alone ...`);
      const parser = parserAlone(kase, path);
      log(`${name}: through loadtest_summary ...`);
      const tool = await throughTool(server, name);
      const mb = truth.bytes / MiB;
      const problems = mismatches(truth, tool, parser);
      if (problems.length) {
        failed = true;
        log(`MISMATCH ${name}: ${problems.join('; ')}`);
      }
      rows.push({ kase, mb, truth, tool, parser, toolMbps: mb / (tool.ms / 1000), parserMbps: mb / (parser.ms / 1000) });
    }
  } finally {
    await server.client.close();
  }
  printTable(rows);
  if (process.env.ACE_BENCH_JSON)
    writeFileSync(
      process.env.ACE_BENCH_JSON,
      JSON.stringify(
        rows.map(({ kase, ...r }) => ({ id: kase.id, ...r })),
        null,
        2,
      ),
    );
  const missed = rows.filter((r) => r.toolMbps < TARGET_MBPS);
  if (failed || (process.env.ACE_BENCH_STRICT === '1' && missed.length)) process.exitCode = 1;
}

function printTable(rows) {
  const f1 = (x) => x.toFixed(1);
  const lines = [
    '| file | MB | requests | tool MB/s | parser MB/s | tool / parser | tool CPU s | parser CPU s | server peak RSS | parser peak RSS | target ≥ 150 MB/s |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...rows.map(
      (r) =>
        `| ${r.kase.id} | ${f1(r.mb)} | ${r.truth.requests} | ${f1(r.toolMbps)} | ${f1(r.parserMbps)} | ${(r.toolMbps / r.parserMbps).toFixed(2)} | ${(r.tool.cpuMs / 1000).toFixed(2)} | ${(r.parser.cpuMs / 1000).toFixed(2)} | ${f1(r.tool.peakRssMb)} MB | ${f1(r.parser.peakRssMb)} MB | ${r.toolMbps >= TARGET_MBPS ? 'met' : 'MISSED'} |`,
    ),
    '',
    ...rows.map((r) => `${r.kase.id}: ${r.kase.what}`),
    `Medians of ${REPS} timed runs after a warm-up. Tool: wall time of the MCP call at the client (one server for every file, peak RSS reset before each call),`,
    'and the CPU time the server spent on it (all threads: on a shared machine the steadier figure);',
    'parser: the format parser over a 1 MiB-chunk file stream in a child process (no sandbox, no result building, no MCP).',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

if (args[0] === '--parser') await parserChild(args[1], args[2], Number(args[3]));
else await main();
