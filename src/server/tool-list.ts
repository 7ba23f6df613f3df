import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { toJsonSchemaCompat } from '@modelcontextprotocol/sdk/server/zod-json-schema-compat.js';
import { ListToolsRequestSchema, type ListToolsResult, type Tool as McpTool } from '@modelcontextprotocol/sdk/types.js';
import type { AnyTool } from '../tools/define.js';
import { allTools, annotationsFor, outputSchemaOf } from '../tools/registry.js';
import { BUILT_TOOL_LIST } from './tool-list-built.js';

/** The MCP definition of one tool, converted the way the SDK converts it. */
export function toolDefinition(tool: AnyTool): McpTool {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: toJsonSchemaCompat(tool.input, { strictUnions: true, pipeStrategy: 'input' }) as McpTool['inputSchema'],
    outputSchema: toJsonSchemaCompat(outputSchemaOf(tool), { strictUnions: true, pipeStrategy: 'output' }) as McpTool['outputSchema'],
    annotations: { title: tool.title, ...annotationsFor(tool.group) },
    ...(tool.meta ? { _meta: { ...tool.meta } } : {}),
  };
}

const toolLists = new WeakMap<readonly AnyTool[], ListToolsResult>();

/** The tools/list answer for `tools`: converted once per process, or as the build converted it. */
export function toolListOf(tools: readonly AnyTool[] = allTools): ListToolsResult {
  let list = toolLists.get(tools);
  if (!list) {
    list = tools === allTools && BUILT_TOOL_LIST ? BUILT_TOOL_LIST : { tools: tools.map(toolDefinition) };
    toolLists.set(tools, list);
  }
  return list;
}

/**
 * Answers tools/list from a list converted once. The SDK's own handler converts every zod
 * schema to JSON Schema on each call (~240 KB for Ace's tools); the registry never changes
 * while the process runs, so neither does the answer.
 */
export function serveToolListOnce(server: McpServer, tools: readonly AnyTool[] = allTools): void {
  server.server.setRequestHandler(ListToolsRequestSchema, () => toolListOf(tools));
}
