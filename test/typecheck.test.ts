import { existsSync, readFileSync } from 'node:fs';
import { expect, inject, it } from 'vitest';

/** The diagnostics, once the type-check running beside the suite has written them. */
async function typeErrors(): Promise<string> {
  const check = inject('typeCheck');
  if ('errors' in check) return check.errors;
  while (!existsSync(check.file)) await new Promise((r) => setTimeout(r, 250));
  return readFileSync(check.file, 'utf8');
}

it('the sources and tests type-check under strict TypeScript', { timeout: 180_000 }, async () => {
  expect(await typeErrors()).toBe('');
});
