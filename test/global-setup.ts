import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Builds dist/ once before the suite, so tests that spawn the real `ace` CLI run the
 * current sources. Type errors are reported by src/typecheck.test.ts, not here.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch {
    // tsc still emits on type errors; the typecheck test names them.
  }
  execFileSync('node', ['scripts/postbuild.mjs'], { cwd: root, stdio: 'pipe' });
}
