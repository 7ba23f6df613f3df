import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';

/** Registers the table catalogue and script templates as resources. Filled in by the Claude Code issue. */
export function registerResources(_server: McpServer): void {}
