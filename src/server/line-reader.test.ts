import { expect, it } from 'vitest';
import { idFromEdges, INVALID_REQUEST, oversizedReply, PARSE_ERROR, parseLine } from './json-rpc-lines.js';
import { LineReader, type OversizedLine } from './line-reader.js';

function reader(max: number) {
  const lines: string[] = [];
  const oversized: OversizedLine[] = [];
  const r = new LineReader(max, { line: (l) => lines.push(l), oversized: (o) => oversized.push(o) });
  return { r, lines, oversized };
}

it('splits lines across chunks, strips a CR and keeps a line in progress', () => {
  const { r, lines } = reader(100);
  r.push(Buffer.from('{"a":1}\r\n{"b"'));
  r.push(Buffer.from(':2}\n\n{"c":3}'));
  expect(lines).toEqual(['{"a":1}', '{"b":2}', '']);
  r.push(Buffer.from('\n'));
  expect(lines.at(-1)).toBe('{"c":3}');
});

it('keeps a line of exactly the limit and drops a longer one, keeping only its ends, then goes on', () => {
  const { r, lines, oversized } = reader(10);
  r.push(Buffer.from('0123456789\n'));
  expect(lines).toEqual(['0123456789']);
  const big = `{"id":7,${'x'.repeat(5000)}`;
  for (let i = 0; i < big.length; i += 3) r.push(Buffer.from(big.slice(i, i + 3)));
  r.push(Buffer.from('END\nok\n'));
  expect(oversized).toHaveLength(1);
  expect(oversized[0]!.bytes).toBe(big.length + 3);
  expect(oversized[0]!.head.toString()).toBe(big.slice(0, 512));
  expect(oversized[0]!.tail.toString()).toBe(`${big}END`.slice(-512));
  expect(lines).toEqual(['0123456789', 'ok']);
});

it('answers text that is not JSON with -32700 and JSON that is not a message with -32600, with the id when there is one', () => {
  expect(parseLine('   ')).toBeNull();
  expect(parseLine('{"jsonrpc":"2.0","id":1,"method":"ping"}')).toEqual({ message: { jsonrpc: '2.0', id: 1, method: 'ping' } });
  const notJson = parseLine('{"jsonrpc":"2.0", oops');
  expect(notJson).toMatchObject({ reply: { jsonrpc: '2.0', id: null, error: { code: PARSE_ERROR } } });
  expect(parseLine('{"jsonrpc":"2.0","id":"a","method":5}')).toMatchObject({ reply: { id: 'a', error: { code: INVALID_REQUEST } } });
  expect(parseLine('[1,2]')).toMatchObject({ reply: { id: null, error: { code: INVALID_REQUEST } } });
});

it('reads the id of an oversized message from its start or, as the SDK writes it, its end', () => {
  const edges = (head: string, tail: string) => idFromEdges(Buffer.from(head), Buffer.from(tail));
  expect(edges('{"jsonrpc":"2.0","id":12,"method":"tools/call"', 'x"}}')).toBe(12);
  expect(edges('{"method":"tools/call","params":{"a":"', 'aaa"}},"jsonrpc":"2.0","id":"r-9"}\n'.trim())).toBe('r-9');
  // An id nested in the params is not the message's.
  expect(edges('{"method":"x","params":{"id":3', 'aaa","id":4}}')).toBeNull();
  const reply = oversizedReply({ bytes: 12 * 1024 * 1024, head: Buffer.from('{"id":5,'), tail: Buffer.from('}') }, 10 * 1024 * 1024);
  expect(reply).toEqual({
    jsonrpc: '2.0',
    id: 5,
    error: { code: INVALID_REQUEST, message: expect.stringContaining('12.0 MB is over the 10.0 MB limit') },
  });
});
