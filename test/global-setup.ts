import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** tsc's diagnostics for sources and tests ('' when clean), or the file a type-check running beside the suite writes them to. */
    typeCheck: { errors: string } | { file: string };
  }
}

/**
 * Makes dist/ current before the suite, so tests that spawn the real `ace` CLI run the current
 * sources. When dist/ is stale, one compiler pass builds it and type-checks sources and tests.
 * After `npm ci` (whose prepare script built dist/) nothing needs building: the suite starts at
 * once and the type-check runs in a child process beside it. Either way the compiler runs once
 * per `npm test`, and test/typecheck.test.ts reports what it found.
 */
export default async function setup(project: TestProject): Promise<(() => void) | void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { distIsFresh } = (await import(new URL('../scripts/dist-stamp.mjs', import.meta.url).href)) as { distIsFresh: () => boolean };
  if (distIsFresh()) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ace-typecheck-'));
    const file = path.join(dir, 'errors.txt');
    const child = spawn(process.execPath, ['scripts/typecheck.mjs', file], { cwd: root, stdio: 'ignore' });
    project.provide('typeCheck', { file });
    return () => {
      if (child.exitCode === null) child.kill();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const { compile } = (await import(new URL('../scripts/compile.mjs', import.meta.url).href)) as { compile: () => string };
  project.provide('typeCheck', { errors: compile() });
  execFileSync('node', ['scripts/postbuild.mjs'], { cwd: root, stdio: 'pipe' });
}
