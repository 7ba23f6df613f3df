import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateReport } from '../src/report/validate/index.js';

/** The assembled golden reports (emit tools + assemble_report) must pass the validator. */
describe('golden reports validate clean', () => {
  it.each(['fr', 'en'] as const)('report.%s.md', async (language) => {
    const markdown = readFileSync(new URL(`./golden/report.${language}.md`, import.meta.url), 'utf8');
    const result = await validateReport(markdown, { language });
    expect(result.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(result).toMatchObject({ ok: true, language });
  });
});
