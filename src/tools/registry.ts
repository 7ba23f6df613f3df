import { z } from 'zod';
import { RESULT_CAP_TEXT } from './bound.js';
import type { AnyTool, ToolGroup } from './define.js';
import { analyseTools } from './analyse/index.js';
import { compareRunsTool } from './analyse/compare-runs.js';
import { distributedRunTool } from './analyse/distributed-run.js';
import { findEvidenceTool } from './analyse/find-evidence.js';
import { emitTools } from './emit/index.js';
import { fileTools } from './files/index.js';
import { reportTools } from './report/index.js';

/**
 * Every Ace tool, once, in the fixed order clients list them. A readonly tuple: each tool keeps
 * its name and schemas in its type, for typed callers (src/server/typed-client.ts).
 */
export const allTools = [
  ...fileTools,
  ...analyseTools,
  compareRunsTool,
  findEvidenceTool,
  distributedRunTool,
  ...emitTools,
  ...reportTools,
] as const satisfies readonly AnyTool[];

/** Input parameters taken as a tool's paging parameters when it declares none. */
const USUAL_PAGING = ['offset', 'head_limit', 'limit'] as const;

/** The field the registry adds to every output schema, set only on a result it cut. */
export const CUT_FIELD = 'result_cut';

/**
 * The parameters that page or shrink a tool's result, as it declares them (or its usual
 * ones: offset, head_limit, limit); empty when it has none.
 */
export function pagingOf(tool: AnyTool): readonly string[] {
  if (tool.paging === 'none') return [];
  if (tool.paging) return tool.paging.params;
  const shape = tool.input.shape as Record<string, unknown>;
  return USUAL_PAGING.filter((p) => p in shape);
}

const outputSchemas = new Map<string, z.ZodObject>();

/**
 * A tool's output schema as clients see it: the tool's own, plus the optional `result_cut`
 * note the registry sets on a result it shortened to fit the byte cap.
 */
export function outputSchemaOf(tool: AnyTool): z.ZodObject {
  const known = outputSchemas.get(tool.name);
  if (known) return known;
  const schema = tool.output.extend({
    [CUT_FIELD]: z
      .string()
      .optional()
      .describe(`Set only when this result was cut to fit the ${RESULT_CAP_TEXT} cap: what was shortened, and how to get the rest.`),
  });
  outputSchemas.set(tool.name, schema);
  return schema;
}

const seen = new Set<string>();
for (const tool of allTools) {
  if (seen.has(tool.name)) throw new Error(`duplicate tool name: ${tool.name}`);
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(tool.name)) throw new Error(`bad tool name: ${tool.name}`);
  seen.add(tool.name);
  const inputs = tool.input.shape as Record<string, unknown>;
  for (const p of pagingOf(tool)) if (!(p in inputs)) throw new Error(`tool ${tool.name} declares paging parameter '${p}', which is not one of its inputs`);
  if (CUT_FIELD in (tool.output.shape as Record<string, unknown>)) throw new Error(`tool ${tool.name}: '${CUT_FIELD}' is reserved for the registry`);
}

/**
 * MCP annotations come from the tool's group, never from the tool itself. Every Ace tool is
 * read-only towards the host: emit and report tools write only to the in-memory session, so
 * they are not idempotent but still read-only. Only the production tools reach outside the
 * project (a Prometheus the configuration names): they alone are open-world.
 */
export function annotationsFor(group: ToolGroup) {
  return {
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: group === 'files' || group === 'analyse' || group === 'production',
    openWorldHint: group === 'production',
  } as const;
}
