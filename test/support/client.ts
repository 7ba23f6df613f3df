import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { Sandbox } from '../../src/sandbox/sandbox.js';
import { createAceServer } from '../../src/server/server.js';
import { Session } from '../../src/session/session.js';

export interface ConnectedAce {
  client: Client;
  sandbox: Sandbox;
  session: Session;
  /** Calls a tool and returns the raw result (isError results are returned, not thrown). */
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** The text of a result's first content block. */
  text(result: CallToolResult): string;
  close(): Promise<void>;
}

/** A real MCP client connected to a real Ace server over the in-memory transport. */
export async function connectAce(root: string, session = new Session()): Promise<ConnectedAce> {
  const sandbox = await Sandbox.open(root);
  const server = createAceServer({ sandbox, session, log: () => {} });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'ace-test', version: '0.0.0' });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    sandbox,
    session,
    call: async (name, args = {}) => (await client.callTool({ name, arguments: args })) as CallToolResult,
    text: (result) => {
      const first = result.content[0];
      return first && first.type === 'text' ? first.text : '';
    },
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
