/**
 * Whether dist/ was built from the sources as they are: `npm run build` (postbuild) writes
 * dist/.stamp last, and dist/ is fresh while nothing that goes into the build is newer.
 * The test suite's global setup uses it to skip a second compile after `npm ci` built dist/.
 */
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const STAMP = join(ROOT, 'dist', '.stamp');
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

export function distIsFresh() {
  if (!existsSync(STAMP)) return false;
  const built = statSync(STAMP).mtimeMs;
  return INPUTS.every((input) => !existsSync(join(ROOT, input)) || newestMtimeMs(join(ROOT, input)) < built);
}
