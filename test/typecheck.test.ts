import { expect, inject, it } from 'vitest';

it('the sources and tests type-check under strict TypeScript', () => {
  expect(inject('typeErrors')).toBe('');
});
