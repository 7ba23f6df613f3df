import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'ace-validate-limits-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('ace validate on a report over a limit', () => {
  it.each([
    ['too large', 'a'.repeat(300_001), /the report has 300,001 characters; at most 300,000 characters are validated/],
    ['nested too deeply', `${'- '.repeat(3000)}x\n`, /line 1: blockquotes or lists are nested up to 3000 levels deep; at most 64 are read/],
  ])('%s: exits 2 with the limit named, fast', (name, markdown, message) => {
    const file = join(tmp, `${name.replace(/\W+/g, '-')}.md`);
    writeFileSync(file, markdown);
    const start = Date.now();
    const r = spawnSync('node', [cli, 'validate', file], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`ace validate: ${file}: `);
    expect(Date.now() - start).toBeLessThan(30_000);
  });
});
