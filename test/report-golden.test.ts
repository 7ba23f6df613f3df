import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopApiCalls } from './golden/shop-api-example.js';
import { type ConnectedAce, connectAce } from './support/client.js';

/** Set ACE_UPDATE_GOLDEN=1 to rewrite the golden reports from the current code. */
const UPDATE = process.env.ACE_UPDATE_GOLDEN === '1';
const FIXTURE = fileURLToPath(new URL('./fixtures/shop-api', import.meta.url));
const golden = (language: string) => fileURLToPath(new URL(`./golden/report.${language}.md`, import.meta.url));

describe.each(['fr', 'en'] as const)('the %s golden report', (language) => {
  let ace: ConnectedAce;
  beforeAll(async () => {
    ace = await connectAce(FIXTURE);
  });
  afterAll(async () => ace.close());

  it('emits all fourteen tables and assembles them into the golden report', async () => {
    // Listing the tools first makes the client check every structuredContent against its outputSchema.
    await ace.client.listTools();
    const start = await ace.call('start_report', { language, target: 'test/fixtures/shop-api' });
    expect(start.isError).toBeFalsy();
    for (const [tool, args] of shopApiCalls(language)) {
      const result = await ace.call(tool, args);
      expect(result.isError ? `${tool}: ${ace.text(result)}` : '').toBe('');
    }
    const assembled = await ace.call('assemble_report', { title: language === 'fr' ? 'Rapport de performance : shop-api' : 'Performance report: shop-api' });
    expect(assembled.isError).toBeFalsy();
    const data = assembled.structuredContent as { markdown: string; missing: string[]; emitted: string[] };
    expect(data.missing).toEqual([]);
    expect(data.emitted).toHaveLength(14);
    if (UPDATE) writeFileSync(golden(language), data.markdown);
    expect(data.markdown).toBe(readFileSync(golden(language), 'utf8'));
  });
});
