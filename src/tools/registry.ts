import type { AnyTool, ToolGroup } from './define.js';
import { analyseTools } from './analyse/index.js';
import { emitTools } from './emit/index.js';
import { fileTools } from './files/index.js';
import { reportTools } from './report/index.js';

/** Every Ace tool, once, in the fixed order clients list them. */
export const allTools: readonly AnyTool[] = [...fileTools, ...analyseTools, ...emitTools, ...reportTools];

const seen = new Set<string>();
for (const tool of allTools) {
  if (seen.has(tool.name)) throw new Error(`duplicate tool name: ${tool.name}`);
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(tool.name)) throw new Error(`bad tool name: ${tool.name}`);
  seen.add(tool.name);
}

/**
 * MCP annotations come from the tool's group, never from the tool itself. Every Ace tool is
 * read-only towards the host and closed-world: emit and report tools write only to the
 * in-memory session, so they are not idempotent but still read-only.
 */
export function annotationsFor(group: ToolGroup) {
  return {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: group === 'files' || group === 'analyse',
    openWorldHint: false,
  } as const;
}
