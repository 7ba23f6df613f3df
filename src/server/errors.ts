/**
 * The one place an error thrown by a tool becomes an MCP result. A caller's mistake (a
 * CallerError: bad input, unreadable evidence, a refused path) is shown as written; anything
 * else is a bug in Ace: logged, and shown as an internal error scrubbed of host paths.
 * Recognised by `instanceof`, never by name.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isCallerError } from '../errors.js';

function withoutRoot(message: string, root: string): string {
  return root === '/' ? message : message.split(root).join('.');
}

/**
 * Removes host paths from an unexpected error's message: the root becomes '.', any other
 * absolute path becomes '<path>'. A caller must never learn where the project lives.
 */
export function scrubHostPaths(message: string, root: string): string {
  return withoutRoot(message, root).replace(/(?<![\w.])\/(?:[^\s'"`:,)]+\/?)+/g, '<path>');
}

/**
 * The message a caller sees for a failed call. A caller's mistake is shown as written
 * (it names root-relative paths and may quote URLs like /api/users); anything else is a bug
 * and is scrubbed of every absolute path.
 */
export function errorMessage(toolName: string, err: unknown, root: string): string {
  if (isCallerError(err)) return withoutRoot(err.message, root);
  const raw = err instanceof Error ? err.message : String(err);
  return `internal error in ${toolName}: ${scrubHostPaths(raw, root)} (this is a bug in Ace, not in your request)`;
}

/** The `isError` result for a failed call; a bug is logged (with its stack) through `log`. */
export function errorResult(toolName: string, err: unknown, root: string, log: (line: string) => void): CallToolResult {
  if (!isCallerError(err)) log(`[ace] ${toolName} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return { isError: true, content: [{ type: 'text', text: errorMessage(toolName, err, root) }] };
}
