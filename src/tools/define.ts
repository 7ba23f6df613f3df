import type { z } from 'zod';
import type { Sandbox } from '../sandbox/sandbox.js';
import type { Session } from '../session/session.js';

/** What every tool handler receives besides its validated parameters. */
export interface ToolContext {
  sandbox: Sandbox;
  session: Session;
  /** Aborted when the client cancels the request. */
  signal: AbortSignal;
}

/** A handler's answer: the structured data and its human/model-readable rendering. */
export interface ToolAnswer<O> {
  data: O;
  text: string;
}

/**
 * Which group a tool belongs to. Every Ace tool is read-only with respect to the host:
 * emit and report tools only write to the in-memory session; production tools read a
 * monitoring system named in ace.config.json (Prometheus), outside the project. The group
 * decides the MCP annotations in one place (the registry), never by hand.
 */
export type ToolGroup = 'files' | 'analyse' | 'production' | 'emit' | 'report';

/**
 * How a caller gets what a result cut at the byte cap left out: the input parameters that page
 * or shrink it (e.g. `{ params: ['offset', 'head_limit'] }`), or 'none' when the only way is to
 * narrow the request. The registry's truncation notes name them.
 */
export type Paging = { params: readonly string[] } | 'none';

export interface Tool<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject, N extends string = string> {
  /** Kept as a literal type: typed callers (src/server/typed-client.ts) key tools by it. */
  name: N;
  title: string;
  /** Written for the model: what it is for, its limits, how to page. */
  description: string;
  group: ToolGroup;
  /**
   * The tool's paging parameters (each must be one of its inputs). When left out, the registry
   * takes those of `offset`, `head_limit` and `limit` the input has, else 'none'.
   */
  paging?: Paging;
  /** The tool definition's MCP `_meta` (e.g. the MCP App that shows its result, REPORT_APP_META). */
  meta?: Readonly<Record<string, unknown>>;
  input: I;
  output: O;
  handle(ctx: ToolContext, params: z.output<I>): Promise<ToolAnswer<z.input<O>>>;
}

/** Only types its argument: a tool is plain data plus a handler. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject, const N extends string>(tool: Tool<I, O, N>): Tool<I, O, N> {
  return tool;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyTool = Tool<any, any>;
