import { expect, it } from 'vitest';
import { Session } from './session.js';

it('stores tables by id and replaces a re-emitted table', () => {
  const session = new Session();
  session.store({ id: 'slos', data: 1, render: () => 'first' });
  session.store({ id: 'slos', data: 2, render: () => 'second' });
  expect(session.tables.size).toBe(1);
  expect(session.table('slos')?.data).toBe(2);
  expect(session.table('findings')).toBeUndefined();
  expect(session.language).toBeUndefined();
});
