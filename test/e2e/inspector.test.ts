/**
 * Another MCP client: the MCP Inspector's CLI, against the built `ace mcp` over stdio, in the
 * form the README gives for connecting it.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ACE_TOOLS, REPO, TARGET, tempDir } from './support/claude.js';

const home = tempDir('ace-inspector-home-');
afterAll(() => home.remove());

/** The Inspector's CLI, run as `npx @modelcontextprotocol/inspector --cli ...` (README's form) or straight from its bin. */
async function inspect(via: 'npx' | 'bin', ...method: string[]): Promise<any> {
  const [command, prefix] =
    via === 'npx' ? ['npx', ['--no-install', '@modelcontextprotocol/inspector']] : [join(REPO, 'node_modules', '.bin', 'mcp-inspector'), []];
  const { stdout } = await promisify(execFile)(command, [...prefix, '--cli', 'node', join(REPO, 'dist', 'cli.js'), 'mcp', '--root', REPO, ...method], {
    cwd: REPO,
    env: { PATH: process.env.PATH, HOME: home.path },
    timeout: 60_000,
  });
  // The CLI may print a notice before the JSON answer.
  return JSON.parse(stdout.slice(stdout.indexOf('{')));
}

describe('MCP Inspector CLI', () => {
  it('npx @modelcontextprotocol/inspector --cli ... --method tools/list lists every tool of the registry, annotated', async () => {
    const { tools } = await inspect('npx', '--method', 'tools/list');
    expect(tools.map((t: { name: string }) => t.name)).toEqual(ACE_TOOLS);
    for (const tool of tools) {
      // Only the Prometheus tools reach outside the project.
      expect(tool.annotations, tool.name).toMatchObject({ readOnlyHint: true, openWorldHint: tool.name.startsWith('metrics_') });
    }
  }, 60_000);

  it('gets the ace prompt with its target', async () => {
    const result = await inspect('bin', '--method', 'prompts/get', '--prompt-name', 'ace', '--prompt-args', `target=${TARGET}`);
    const text: string = result.messages[0].content.text;
    expect(text).toContain('Tu es Ace aux Poings Ardents');
    expect(text).toContain(`## Cible\n\n${TARGET}\n`);
    expect(text).not.toContain('$ARGUMENTS');
  }, 60_000);

  it('lists the resources: the table catalogue and the script templates', async () => {
    const { resources } = await inspect('bin', '--method', 'resources/list');
    expect(resources.map((r: { uri: string }) => r.uri)).toEqual(
      expect.arrayContaining(['ace://tables', 'ace://templates/k6.js', 'ace://templates/locust.py', 'ace://templates/gatling.scala']),
    );
  }, 60_000);
});
