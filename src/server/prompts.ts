import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** Registers the `ace` prompt (the persona with its target). Filled in by the Claude Code issue. */
export function registerPrompts(_server: McpServer): void {}
