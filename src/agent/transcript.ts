/**
 * transcript.jsonl: one JSON object a line, appended as the run goes (so a crash or an
 * interrupt still leaves every exchange up to that point on disk). Every line passes the
 * secret scrubber before it is written.
 */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactHeaders } from './redact.js';

export type TranscriptEntry =
  | { kind: 'start'; target: string; model: string; root: string; version: string }
  | { kind: 'request'; seq: number; method: string; url: string; headers: Record<string, string>; body: unknown }
  | { kind: 'response'; seq: number; status: number; headers: Record<string, string>; body?: unknown; stream?: boolean }
  | { kind: 'message'; seq: number; message: unknown }
  | { kind: 'fetch-error'; seq: number; error: string }
  | { kind: 'end'; stop: unknown; turns: number; tokens: number };

export class Transcript {
  private seq = 0;

  constructor(
    readonly path: string,
    private readonly scrub: (text: string) => string,
  ) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, '');
  }

  /** The sequence number of the last request recorded. */
  get lastSeq(): number {
    return this.seq;
  }

  write(entry: TranscriptEntry): void {
    const line = this.scrub(JSON.stringify({ at: new Date().toISOString(), ...entry }));
    appendFileSync(this.path, `${line}\n`);
  }

  /**
   * A `fetch` that records each request and its response here. JSON bodies are recorded
   * parsed; a streamed (SSE) body is left to the caller, which records the assembled message.
   * `onStatus` sees every HTTP status, retried ones included (the SDK retries below us).
   */
  recordingFetch(inner: typeof fetch = fetch, onStatus: (status: number) => void = () => {}): typeof fetch {
    return async (input, init) => {
      const seq = ++this.seq;
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const bodyText = typeof init?.body === 'string' ? init.body : undefined;
      this.write({
        kind: 'request',
        seq,
        method: init?.method ?? 'GET',
        url,
        headers: redactHeaders(new Headers(init?.headers).entries()),
        body: bodyText === undefined ? undefined : parseJson(bodyText),
      });
      let response: Response;
      try {
        response = await inner(input, init);
      } catch (err) {
        this.write({ kind: 'fetch-error', seq, error: err instanceof Error ? err.message : String(err) });
        throw err;
      }
      onStatus(response.status);
      const headers = redactHeaders(response.headers.entries());
      const type = response.headers.get('content-type') ?? '';
      if (type.includes('text/event-stream')) {
        this.write({ kind: 'response', seq, status: response.status, headers, stream: true });
      } else {
        const text = await response
          .clone()
          .text()
          .catch(() => '');
        this.write({ kind: 'response', seq, status: response.status, headers, body: parseJson(text) });
      }
      return response;
    };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
