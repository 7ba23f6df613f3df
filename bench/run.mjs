/**
 * `npm run bench [-- PART...]`: builds dist/ unless it is current (scripts/dist-stamp.mjs), then runs
 * each benchmark part in its own process, in order:
 *   files   bench/files.mjs  — Ace's file tools vs rg, fast-glob and the reference server
 *   ndjson  bench/ndjson.mjs — run only if that file exists
 *   ingest  bench/ingest.mjs — every raw load-test format through loadtest_summary over MCP
 * Parts can also be chosen with ACE_BENCH_PARTS=files,ndjson. The exit code is non-zero only
 * when a part crashes (a missed target is reported, not failed), unless ACE_BENCH_STRICT=1.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { distIsFresh } from '../scripts/dist-stamp.mjs';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const PARTS = { files: 'bench/files.mjs', ndjson: 'bench/ndjson.mjs', ingest: 'bench/ingest.mjs' };

const asked = [...process.argv.slice(2), ...(process.env.ACE_BENCH_PARTS ?? '').split(',')].map((s) => s.trim()).filter(Boolean);
const unknown = asked.filter((p) => !(p in PARTS));
if (unknown.length) {
  process.stderr.write(`bench: unknown part(s) ${unknown.join(', ')}; known: ${Object.keys(PARTS).join(', ')}\n`);
  process.exit(2);
}
const parts = asked.length ? asked : Object.keys(PARTS);

const cli = path.join(REPO, 'dist', 'cli.js');
if (!process.env.ACE_BENCH_ACE_CLI && !distIsFresh()) {
  process.stderr.write('bench: building dist/ (npm run build)\n');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });
  if (build.status !== 0) {
    if (!fs.existsSync(cli)) process.exit(build.status ?? 1);
    process.stderr.write('bench: the build failed; benchmarking the existing dist/\n');
  }
}

let failed = false;
for (const part of parts) {
  const file = path.join(REPO, PARTS[part]);
  if (!fs.existsSync(file)) {
    process.stdout.write(`\n== ${part}: ${PARTS[part]} does not exist yet, skipped\n`);
    continue;
  }
  process.stdout.write(`\n== ${part} (${PARTS[part]})\n`);
  const run = spawnSync(process.execPath, [file], { cwd: REPO, stdio: 'inherit', env: process.env });
  if (run.status !== 0) {
    process.stderr.write(`bench: ${part} exited with ${run.status ?? run.signal}\n`);
    failed = true;
  }
}
process.exitCode = failed ? 1 : 0;
