import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConnectedAce, connectAce } from '../../test/support/client.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let ace: ConnectedAce;
beforeAll(async () => {
  ace = await connectAce(ROOT);
});
afterAll(async () => ace.close());

describe('the ace prompt', () => {
  it('is listed with a required target argument', async () => {
    const { prompts } = await ace.client.listPrompts();
    const prompt = prompts.find((p) => p.name === 'ace');
    expect(prompt?.arguments).toEqual([expect.objectContaining({ name: 'target', required: true })]);
  });

  it('is the body of skills/ace/SKILL.md with the target in place of $ARGUMENTS', async () => {
    const result = await ace.client.getPrompt({ name: 'ace', arguments: { target: 'test/fixtures/orders-api' } });
    expect(result.messages).toHaveLength(1);
    const message = result.messages[0]!;
    expect(message.role).toBe('user');
    const text = message.content.type === 'text' ? message.content.text : '';
    const skill = readFileSync(new URL('../../skills/ace/SKILL.md', import.meta.url), 'utf8');
    const body = skill.slice(skill.indexOf('\n---\n', 4) + 5);
    expect(text).toBe(body.split('$ARGUMENTS').join('test/fixtures/orders-api').trim() + '\n');
    expect(text).toContain('## Cible\n\ntest/fixtures/orders-api\n');
    expect(text).not.toContain('$ARGUMENTS');
    expect(text).not.toMatch(/^---/);
    expect(text).toContain('Tu es Ace aux Poings Ardents');
  });

  it('refuses a call without a target', async () => {
    await expect(ace.client.getPrompt({ name: 'ace', arguments: {} })).rejects.toThrow(/target/);
  });
});

describe('the resources', () => {
  it('serve the table catalogue with the live report-building tools', async () => {
    const { resources } = await ace.client.listResources();
    expect(resources.map((r) => r.uri)).toContain('ace://tables');
    const { contents } = await ace.client.readResource({ uri: 'ace://tables' });
    const first = contents[0];
    const text = first && 'text' in first ? first.text : '';
    expect(text).toContain('# Ace report tables');
    expect(text).toContain('Bottleneck map');
  });

  it('serve each script template as shipped', async () => {
    const { resources } = await ace.client.listResources();
    const uris = resources.map((r) => r.uri).filter((u) => u.startsWith('ace://templates/'));
    expect(uris).toEqual(['ace://templates/gatling.scala', 'ace://templates/k6.js', 'ace://templates/locust.py']);
    const { contents } = await ace.client.readResource({ uri: 'ace://templates/k6.js' });
    const k6 = contents[0];
    expect(k6 && 'text' in k6 ? k6.text : undefined).toBe(readFileSync(new URL('../../skills/ace/reference/templates/k6.js', import.meta.url), 'utf8'));
    expect(k6?.mimeType).toBe('text/javascript');
  });
});
