import { expect, it } from 'vitest';
import { detectLanguage, sessionLanguage } from './language.js';

it.each([
  ["optimiser l'API des commandes", 'fr'],
  ['pourquoi /api/orders est lent', 'fr'],
  ['le temps de réponse de src/api', 'fr'],
  ['why is the checkout slow', 'en'],
  ['optimize src/api', 'en'],
  ['src/api', undefined],
  ['', undefined],
])('detects %j as %s', (text, expected) => {
  expect(detectLanguage(text)).toBe(expected);
});

it('prefers the language set on the session, then the target, then English', () => {
  expect(sessionLanguage({ language: 'fr', target: 'why is it slow' })).toBe('fr');
  expect(sessionLanguage({ target: 'pourquoi est-ce lent' })).toBe('fr');
  expect(sessionLanguage({})).toBe('en');
});
