#!/usr/bin/env node
/**
 * Makes sure the pinned Claude Code devDependency ends with a runnable `claude`, and says
 * where it is.
 *
 * `@anthropic-ai/claude-code` ships `bin/claude.exe` as a placeholder; its postinstall
 * (`node install.cjs`) links the native binary from the optional platform package
 * (`@anthropic-ai/claude-code-<os>-<arch>`) over it. npm 11 may skip that postinstall
 * (install scripts not approved, or --ignore-scripts). This script:
 *   1. finds the platform package's binary (the real one, whatever ran or not);
 *   2. if `bin/claude.exe` does not run, runs the package's own install.cjs, which places it;
 *   3. prints the path of a binary that answers `--version`, or fails saying why.
 *
 * Usage: `node scripts/ensure-claude.mjs` (exit 0 and the path on stdout), or import
 * `ensureClaude()` from a test.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PROJECT = fileURLToPath(new URL('..', import.meta.url));
const WRAPPER = '@anthropic-ai/claude-code';
const require = createRequire(join(PROJECT, 'package.json'));

function isMusl() {
  if (platform() !== 'linux') return false;
  const report = process.report?.getReport?.();
  return report != null && report.header?.glibcVersionRuntime === undefined;
}

/** `linux-x64`, `linux-x64-musl`, `darwin-arm64`, `win32-x64` ... as the platform packages are named. */
export function platformKey() {
  const os = platform();
  return `${os}-${arch()}${os === 'linux' && isMusl() ? '-musl' : ''}`;
}

function runs(bin) {
  if (!existsSync(bin)) return undefined;
  // The placeholder is a few bytes; the native binary is hundreds of MB.
  if (statSync(bin).size < 4096) return undefined;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return r.status === 0 && /Claude Code/.test(r.stdout) ? r.stdout.trim() : undefined;
}

function resolveDir(pkg, from) {
  try {
    return dirname(createRequire(join(from, 'package.json')).resolve(`${pkg}/package.json`));
  } catch {
    return undefined;
  }
}

/**
 * Returns `{ bin, version }` for a runnable Claude Code, repairing the wrapper's bin if the
 * postinstall did not run. Throws with the reason when there is none.
 */
export function ensureClaude({ quiet = true } = {}) {
  const say = (line) => {
    if (!quiet) process.stderr.write(`ensure-claude: ${line}\n`);
  };
  const wrapperDir = resolveDir(WRAPPER, PROJECT);
  if (!wrapperDir) throw new Error(`${WRAPPER} is not installed: run npm ci`);
  const wrapperBin = join(wrapperDir, 'bin', 'claude.exe');
  const { version } = require(`${WRAPPER}/package.json`);

  let found = runs(wrapperBin);
  if (found) return { bin: wrapperBin, version: found };

  const key = platformKey();
  const platformPkg = `${WRAPPER}-${key}`;
  const platformDir = resolveDir(platformPkg, wrapperDir);
  if (!platformDir) {
    throw new Error(
      `${platformPkg}@${version} is not installed (optional dependencies omitted, or no build for ${key}); ` + `run npm ci without --omit=optional`,
    );
  }
  say(`${wrapperBin} is the placeholder: running ${WRAPPER}'s install.cjs`);
  const install = spawnSync(process.execPath, ['install.cjs'], { cwd: wrapperDir, encoding: 'utf8' });
  if (install.status !== 0) say(`install.cjs failed: ${install.stderr.trim()}`);
  found = runs(wrapperBin);
  if (found) return { bin: wrapperBin, version: found };

  // Last resort: the platform package's binary itself.
  const native = join(platformDir, process.platform === 'win32' ? 'claude.exe' : 'claude');
  found = runs(native);
  if (found) return { bin: native, version: found };
  throw new Error(`no runnable claude: neither ${wrapperBin} nor ${native} answers --version`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    const { bin, version } = ensureClaude({ quiet: false });
    process.stdout.write(`${bin}\n`);
    process.stderr.write(`ensure-claude: ${version}\n`);
  } catch (err) {
    process.stderr.write(`ensure-claude: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
