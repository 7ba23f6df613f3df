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
 * sources, and has the sources and tests type-checked once. After `npm ci`, whose prepare script
 * built dist/ and type-checked everything in the same compiler pass, nothing is compiled again:
 * the suite reports what that pass recorded. When only tests changed since, the type-check runs
 * in a child process beside the suite; when dist/ is stale, one compiler pass builds it and
 * type-checks sources and tests. test/typecheck.test.ts reports what was found.
 */
export default async function setup(project: TestProject): Promise<(() => void) | void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const stamp = (await import(new URL('../scripts/dist-stamp.mjs', import.meta.url).href)) as {
    distIsFresh: () => boolean;
    recordedTypeCheck: () => string | null;
    recordTypeCheck: (text: string) => void;
  };
  const recorded = stamp.recordedTypeCheck();
  if (recorded !== null) {
    project.provide('typeCheck', { errors: recorded });
    return;
  }
  if (stamp.distIsFresh()) {
    const dir = mkdtempSync(path.join(tmpdir(), 'ace-typecheck-'));
    const file = path.join(dir, 'errors.txt');
    const child = spawn(process.execPath, ['scripts/typecheck.mjs', file], { cwd: root, stdio: 'ignore' });
    project.provide('typeCheck', { file });
    return () => {
      if (child.exitCode === null) child.kill();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const { compile } = (await import(new URL('../scripts/compile.mjs', import.meta.url).href)) as { compile: () => { text: string } };
  const { text } = compile();
  stamp.recordTypeCheck(text);
  project.provide('typeCheck', { errors: text });
  execFileSync('node', ['scripts/postbuild.mjs'], { cwd: root, stdio: 'pipe' });
}
