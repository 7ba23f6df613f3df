import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

it('the sources type-check under strict TypeScript', async () => {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const result = await promisify(execFile)('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit'], { cwd: root }).then(
    () => '',
    (err: { stdout?: string }) => err.stdout ?? 'tsc failed',
  );
  expect(result).toBe('');
}, 120_000);
