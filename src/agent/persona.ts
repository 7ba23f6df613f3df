/**
 * What the model is told. The persona is the MCP prompt `ace` (the skill body with
 * `$ARGUMENTS` = target), fetched through the same MCP client as the tools, so it is written
 * once for Claude Code, MCP clients and headless runs. The system prompt only adds what is
 * particular to running headless.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { MCPPromptMessageLike } from '@anthropic-ai/sdk/helpers/beta/mcp';
import type { RunOptions } from './options.js';

export const PERSONA_PROMPT = 'ace';

/** The `ace` prompt's messages for `target` (registered in src/server/prompts.ts). */
export async function personaMessages(client: Client, target: string): Promise<MCPPromptMessageLike[]> {
  const { messages } = await client.getPrompt({ name: PERSONA_PROMPT, arguments: { target } });
  return messages as MCPPromptMessageLike[];
}

const LANGUAGE_NAMES = { fr: 'French', en: 'English' } as const;

/** What a headless run adds to the persona: nobody is there to answer, and how to finish. */
export function headlessSystemPrompt(options: Pick<RunOptions, 'lang'>): string {
  const language = options.lang
    ? `Write the whole report in ${LANGUAGE_NAMES[options.lang]} (language code "${options.lang}").`
    : 'Write the whole report in the language of the target as the user wrote it.';
  return [
    'You are Ace, running headless (`ace run`) in a script or CI job. Nobody will read your messages',
    'or answer a question before the run ends: never ask for confirmation or clarification; when',
    'something is unknown, make a reasonable assumption and state it as the basis of an estimate.',
    'The project under analysis is the root of the Ace file tools; read evidence there first.',
    'Build the report only through the Ace tools: start the report, emit every table with its emit',
    'tool (sources for every number), then call assemble_report and validate_report, fix every',
    'error-level violation by emitting the table again, and validate again. The report is written',
    'to disk from what you emitted, so prose in your own messages is not part of it.',
    'When the report validates, end with a short summary of the main bottleneck and quick wins.',
    language,
  ].join('\n');
}
