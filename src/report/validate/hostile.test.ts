/**
 * Hostile Markdown within the validator's size limit: each class once froze the process for
 * 8 to 54 s or overflowed the stack. Each must now end fast, in a result or a clear
 * ReportShapeError. The time bounds are generous (several times the measured time): they
 * catch a return to quadratic cost, not a slow machine.
 */
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/reports/load.js';
import { REPORT_LIMITS, ReportShapeError, validateReport, type ValidationResult } from './index.js';
import { MAX_CHECKED_SCRIPTS } from './load-script.js';

async function timed(markdown: string): Promise<{ ms: number; result?: ValidationResult; error?: Error }> {
  const start = performance.now();
  try {
    const result = await validateReport(markdown);
    return { ms: performance.now() - start, result };
  } catch (err) {
    return { ms: performance.now() - start, error: err as Error };
  }
}

const k6 =
  "```javascript\nimport http from 'k6/http';\nexport const options = { vus: 1 };\nexport default function () { http.get('http://localhost/'); }\n```\n\n";

describe('hostile reports end fast', () => {
  // 100k characters without a space took 14-40 s (quadratic regular expressions in the
  // language check); marked's inline lexer was quadratic on some of the others.
  it.each([
    ['letters', 'a'],
    ['digits', '1'],
    ['dots', 'a.'],
    ['grouped thousands', '111 '],
    ['quotes and dashes', "a'-"],
    ['emphasis', '_a'],
    ['images', '![a'],
    ['footnote openers', '[^'],
    ['tag openers', '<'],
    ['link targets', '[a]('],
    ['percentile labels', 'p95 '],
    ['code ticks', '``a`'],
  ])('100k characters of %s in prose, a list, a table cell and a heading', async (_, unit) => {
    const run = unit.repeat(Math.ceil(25_000 / unit.length));
    const md = `# Report\n\n${run}\n\n- ${run}\n\n| a | b |\n|---|---|\n| ${run} | x |\n\n## ${run}\n`;
    const { ms, result, error } = await timed(md);
    expect(error).toBeUndefined();
    expect(result?.ok).toBe(false);
    expect(ms).toBeLessThan(5000);
  });

  it('8000 k6 blocks are refused before any is checked', async () => {
    const tiny = '```js\nexport default () => 1;\n```\n'; // 8000 of them fit the size limit
    const { ms, error } = await timed(tiny.repeat(8000));
    expect(error).toBeInstanceOf(ReportShapeError);
    expect(error?.message).toMatch(/more than 500 fenced code blocks/);
    expect(ms).toBeLessThan(5000);
  });

  it(`checks the first ${MAX_CHECKED_SCRIPTS} scripts and says the others were not checked`, async () => {
    const { result } = await timed(`# Report\n\n${k6.repeat(40)}`);
    const unchecked = result?.violations.filter((v) => v.message.includes('not checked')) ?? [];
    expect(unchecked).toHaveLength(1);
    expect(unchecked[0]).toMatchObject({ severity: 'warning' });
    expect(unchecked[0]?.message).toMatch(/only the first 10 load-test scripts .* 30 more follow/);
  });

  it('does not check a script over the size cap, and says so', async () => {
    const huge = k6.replace('export default', `// ${'x'.repeat(70_000)}\nexport default`);
    const { result } = await timed(`# Report\n\n${huge}`);
    expect(result?.violations.find((v) => v.message.includes('not checked'))?.message).toMatch(/at most 65536 are checked/);
  });

  it.each([
    ['list markers on one line', `${'- '.repeat(3000)}x\n`],
    ['indented list items', Array.from({ length: 200 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')],
    ['299k ">" (1M is over the size limit)', '>'.repeat(299_000)],
    ['quotes in list items', `${'> - '.repeat(2000)}x\n`],
  ])('%s: refused as too deeply nested', async (_, md) => {
    const { ms, error } = await timed(md);
    expect(error).toBeInstanceOf(ReportShapeError);
    expect(error?.message).toMatch(/nested up to \d+ levels deep; at most 64 are read: flatten the nesting/);
    expect(ms).toBeLessThan(5000);
  });

  it('reads nesting up to the limit', async () => {
    const md = `${'> '.repeat(REPORT_LIMITS.nesting - 1)}x\n\n${'- '.repeat(REPORT_LIMITS.nesting - 1)}y\n`;
    expect((await timed(md)).result).toBeDefined();
  });

  it('refuses a list item of 10,000 lines (marked reads it in quadratic time)', async () => {
    const { ms, error } = await timed(`- a\n${'a\n'.repeat(10_000)}`);
    expect(error?.message).toMatch(/^line 102: the list item of line 1 runs over 100 lines/);
    expect(ms).toBeLessThan(5000);
  });

  it('refuses tables too wide or with too many cells', async () => {
    const wide = `| ${'a | '.repeat(100)}\n|${'---|'.repeat(100)}\n`;
    expect((await timed(wide)).error?.message).toMatch(/^line 2: a table has 100 columns; at most 64 are read/);
    const tall = `| ${'a | '.repeat(50)}\n|${'---|'.repeat(50)}\n${'x\n'.repeat(3000)}`;
    expect((await timed(tall)).error?.message).toMatch(/tables have more than 100,000 cells/);
  });

  it('refuses a report over the size limit with a clear message', async () => {
    const { error } = await timed('a'.repeat(REPORT_LIMITS.chars + 1));
    expect(error).toBeInstanceOf(ReportShapeError);
    expect(error?.message).toBe('the report has 300,001 characters; at most 300,000 characters are validated: validate it in parts (e.g. one phase at a time)');
  });

  it('validates a legitimate report grown to near the size limit', async () => {
    const clean = fixture('clean.en.md');
    // Prose, lists and tables repeated (code blocks kept once: their number has its own limit).
    const body = clean.replace(/```[\s\S]*?```\n/g, '');
    const md = clean + body.repeat(Math.floor((REPORT_LIMITS.chars * 0.9) / body.length));
    const { ms, result, error } = await timed(md);
    expect(error).toBeUndefined();
    expect(result?.language).toBe('en');
    expect(ms).toBeLessThan(20_000);
  });
});
