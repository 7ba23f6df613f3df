import { describe, expect, it } from 'vitest';
import { requiredLiteral, requiredLiterals } from './literal.js';

describe('requiredLiteral', () => {
  it.each([
    ['createServer\\(', 'createServer('],
    ['create[A-Z]\\w+\\(', 'create'],
    ['foo.*barbaz', 'barbaz'],
    ['abcd?ef', 'abc'],
    ['abc+defg', 'defg'],
    ['^import .* from', 'import '],
    ['(optional)?requiredpart', 'requiredpart'],
    ['x{2,3}yyy', 'yyy'],
    ['interface\\{\\}', 'interface{}'],
  ])('%s requires %s', (source, literal) => {
    expect(requiredLiteral(source, false)).toBe(literal);
  });

  it.each(['a|b', 'foo|barbaz', '\\x41BCD', '(ab)', 'ab', '\\d+'])('finds nothing it cannot prove in %s', (source) => {
    expect(requiredLiteral(source, false)).toBeUndefined();
  });

  it('lists every required literal, longest and rarest first', () => {
    expect(requiredLiterals('class\\s+\\w+Error\\b', false)).toEqual(['Error', 'class']);
    expect(requiredLiterals('foo.*barbaz', false)).toEqual(['barbaz', 'foo']);
  });

  it('gives nothing for a case-insensitive search', () => {
    expect(requiredLiteral('createServer', true)).toBeUndefined();
  });
});
