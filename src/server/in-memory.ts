import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { LazyOutputValidator } from './lazy-validator.js';
import { createAceServer } from './server.js';
import type { Session } from '../session/session.js';
import { ACE_VERSION } from '../version.js';

export interface AceConnection {
  client: Client;
  close(): Promise<void>;
}

/**
 * An MCP client connected to a fresh Ace server on the in-memory transport: `ace run`,
 * `ace audit` and the tests see exactly the tools, prompt and resources that `ace mcp` serves.
 */
export async function connectInMemory(sandbox: Sandbox, session: Session, log: (line: string) => void): Promise<AceConnection> {
  const server = createAceServer({ sandbox, session, log });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'ace-in-memory', version: ACE_VERSION }, { jsonSchemaValidator: new LazyOutputValidator() });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
