/**
 * One line of the stdio protocol turned into a JSON-RPC message, or into the error response
 * JSON-RPC 2.0 asks for when it is not one: -32700 for text that is not JSON, -32600 for JSON
 * that is not a message and for a message over the size limit. The error carries the
 * request's id when it can be read, else null.
 */
import { JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { OversizedLine } from './line-reader.js';

export const PARSE_ERROR = -32700;
export const INVALID_REQUEST = -32600;

export interface ErrorResponse {
  jsonrpc: '2.0';
  id: string | number | null;
  error: { code: number; message: string };
}

export type LineOutcome = { message: JSONRPCMessage } | { reply: ErrorResponse } | null;

function errorResponse(id: string | number | null, code: number, message: string): ErrorResponse {
  return { jsonrpc: '2.0', id, error: { code, message } };
}

function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const id = (value as { id: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : null;
}

/** A line read from the client: a message, an error to answer with, or null for a blank line. */
export function parseLine(line: string): LineOutcome {
  if (line.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (err) {
    return { reply: errorResponse(null, PARSE_ERROR, `Parse error: ${(err as Error).message}`) };
  }
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (parsed.success) return { message: parsed.data };
  return { reply: errorResponse(idOf(value), INVALID_REQUEST, 'Invalid Request: not a JSON-RPC 2.0 message') };
}

const ID_VALUE = String.raw`(-?\d{1,16}|"(?:[^"\\]|\\.){0,256}")`;
/** `{"id": …` or `{"jsonrpc": "2.0", "id": …` at the start of a message. */
const ID_AT_START = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID_VALUE}`);
/** `"id": …}` closing a message, as the SDK's clients write it (the id is their last key). */
const ID_AT_END = new RegExp(String.raw`"id"\s*:\s*${ID_VALUE}\s*\}\s*$`);

/** The id of a message seen only by its two ends, or null when neither shows it at the top level. */
export function idFromEdges(head: Buffer, tail: Buffer): string | number | null {
  const found = ID_AT_START.exec(head.toString('utf8')) ?? ID_AT_END.exec(tail.toString('utf8'));
  if (!found) return null;
  try {
    const id: unknown = JSON.parse(found[1]!);
    return typeof id === 'string' || typeof id === 'number' ? id : null;
  } catch {
    return null;
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The answer to a message over the limit: it was dropped unread. */
export function oversizedReply(line: OversizedLine, maxBytes: number): ErrorResponse {
  return errorResponse(
    idFromEdges(line.head, line.tail),
    INVALID_REQUEST,
    `Invalid Request: message of ${megabytes(line.bytes)} is over the ${megabytes(maxBytes)} limit and was dropped unread; send a smaller request`,
  );
}
