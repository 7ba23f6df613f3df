import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Session } from '../../session/session.js';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';
import { fixture } from '../../../test/fixtures/reports/load.js';

interface Result {
  ok: boolean;
  language: string;
  errors: number;
  warnings: number;
  truncated: boolean;
  violations: Array<{ rule: string; line: number; message: string; severity: string }>;
}

describe('validate_report over MCP', () => {
  let root: string;
  let ace: ConnectedAce;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'ace-validate-'));
    ace = await connectAce(root);
  });
  afterAll(async () => {
    await ace.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('is listed with its output schema and read-only annotations', async () => {
    const { tools } = await ace.client.listTools();
    const tool = tools.find((t) => t.name === 'validate_report');
    expect(tool?.outputSchema?.properties).toHaveProperty('violations');
    expect(tool?.annotations?.readOnlyHint).toBe(true);
  });

  it('passes a clean report', async () => {
    const result = await ace.call('validate_report', { markdown: fixture('clean.fr.md'), language: 'fr' });
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ ok: true, language: 'fr', errors: 0, violations: [] });
    expect(ace.text(result)).toMatch(/^ok: the report passes/);
  });

  it('returns violations as a successful check, not an error', async () => {
    const result = await ace.call('validate_report', { markdown: fixture('seed-tables.md') });
    expect(result.isError).toBeFalsy();
    const data = result.structuredContent as unknown as Result;
    expect(data.ok).toBe(false);
    expect(data.errors).toBeGreaterThan(0);
    expect(data.violations.some((v) => v.rule === 'unquantified-placeholder')).toBe(true);
    expect(ace.text(result)).toMatch(/^not ok: \d+ errors/);
    expect(ace.text(result)).toMatch(/line \d+ unquantified-placeholder: /);
  });

  it.each([[{ markdown: 42 }], [{}], [{ markdown: '# r', language: 'de' }], [{ markdown: '# r', extra: true }]])(
    'refuses a malformed call %j as an error',
    async (args) => {
      const result = await ace.call('validate_report', args as Record<string, unknown>);
      expect(result.isError).toBe(true);
    },
  );

  it('answers a report nested too deeply with an error naming the limit, and keeps serving', async () => {
    const result = await ace.call('validate_report', { markdown: '>'.repeat(299_000) });
    expect(result.isError).toBe(true);
    expect(ace.text(result)).toMatch(/line 1: blockquotes or lists are nested up to 299000 levels deep; at most 64 are read: flatten the nesting/);
    const next = await ace.call('validate_report', { markdown: fixture('clean.en.md'), language: 'en' });
    expect(next.structuredContent).toMatchObject({ ok: true });
  });

  it("defaults the expected language to the session's", async () => {
    const session = new Session();
    session.language = 'en';
    const other = await connectAce(root, session);
    try {
      const result = await other.call('validate_report', { markdown: fixture('clean.fr.md') });
      const data = result.structuredContent as unknown as Result;
      expect(data.violations.map((v) => v.rule)).toContain('language-mismatch');
    } finally {
      await other.close();
    }
  });
});
