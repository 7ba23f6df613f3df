import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';
import type { AnyTool } from '../tools/define.js';
import { allTools, annotationsFor, outputSchemaOf } from '../tools/registry.js';
import { errorResult } from './errors.js';
import { registerPrompts } from './prompts.js';
import { registerResources } from './resources.js';
import { registerReportApp } from './app-resource.js';
import { toolResult } from './result.js';
import { serveToolListOnce } from './tool-list.js';
import { ACE_VERSION } from '../version.js';

export interface AceServerOptions {
  sandbox: Sandbox;
  /** Defaults to a fresh session: one per connection. */
  session?: Session;
  /** Where unexpected errors are logged; defaults to stderr (never stdout: stdio is the protocol). */
  log?: (line: string) => void;
  /** The tools served; defaults to the whole registry (tests serve tools of their own). */
  tools?: readonly AnyTool[];
}

const INSTRUCTIONS = `Ace is a performance engineer's toolbox. File tools (read, glob, grep, wc, file) are read-only and
sandboxed to the project root; paths are relative to that root. Emit tools turn each table of a performance
report into checked, sourced data; assemble_report and validate_report build and check the whole document.`;

/** Builds the Ace MCP server: every tool of the registry, the `ace` prompt and the resources. */
export function createAceServer(options: AceServerOptions): McpServer {
  const { sandbox } = options;
  const session = options.session ?? new Session();
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const server = new McpServer(
    { name: 'ace', title: 'Ace — performance engineer', version: ACE_VERSION },
    { instructions: INSTRUCTIONS, capabilities: { logging: {} } },
  );
  const tools = options.tools ?? allTools;
  for (const tool of tools) registerTool(server, tool, { sandbox, session, log });
  serveToolListOnce(server, tools);
  registerPrompts(server);
  registerResources(server);
  registerReportApp(server);
  return server;
}

function registerTool(server: McpServer, tool: AnyTool, deps: { sandbox: Sandbox; session: Session; log: (line: string) => void }): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      outputSchema: outputSchemaOf(tool),
      annotations: { title: tool.title, ...annotationsFor(tool.group) },
    },
    async (params: unknown, extra: RequestHandlerExtra<ServerRequest, ServerNotification>): Promise<CallToolResult> => {
      try {
        const answer = await tool.handle({ sandbox: deps.sandbox, session: deps.session, signal: extra.signal }, params);
        return toolResult(tool, answer);
      } catch (err) {
        return errorResult(tool.name, err, deps.sandbox.root, deps.log);
      }
    },
  );
}
