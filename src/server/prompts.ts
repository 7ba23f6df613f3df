import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { readPackageFile, SKILL_PATH } from '../package-files.js';

export interface Persona {
  /** The skill's frontmatter (name, description, argument-hint, ...). */
  meta: { name?: string; description?: string; 'argument-hint'?: string; [key: string]: unknown };
  /** The skill body, `$ARGUMENTS` still in it. */
  body: string;
}

/**
 * Splits SKILL.md into its YAML frontmatter and its body. The YAML parser is loaded here, on
 * the first prompts/get, not when the server starts.
 */
export async function parseSkill(text: string): Promise<Persona> {
  const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
  if (!match) return { meta: {}, body: text };
  const { parse } = await import('yaml');
  const meta = (parse(match[1]!) ?? {}) as Persona['meta'];
  return { meta, body: text.slice(match[0].length) };
}

let cached: Promise<Persona> | undefined;

/** The persona, read once from the SKILL.md shipped with the package. */
export function loadPersona(): Promise<Persona> {
  cached ??= parseSkill(readPackageFile(SKILL_PATH));
  return cached;
}

/** The body with the target in place of every `$ARGUMENTS`, as Claude Code substitutes it. */
export function personaFor(target: string, persona: Persona): string {
  return persona.body.split('$ARGUMENTS').join(target).trim() + '\n';
}

/** Registers the `ace` prompt: the persona (the skill body) with its target. */
export function registerPrompts(server: McpServer): void {
  server.registerPrompt(
    'ace',
    {
      title: 'Ace — performance review',
      description:
        'The Ace persona: a seven-phase performance review of a target (a path in the project, a service or ' +
        'a feature), using the Ace tools for evidence, one emit tool per table, and validate_report.',
      argsSchema: {
        target: z.string().min(1).describe('What to review: a path relative to the project root, a service or a feature'),
      },
    },
    async ({ target }) => ({
      description: `Ace performance review of ${target}`,
      messages: [{ role: 'user', content: { type: 'text', text: personaFor(target, await loadPersona()) } }],
    }),
  );
}
