import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { jsonSchemaValidator } from '@modelcontextprotocol/sdk/validation';
import type { Sandbox } from '../sandbox/sandbox.js';
import { createAceServer } from './server.js';
import type { Session } from '../session/session.js';
import { ACE_VERSION } from '../version.js';

export interface AceConnection {
  client: Client;
  close(): Promise<void>;
}

/**
 * The in-process client's check of structured results: none of its own. The server, in this
 * same process, has just parsed each result with its tool's zod output schema (result.ts, then
 * McpServer's own output check), the schema the client's JSON Schema is generated from, and
 * typed callers parse it once more (typed-client.ts). The SDK's default, ajv compiling that JSON
 * Schema to check the same value again, cost `ace audit` 0.4 s and `ace run` 0.6 s of CPU (15–20 %).
 */
const checkedByTheServer: jsonSchemaValidator = {
  getValidator: () => (input) => ({ valid: true, data: input as never, errorMessage: undefined }),
};

/**
 * An MCP client connected to a fresh Ace server on the in-memory transport: `ace run`,
 * `ace audit` and the tests see exactly the tools, prompt and resources that `ace mcp` serves.
 * `outputValidator` replaces the client's check of structured results: the tests pass the
 * JSON Schema check an external client makes, so every result they get is checked against it.
 */
export async function connectInMemory(
  sandbox: Sandbox,
  session: Session,
  log: (line: string) => void,
  outputValidator: jsonSchemaValidator = checkedByTheServer,
): Promise<AceConnection> {
  const server = createAceServer({ sandbox, session, log });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'ace-in-memory', version: ACE_VERSION }, { jsonSchemaValidator: outputValidator });
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    client,
    close: async () => {
      await client.close();
      await server.close();
    },
  };
}
