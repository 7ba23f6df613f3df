/**
 * The headless runner: the Anthropic SDK's tool runner drives the persona over the Ace
 * tools, reached through an MCP client on the in-memory transport (so every tool is the one
 * `ace mcp` serves, defined once in the registry). The run stops when the model ends its
 * turn, when the budget runs out, on SIGINT (the caller's abort signal) or on an API error;
 * in every case what was emitted so far is assembled, validated and written.
 */
import Anthropic, { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { mcpMessages, mcpTools, type MCPClientLike } from '@anthropic-ai/sdk/helpers/beta/mcp';
import type { BetaMessage, BetaUsage } from '@anthropic-ai/sdk/resources/beta/messages/messages';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ToolResultRecord } from '../report/html/from-tools.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';
import { ACE_VERSION } from '../version.js';
import { connectInMemory } from '../server/in-memory.js';
import { EXIT, exitCodeFor, type StopReason } from './exit-codes.js';
import type { Credential, RunOptions } from './options.js';
import { Progress, type ProgressStream } from './progress.js';
import { secretScrubber } from './redact.js';
import { finaliseReport, type ReportFiles } from './report-files.js';
import { headlessSystemPrompt, personaMessages } from './persona.js';
import { Transcript } from './transcript.js';

/** The tools whose results report.html draws (src/report/html/from-tools.ts). */
const CHART_TOOLS = new Set(['loadtest_summary', 'loadtest_series', 'compare_runs', 'capacity_fit', 'slo_math', 'profile_top']);

/** Output tokens a single model turn may use. */
export const TURN_MAX_TOKENS = 32_000;
/** Retries of one request on 408/409/429/5xx/529 and connection errors, with the SDK's back-off. */
export const MAX_RETRIES = 4;

export interface RunIo {
  stderr: ProgressStream;
  env: NodeJS.ProcessEnv;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
}

export interface RunResult {
  exitCode: number;
  stop: StopReason | { kind: 'bad-root' | 'bad-out'; message: string };
  turns: number;
  tokens: number;
  files?: ReportFiles;
  valid?: boolean;
}

/** All tokens a turn used: uncached, cache-written and cache-read input, and output. */
export function turnTokens(usage: BetaUsage): number {
  return usage.input_tokens + usage.output_tokens + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0);
}

/** An error event inside a streamed answer (no HTTP status): the server broke off, the turn can be sent again. */
function isBrokenStream(err: unknown): err is APIError {
  return (
    err instanceof APIError &&
    !(err instanceof APIConnectionError) &&
    err.status === undefined &&
    ['overloaded_error', 'api_error', 'rate_limit_error', 'timeout_error'].includes(err.type ?? '')
  );
}

/** One line for an API failure: the status, the API's own message, and what to check. */
function describeApiError(err: APIError, baseURL: string): { message: string; status?: number } {
  if (err instanceof APIConnectionError) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return { message: `cannot reach the API at ${baseURL} (${err.message.replace(/\.$/, '')}${cause}) after ${MAX_RETRIES} retries` };
  }
  const status = err.status;
  const body = err.error as { error?: { message?: string } } | undefined;
  const detail = body?.error?.message ?? err.message;
  if (status === undefined) return { message: detail };
  const hint =
    status === 401
      ? ' (check ANTHROPIC_API_KEY: the API rejected it)'
      : status === 403
        ? ' (the key may not have access to this model)'
        : status === 404
          ? ' (check --model and ANTHROPIC_BASE_URL)'
          : status === 429 || status >= 500
            ? ` (still failing after ${MAX_RETRIES} retries)`
            : '';
  return { message: `API error ${status}: ${detail}${hint}`, status };
}

export async function runHeadless(options: RunOptions, auth: Credential, io: RunIo): Promise<RunResult> {
  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open(options.root);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`ace run: --root ${options.root}: ${message}\n`);
    return { exitCode: EXIT.usage, stop: { kind: 'bad-root', message }, turns: 0, tokens: 0 };
  }
  sandbox.warmSearch();

  const scrub = secretScrubber(['apiKey' in auth ? auth.apiKey : auth.authToken, io.env.ANTHROPIC_API_KEY, io.env.ANTHROPIC_AUTH_TOKEN]);
  let transcript: Transcript;
  try {
    transcript = new Transcript(join(options.out, 'transcript.jsonl'), scrub);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.stderr.write(`ace run: --out ${options.out}: cannot write there (${message})\n`);
    return { exitCode: EXIT.usage, stop: { kind: 'bad-out', message }, turns: 0, tokens: 0 };
  }
  const progress = new Progress(io.stderr, io.env);
  transcript.write({ kind: 'start', target: options.target, model: options.model, root: sandbox.root, version: ACE_VERSION });

  const session = new Session();
  const ace = await connectInMemory(sandbox, session, (line) => progress.note(line, 'warn'));
  let turns = 0;
  let tokens = 0;
  let stop: StopReason = { kind: 'finished' };
  /** The model's last successful assemble_report arguments (its title), reused for report.md. */
  let assembleArgs: Record<string, unknown> = {};
  /** Results report.html draws charts from. */
  const chartResults: ToolResultRecord[] = [];
  let baseURL = 'the Anthropic API';
  try {
    const anthropic = new Anthropic({
      ...auth,
      maxRetries: MAX_RETRIES,
      fetch: transcript.recordingFetch(fetch, (status) => {
        if (status === 429 || status === 529 || status >= 500) {
          progress.note(`API answered ${status} (the SDK retries up to ${MAX_RETRIES} times, with back-off)`, 'warn');
        }
      }),
    });

    baseURL = anthropic.baseURL;
    // Each tool call is seen (and counted) at the one door every call goes through.
    const observed: MCPClientLike = {
      callTool: async (params) => {
        progress.toolCall(params.name, params.arguments);
        const result = await ace.client.callTool(params).catch((err: unknown) => {
          // A protocol error (unknown tool, bad arguments): the SDK turns it into an is_error result.
          progress.toolFailed(params.name, err instanceof Error ? err.message : String(err));
          throw err;
        });
        if (params.name === 'assemble_report' && !result.isError) assembleArgs = params.arguments ?? {};
        if (CHART_TOOLS.has(params.name) && !result.isError && result.structuredContent)
          chartResults.push({ name: params.name, content: result.structuredContent as Record<string, unknown> });
        if (result.isError) {
          const content = result.content as Array<{ type: string; text?: string }>;
          progress.toolFailed(params.name, content.map((c) => c.text ?? '').join(' '));
        }
        return result as Awaited<ReturnType<MCPClientLike['callTool']>>;
      },
    };
    const { tools } = await ace.client.listTools();
    const persona = await personaMessages(ace.client, options.target);

    const runner = anthropic.beta.messages.toolRunner(
      {
        model: options.model,
        max_tokens: TURN_MAX_TOKENS,
        system: headlessSystemPrompt(options),
        tools: mcpTools(tools, observed),
        messages: mcpMessages(persona),
        // Caches the growing conversation: each turn re-reads the previous one from cache.
        cache_control: { type: 'ephemeral' },
        stream: true,
        // Every request carries the whole conversation: no server-side thread state, so any
        // ANTHROPIC_BASE_URL gateway works and the transcript holds each request in full.
        thread: false,
      },
      { signal: io.signal },
    );

    /** Drives the runner until the model stops or the budget runs out; the budget stop, if any. */
    const drive = async (): Promise<StopReason | undefined> => {
      for await (const stream of runner) {
        progress.turnStarted(turns + 1);
        let message: BetaMessage;
        try {
          message = await stream.finalMessage();
        } catch {
          // The runner throws this same error when it resumes, and then stays reusable (a
          // throw from this loop body would leave it consumed, so the turn could not be re-sent).
          continue;
        }
        turns += 1;
        transcript.write({ kind: 'message', seq: transcript.lastSeq, message });
        tokens += turnTokens(message.usage);
        progress.setTokens(tokens);
        if (message.stop_reason === 'max_tokens') {
          progress.note(`turn ${turns} hit the output limit (${TURN_MAX_TOKENS} tokens): its last output was cut`, 'warn');
        }
        // Only a turn the runner would follow with another request can exceed the budget.
        if (message.stop_reason !== 'tool_use' && message.stop_reason !== 'pause_turn') continue;
        const budget: StopReason | undefined =
          turns >= options.maxTurns
            ? { kind: 'budget', which: 'turns', limit: options.maxTurns }
            : tokens >= options.maxTokens
              ? { kind: 'budget', which: 'tokens', limit: options.maxTokens }
              : undefined;
        if (budget) {
          // The calls of this last turn still run, so what they emit is in the report.
          await runner.generateToolResponse();
          return budget;
        }
        if (io.signal.aborted) break;
      }
      return undefined;
    };

    // The SDK retries a request that fails with a status; an error event inside a streamed answer
    // (overloaded mid-answer) it cannot retry, so the runner sends that turn again itself.
    for (let attempt = 1; ; attempt++) {
      try {
        stop = (await drive()) ?? stop;
        break;
      } catch (err) {
        if (io.signal.aborted || !isBrokenStream(err) || attempt > MAX_RETRIES) throw err;
        progress.note(`the answer broke off (${describeApiError(err, baseURL).message}); sending turn ${turns + 1} again`, 'warn');
        await sleep(Math.min(8000, 500 * 2 ** (attempt - 1)), undefined, { signal: io.signal });
      }
    }
    if (io.signal.aborted) stop = { kind: 'interrupted' };
  } catch (err) {
    if (err instanceof APIUserAbortError || io.signal.aborted) stop = { kind: 'interrupted' };
    else if (err instanceof APIError) stop = { kind: 'api-error', ...describeApiError(err, baseURL) };
    else if (err instanceof Error) stop = { kind: 'internal-error', message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
    else stop = { kind: 'internal-error', message: String(err) };
  }

  progress.note(describeStop(stop, turns), stop.kind === 'finished' ? 'info' : stop.kind === 'api-error' || stop.kind === 'internal-error' ? 'error' : 'warn');
  progress.setActivity('writing the report');
  const report = await finaliseReport(ace.client, session, options, { stop, turns, tokens }, assembleArgs, scrub, chartResults);
  await ace.close();
  transcript.write({ kind: 'end', stop, turns, tokens });
  const exitCode = exitCodeFor(stop, report.valid);
  progress.note(
    `${report.valid ? 'report valid' : 'report not valid'} · ${report.tableCount} table(s) · ${report.files.markdown}`,
    report.valid ? 'info' : 'warn',
  );
  progress.stop();
  return { exitCode, stop, turns, tokens, files: report.files, valid: report.valid };
}

function describeStop(stop: StopReason, turns: number): string {
  switch (stop.kind) {
    case 'finished':
      return `the model finished after ${turns} turn(s)`;
    case 'budget':
      return `budget exhausted: ${stop.which} limit ${stop.limit} reached after ${turns} turn(s); writing what was emitted so far`;
    case 'interrupted':
      return 'interrupted; writing what was emitted so far';
    case 'api-error':
      return stop.message;
    case 'internal-error':
      return `internal error (a bug in Ace): ${stop.message}`;
  }
}
