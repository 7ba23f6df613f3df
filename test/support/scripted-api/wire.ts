/**
 * The Anthropic Messages API wire format: the JSON message, the SSE event sequence of a
 * streamed message, and the JSON error body. Pure functions, no I/O.
 */
import { randomBytes } from 'node:crypto';

export interface TextBlock {
  type: 'text';
  text: string;
}
export interface ToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}
export interface ThinkingBlock {
  type: 'thinking';
  thinking: string;
  signature: string;
}
export type ContentBlock = TextBlock | ToolUseBlock | ThinkingBlock;

export type StopReason = 'end_turn' | 'tool_use' | 'max_tokens' | 'stop_sequence' | 'pause_turn' | 'refusal';

export interface Usage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
}

export interface Message {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: ContentBlock[];
  stop_reason: StopReason;
  stop_sequence: string | null;
  usage: Usage;
}

/** `msg_…`, `toolu_…`, `req_…`: the API's id shapes. */
export function newId(prefix: 'msg' | 'toolu' | 'req'): string {
  return `${prefix}_01${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/** A rough token count (4 characters a token): the API's numbers are not what tests check. */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const ERROR_MESSAGES: Record<string, string> = {
  invalid_request_error: 'Invalid request',
  authentication_error: 'invalid x-api-key',
  billing_error: 'Your credit balance is too low',
  permission_error: 'Your API key does not have permission to use the specified resource.',
  not_found_error: 'Not found',
  request_too_large: 'Request exceeds the maximum allowed number of bytes.',
  rate_limit_error: 'Number of request tokens has exceeded your per-minute rate limit',
  api_error: 'Internal server error',
  timeout_error: 'Request timed out',
  overloaded_error: 'Overloaded',
};

/** The error type the API uses for an HTTP status. */
export function errorTypeFor(status: number): string {
  return ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/** `{"type":"error","error":{"type":…,"message":…},"request_id":…}`: every API error's body. */
export function errorBody(status: number, requestId: string, type?: string, message?: string) {
  const errorType = type ?? errorTypeFor(status);
  return {
    type: 'error' as const,
    error: { type: errorType, message: message ?? ERROR_MESSAGES[errorType] ?? 'Error' },
    request_id: requestId,
  };
}

/** One server-sent event as the API writes it: an `event:` line, a `data:` line, a blank line. */
export function sseEvent(data: { type: string } & Record<string, unknown>): string {
  return `event: ${data.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** Splits a string into pieces of at most `size` characters (at least one piece, maybe ""). */
function pieces(text: string, size: number): string[] {
  if (text.length === 0) return [''];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The events of a streamed message, in the API's order: message_start (empty content,
 * input usage), a ping, then for each block content_block_start / _delta… / _stop, then
 * message_delta (stop_reason and output usage) and message_stop.
 */
export function streamEvents(message: Message, chunkSize = 24): string[] {
  const events: string[] = [];
  events.push(
    sseEvent({
      type: 'message_start',
      message: { ...message, content: [], stop_reason: null, stop_sequence: null, usage: { ...message.usage, output_tokens: 1 } },
    }),
  );
  events.push(sseEvent({ type: 'ping' }));
  message.content.forEach((block, index) => {
    if (block.type === 'text') {
      events.push(sseEvent({ type: 'content_block_start', index, content_block: { type: 'text', text: '' } }));
      for (const text of pieces(block.text, chunkSize)) {
        events.push(sseEvent({ type: 'content_block_delta', index, delta: { type: 'text_delta', text } }));
      }
    } else if (block.type === 'tool_use') {
      events.push(sseEvent({ type: 'content_block_start', index, content_block: { type: 'tool_use', id: block.id, name: block.name, input: {} } }));
      // The API's first input delta is often empty; clients must accept that.
      events.push(sseEvent({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: '' } }));
      for (const partial_json of pieces(JSON.stringify(block.input), chunkSize)) {
        events.push(sseEvent({ type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json } }));
      }
    } else {
      events.push(sseEvent({ type: 'content_block_start', index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      for (const thinking of pieces(block.thinking, chunkSize)) {
        events.push(sseEvent({ type: 'content_block_delta', index, delta: { type: 'thinking_delta', thinking } }));
      }
      events.push(sseEvent({ type: 'content_block_delta', index, delta: { type: 'signature_delta', signature: block.signature } }));
    }
    events.push(sseEvent({ type: 'content_block_stop', index }));
  });
  events.push(
    sseEvent({
      type: 'message_delta',
      delta: { stop_reason: message.stop_reason, stop_sequence: message.stop_sequence },
      usage: { output_tokens: message.usage.output_tokens },
    }),
  );
  events.push(sseEvent({ type: 'message_stop' }));
  return events;
}
