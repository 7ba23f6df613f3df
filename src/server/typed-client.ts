/**
 * Typed tool calls for in-process callers (`ace audit`, `ace run`, tests): the arguments and
 * the result of `callTool(client, 'capacity_fit', {...})` are typed from the tool's own zod
 * schemas in the registry (z.input of its input, z.output of its output), keyed by name, so a
 * renamed field breaks the caller at compile time instead of a cast at run time. The call
 * still goes through the MCP client: the same path, server checks and bounds as any other client.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { z } from 'zod';
import type { AnyTool } from '../tools/define.js';
import { allTools, CUT_FIELD, outputSchemaOf } from '../tools/registry.js';

type Registered = (typeof allTools)[number];

/**
 * Names of the tools whose definition keeps its name as a literal type. (The emit tools are
 * built by `defineEmitTool`, which returns `AnyTool` for now: call them with `call`.)
 */
type LiteralName<T> = T extends { name: infer N extends string } ? (string extends N ? never : N) : never;
export type ToolName = LiteralName<Registered>;

type ToolNamed<N extends ToolName> = Extract<Registered, { name: N }>;

/** What the tool accepts: its input schema's input type (optional and defaulted fields optional). */
export type ToolArgs<N extends ToolName> = z.input<ToolNamed<N>['input']>;

/** What the tool returns: its output schema's output type, plus the registry's cut note. */
export type ToolResult<N extends ToolName> = z.output<ToolNamed<N>['output']> & { [CUT_FIELD]?: string };

/** A tool answered with `isError`: `message` is the tool's message, as the model would read it. */
export class ToolCallError extends Error {
  override readonly name = 'ToolCallError';
  constructor(
    readonly tool: string,
    message: string,
    readonly result: CallToolResult,
  ) {
    super(message);
  }
}

const byName = new Map<string, AnyTool>(allTools.map((tool: AnyTool) => [tool.name, tool]));

function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

/**
 * Calls a tool through the client and returns its structured content, parsed by the tool's
 * output schema. Throws ToolCallError (with the tool's message) when the result is `isError`.
 */
export async function callTool<N extends ToolName>(client: Client, name: N, args: ToolArgs<N>, options?: { signal?: AbortSignal }): Promise<ToolResult<N>> {
  const tool = byName.get(name);
  if (!tool) throw new Error(`no tool named ${name} in the registry`);
  const result = (await client.callTool({ name, arguments: args as Record<string, unknown> }, undefined, options)) as CallToolResult;
  if (result.isError) throw new ToolCallError(name, textOf(result), result);
  if (result.structuredContent === undefined) throw new Error(`${name} answered without structured content`);
  return outputSchemaOf(tool).parse(result.structuredContent) as ToolResult<N>;
}

/** `callTool` bound to one client: `const tool = toolCaller(client); await tool('read', { path })`. */
export function toolCaller(client: Client) {
  return <N extends ToolName>(name: N, args: ToolArgs<N>, options?: { signal?: AbortSignal }) => callTool(client, name, args, options);
}
