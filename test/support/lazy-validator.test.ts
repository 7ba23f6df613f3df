import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { expect, it, vi } from 'vitest';
import { LazyOutputValidator } from './lazy-validator.js';

const schema = { type: 'object', properties: { n: { type: 'number' } }, required: ['n'], additionalProperties: false } as const;

it('checks a result against its schema as ajv does', () => {
  const check = new LazyOutputValidator().getValidator<{ n: number }>(schema);
  expect(check({ n: 1 })).toEqual({ valid: true, data: { n: 1 }, errorMessage: undefined });
  const bad = check({ n: 'one' });
  expect(bad.valid).toBe(false);
  expect(bad.errorMessage).toMatch(/must be number/);
  expect(check({ n: 2, extra: true }).valid).toBe(false);
});

it('compiles a schema only when a result is first checked against it', () => {
  const validators = new LazyOutputValidator();
  // ajv refuses this schema: at tools/list nothing happens, at the first call the error shows.
  const check = validators.getValidator({ type: 'no-such-type' } as never);
  expect(() => check({})).toThrow(/no-such-type|type must be/);
});

it('compiles a schema once for every client of the process', () => {
  const compile = vi.spyOn(AjvJsonSchemaValidator.prototype, 'getValidator');
  try {
    const twin = { type: 'object', title: `twin ${Math.random()}`, properties: { n: { type: 'string' } }, required: ['n'] } as const;
    const first = new LazyOutputValidator().getValidator<{ n: string }>(twin);
    const second = new LazyOutputValidator().getValidator<{ n: string }>(JSON.parse(JSON.stringify(twin)) as typeof twin);
    expect(first({ n: 'a' }).valid).toBe(true);
    expect(second({ n: 1 } as never)).toMatchObject({ valid: false, errorMessage: expect.stringMatching(/must be string/) });
    expect(compile).toHaveBeenCalledTimes(1);
  } finally {
    compile.mockRestore();
  }
});
