/**
 * The scripted API speaks the real wire format: checked with the official Anthropic SDK as
 * the client, in JSON and in SSE streaming, for answers and for errors.
 */
import Anthropic, { APIError } from '@anthropic-ai/sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { type ScriptedApi, reply, startScriptedApi } from './index.js';

let api: ScriptedApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function client(url: string): Anthropic {
  return new Anthropic({ baseURL: url, apiKey: 'sk-ant-test-placeholder', maxRetries: 0 });
}

const user = (text: string) => [{ role: 'user' as const, content: text }];

describe('scripted Messages API', () => {
  it('answers a JSON request with the step chosen for it, and records the request', async () => {
    api = await startScriptedApi({
      steps: [(req) => reply.text(`you said: ${req.lastUserText()}`)],
    });
    const message = await client(api.url).messages.create({
      model: 'claude-opus-4-1',
      max_tokens: 100,
      system: 'be brief',
      messages: user('hello'),
    });
    expect(message.type).toBe('message');
    expect(message.role).toBe('assistant');
    expect(message.model).toBe('claude-opus-4-1');
    expect(message.id).toMatch(/^msg_/);
    expect(message.stop_reason).toBe('end_turn');
    expect(message.content).toEqual([{ type: 'text', text: 'you said: hello' }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
    const [req] = api.scripted();
    expect(req?.system()).toBe('be brief');
    const credential = req?.headers['x-api-key'] ?? req?.headers.authorization;
    expect(credential).toContain('sk-ant-test-placeholder');
    expect(req?.headers['anthropic-version']).toBeDefined();
    expect(api.remaining()).toBe(0);
  });

  it('streams text and tool_use blocks as SSE events the SDK assembles into the same message', async () => {
    const input = { pattern: 'SELECT \\* FROM "orders"', path: 'src', glob: '**/*.js', head_limit: 20 };
    api = await startScriptedApi({
      chunkSize: 5,
      steps: [
        () =>
          reply.toolUse(
            [
              { name: 'grep', input },
              { name: 'read', input: { path: 'a.js' } },
            ],
            { text: 'Looking for queries.' },
          ),
      ],
    });
    const stream = client(api.url).messages.stream({
      model: 'claude-opus-4-1',
      max_tokens: 100,
      messages: user('go'),
      tools: [{ name: 'grep', input_schema: { type: 'object' } }],
    });
    const seen: string[] = [];
    stream.on('streamEvent', (event) => seen.push(event.type));
    const message = await stream.finalMessage();
    expect(message.stop_reason).toBe('tool_use');
    expect(message.content[0]).toMatchObject({ type: 'text', text: 'Looking for queries.' });
    expect(message.content[1]).toMatchObject({ type: 'tool_use', name: 'grep', input });
    expect(message.content[2]).toMatchObject({ type: 'tool_use', name: 'read', input: { path: 'a.js' } });
    expect(message.usage.output_tokens).toBeGreaterThan(1);
    expect(seen[0]).toBe('message_start');
    expect(seen.filter((t) => t === 'content_block_start')).toHaveLength(3);
    expect(seen.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(api.scripted()[0]?.stream).toBe(true);
    expect(api.scripted()[0]?.toolNames()).toEqual(['grep']);
  });

  it('writes each event as `event:` and `data:` lines, with a ping after message_start', async () => {
    api = await startScriptedApi({ steps: [() => reply.text('hi')] });
    const res = await fetch(`${api.url}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'm', max_tokens: 5, stream: true, messages: user('x') }),
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const frames = (await res.text()).split('\n\n').filter(Boolean);
    const names = frames
      .map((f) => /^event: (\w+)\ndata: (\{.*\})$/.exec(f))
      .map((m) => {
        expect(JSON.parse(m![2]!).type).toBe(m![1]);
        return m![1];
      });
    expect(names).toEqual(['message_start', 'ping', 'content_block_start', 'content_block_delta', 'content_block_stop', 'message_delta', 'message_stop']);
  });

  it('shows a step the tool results the client sent back', async () => {
    api = await startScriptedApi({
      steps: [
        (req) => {
          const [result] = req.toolResults();
          return reply.text(`${result?.is_error ? 'error' : 'ok'}: ${result?.text}`);
        },
      ],
    });
    const message = await client(api.url).messages.create({
      model: 'm',
      max_tokens: 10,
      messages: [
        { role: 'user', content: 'go' },
        { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'read', input: {} }] },
        {
          role: 'user',
          content: [{ type: 'tool_result', tool_use_id: 'toolu_1', is_error: true, content: [{ type: 'text', text: 'escapes the root' }] }],
        },
      ],
    });
    expect(message.content).toEqual([{ type: 'text', text: 'error: escapes the root' }]);
  });

  it('answers errors with the status, the API error body and retry headers', async () => {
    api = await startScriptedApi({
      steps: [() => reply.error(401), () => reply.error(429, { retryAfter: 7 }), () => reply.error(529), () => reply.error(500, { message: 'boom' })],
    });
    const c = client(api.url);
    const call = () =>
      c.messages.create({ model: 'm', max_tokens: 10, messages: user('x') }).then(
        () => {
          throw new Error('expected an error');
        },
        (err: unknown) => err,
      );
    const auth = await call();
    expect(auth).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((auth as APIError).error).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });
    expect((auth as APIError).requestID).toMatch(/^req_/);
    const limited = (await call()) as APIError;
    expect(limited).toBeInstanceOf(Anthropic.RateLimitError);
    expect(limited.headers?.get('retry-after')).toBe('7');
    const overloaded = (await call()) as APIError;
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({ error: { type: 'overloaded_error', message: 'Overloaded' } });
    const internal = (await call()) as APIError;
    expect(internal).toBeInstanceOf(Anthropic.InternalServerError);
    expect(internal.error).toMatchObject({ error: { type: 'api_error', message: 'boom' } });
  });

  it('can fail a stream after it began, with an error event', async () => {
    api = await startScriptedApi({ steps: [() => reply.error(529, { midStream: true })] });
    const stream = client(api.url).messages.stream({ model: 'm', max_tokens: 10, messages: user('x') });
    await expect(stream.finalMessage()).rejects.toThrow(/overloaded_error|Overloaded/);
  });

  it('counts tokens, lists models, answers the start-up check, and unknown paths with a logged 404', async () => {
    const lines: string[] = [];
    api = await startScriptedApi({ steps: [], log: (l) => lines.push(l) });
    const c = client(api.url);
    const count = await c.messages.countTokens({ model: 'm', messages: user('count these tokens please') });
    expect(count.input_tokens).toBeGreaterThan(0);
    const models = await c.models.list();
    expect(models.data.length).toBeGreaterThan(0);
    expect((await fetch(`${api.url}/api/hello`, { method: 'HEAD' })).status).toBe(200);
    const res = await fetch(`${api.url}/v1/files`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });
    expect(api.unknown().map((r) => r.path)).toEqual(['/v1/files']);
    expect(lines.join('\n')).toContain('GET /v1/files');
  });

  it('lets side requests pass by a step whose `when` rejects them, to the fallback', async () => {
    api = await startScriptedApi({
      steps: [{ when: (req) => req.toolNames().includes('grep'), reply: () => reply.text('scripted') }],
      fallback: () => reply.text('side'),
    });
    const c = client(api.url);
    const side = await c.messages.create({ model: 'm', max_tokens: 10, messages: user('title?') });
    expect(side.content).toEqual([{ type: 'text', text: 'side' }]);
    const main = await c.messages.create({
      model: 'm',
      max_tokens: 10,
      messages: user('go'),
      tools: [{ name: 'grep', input_schema: { type: 'object' } }],
    });
    expect(main.content).toEqual([{ type: 'text', text: 'scripted' }]);
    expect(api.messages().map((r) => r.fallback === true)).toEqual([true, false]);
  });

  it('turns a step that throws into a non-retryable 500 and keeps the error for the test', async () => {
    api = await startScriptedApi({
      steps: [
        () => {
          throw new Error('assertion inside the step');
        },
      ],
    });
    await expect(client(api.url).messages.create({ model: 'm', max_tokens: 10, messages: user('x') })).rejects.toThrow(/scripted step failed/);
    expect(() => api!.assertNoFailures()).toThrow('assertion inside the step');
    expect(api.requests[0]?.headers['content-type']).toContain('application/json');
  });
});
