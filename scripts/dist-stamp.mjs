/**
 * Whether dist/ was built from the sources as they are: `npm run build` (postbuild) writes
 * dist/.stamp last, and dist/ is fresh while nothing that goes into the build is newer.
 * The build also keeps what its type-check of sources and tests found in dist/.typecheck.
 * The test suite's global setup uses both to skip a second compile after `npm ci` built dist/.
 */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist', '.stamp');
const TYPECHECK = join(ROOT, 'dist', '.typecheck');
/** What the build reads: sources, build scripts, compiler settings, dependencies. */
const INPUTS = ['src', 'scripts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

function newestMtimeMs(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtimeMs(join(path, entry)));
  return newest;
}

export function stampDist() {
  writeFileSync(STAMP, `${new Date().toISOString()}\n`);
}

/** Whether none of `inputs` (paths under the project) changed after `ms`. */
function unchangedSince(ms, inputs) {
  return inputs.every((input) => !existsSync(join(ROOT, input)) || newestMtimeMs(join(ROOT, input)) < ms);
}

export function distIsFresh() {
  return existsSync(STAMP) && unchangedSince(statSync(STAMP).mtimeMs, INPUTS);
}

/** Keeps the diagnostics of a type-check of sources and tests ('' when clean). */
export function recordTypeCheck(text) {
  writeFileSync(TYPECHECK, text);
}

/** The recorded diagnostics while dist/ is fresh and no source, test or setting is newer than them; else null. */
export function recordedTypeCheck() {
  if (!existsSync(STAMP) || !existsSync(TYPECHECK)) return null;
  // Older than both the stamp and the record: dist/ is fresh and the record current, in one walk.
  const since = Math.min(statSync(STAMP).mtimeMs, statSync(TYPECHECK).mtimeMs);
  return unchangedSince(since, [...INPUTS, 'test']) ? readFileSync(TYPECHECK, 'utf8') : null;
}
