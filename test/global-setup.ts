import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** tsc's diagnostics for sources and tests, '' when clean. */
    typeErrors: string;
  }
}

/**
 * Builds dist/ once before the suite, so tests that spawn the real `ace` CLI run the current
 * sources. The same compiler pass type-checks sources and tests; test/typecheck.test.ts
 * reports what it found, so the compiler runs once per `npm test`.
 */
export default async function setup(project: TestProject): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { compile } = (await import(new URL('../scripts/compile.mjs', import.meta.url).href)) as { compile: () => string };
  project.provide('typeErrors', compile());
  execFileSync('node', ['scripts/postbuild.mjs'], { cwd: root, stdio: 'pipe' });
}
