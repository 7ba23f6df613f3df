import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { type AceConnection, connectInMemory } from '../../src/server/in-memory.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { Session } from '../../src/session/session.js';
import { callTool, type ToolArgs, type ToolName, type ToolResult } from '../../src/server/typed-client.js';
import { LazyOutputValidator } from './lazy-validator.js';

/**
 * `connectInMemory` with the check an external client makes: every structured result is also
 * validated against its tool's published JSON Schema (compiled once per schema per process).
 */
export function connectChecked(sandbox: Sandbox, session: Session, log: (line: string) => void): Promise<AceConnection> {
  return connectInMemory(sandbox, session, log, new LazyOutputValidator());
}

export interface ConnectedAce {
  client: Client;
  sandbox: Sandbox;
  session: Session;
  /** Calls a tool and returns the raw result (isError results are returned, not thrown). */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /**
   * Calls a tool with arguments and result typed from its schemas; returns the parsed
   * structured content, throws ToolCallError (the tool's message) on an isError result.
   */
  tool<N extends ToolName>(name: N, args: ToolArgs<N>): Promise<ToolResult<N>>;
  /** The text of a result's first content block. */
  text(result: CallToolResult): string;
  close(): Promise<void>;
}

/**
 * A real MCP client connected to a real Ace server over the in-memory transport: the same
 * connection the headless runner uses, except that every structured result is also checked
 * against the tool's published JSON Schema, as an external client checks it.
 */
export async function connectAce(root: string, session = new Session()): Promise<ConnectedAce> {
  const sandbox = await Sandbox.open(root);
  const { client, close } = await connectChecked(sandbox, session, () => {});
  return {
    client,
    sandbox,
    session,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    tool: (name, args) => callTool(client, name, args),
    text: (result) => {
      const first = result.content[0];
      return first && first.type === 'text' ? first.text : '';
    },
    close,
  };
}
