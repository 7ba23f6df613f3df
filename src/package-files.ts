/**
 * Ace's own shipped files (the persona, its reference pages and templates), read by fixed
 * names relative to the package. The one module outside the sandbox that reads the disk: it
 * never takes a path from a caller, only names written in our code.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the persona lives inside the package: the one source of its text. */
export const SKILL_PATH = join('skills', 'ace', 'SKILL.md');

/**
 * The package directory: the first ancestor of this module holding skills/ace/SKILL.md.
 * Works from src/ (tests), dist/ and the bundles (dist/bundle/, plugin/) alike.
 */
export function packageRoot(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    if (existsSync(join(dir, SKILL_PATH))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find ${SKILL_PATH} above ${dirname(from)}`);
    dir = parent;
  }
}

/** The text of a file shipped with the package, by its package-relative name. */
export function readPackageFile(rel: string, root = packageRoot()): string {
  return readFileSync(join(root, rel), 'utf8');
}

/** The names in a directory shipped with the package, sorted. */
export function listPackageDir(rel: string, root = packageRoot()): string[] {
  return readdirSync(join(root, rel)).sort();
}
