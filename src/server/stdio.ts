/**
 * The stdio transport of `ace mcp`, in place of the SDK's StdioServerTransport, which closes
 * the connection on a message over its buffer limit and answers nothing to a line that is not
 * JSON. Here every line ends in a message or an error response, and the server goes on:
 * - a line over the limit is dropped as it arrives (never buffered) and answered with
 *   -32600 Invalid Request, with the request's id when its ends show it;
 * - text that is not JSON is answered with -32700 Parse error, JSON that is not a JSON-RPC
 *   message with -32600.
 * The end of stdin closes the transport.
 */
import process from 'node:process';
import type { Readable, Writable } from 'node:stream';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { oversizedReply, parseLine, type ErrorResponse } from './json-rpc-lines.js';
import { LineReader } from './line-reader.js';

/** The largest message read, as the SDK's transports allow: 10 MiB. */
export const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

export class AceStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;

  private readonly reader: LineReader;
  private started = false;
  private closed = false;

  constructor(
    private readonly stdin: Readable = process.stdin,
    private readonly stdout: Writable = process.stdout,
    readonly maxMessageBytes = MAX_MESSAGE_BYTES,
  ) {
    this.reader = new LineReader(maxMessageBytes, {
      line: (text) => {
        const outcome = parseLine(text);
        if (!outcome) return;
        if ('reply' in outcome) this.reply(outcome.reply);
        else this.onmessage?.(outcome.message);
      },
      oversized: (line) => this.reply(oversizedReply(line, maxMessageBytes)),
    });
  }

  private readonly onData = (chunk: Buffer | string) => {
    try {
      this.reader.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    } catch (err) {
      // A handler's bug must not end the connection; the protocol layer logs it.
      this.onerror?.(err instanceof Error ? err : new Error(String(err)));
    }
  };
  private readonly onStreamError = (err: Error) => this.onerror?.(err);
  private readonly onEnd = () => void this.close();

  async start(): Promise<void> {
    if (this.started) throw new Error('AceStdioTransport already started');
    this.started = true;
    this.stdin.on('data', this.onData);
    this.stdin.on('error', this.onStreamError);
    this.stdin.on('end', this.onEnd);
    this.stdin.on('close', this.onEnd);
    // A client gone while we write (EPIPE) is the end of the connection too.
    this.stdout.on('error', this.onEnd);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(message);
  }

  private reply(response: ErrorResponse): void {
    void this.write(response);
  }

  private write(message: JSONRPCMessage | ErrorResponse): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      if (this.stdout.write(`${JSON.stringify(message)}\n`)) resolve();
      else this.stdout.once('drain', resolve);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.stdin.off('data', this.onData);
    this.stdin.off('error', this.onStreamError);
    this.stdin.off('end', this.onEnd);
    this.stdin.off('close', this.onEnd);
    this.stdout.off('error', this.onEnd);
    if (this.stdin.listenerCount('data') === 0) this.stdin.pause();
    this.reader.clear();
    this.onclose?.();
  }
}
