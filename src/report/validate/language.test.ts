import { describe, expect, it } from 'vitest';
import { fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const of = (md: string, lang?: 'fr' | 'en') =>
  validateReport(md, lang ? { language: lang } : {}).violations.filter((v) => v.rule.startsWith('language-'));

describe('language', () => {
  it('detects each clean report', () => {
    expect(validateReport(fr).language).toBe('fr');
    expect(validateReport(en).language).toBe('en');
    expect(of(fr, 'fr')).toEqual([]);
    expect(of(en, 'en')).toEqual([]);
  });

  it('flags a report in another language than expected', () => {
    expect(of(fr, 'en')).toMatchObject([{ rule: 'language-mismatch' }]);
    expect(of(en, 'fr')).toMatchObject([{ rule: 'language-mismatch' }]);
  });

  it('flags an English paragraph in a French report', () => {
    const para = 'The connection pool is exhausted during the evening peak, so requests wait for a free connection.';
    const md = `${fr}\n${para}\n`;
    expect(of(md, 'fr')).toMatchObject([{ rule: 'language-mixed', line: lineOf(md, para) }]);
  });

  it('flags a French paragraph in an English report', () => {
    const para = "Le pool de connexions est saturé pendant le pic du soir, donc les requêtes attendent une connexion libre.";
    const md = `${en}\n${para}\n`;
    expect(of(md)).toMatchObject([{ rule: 'language-mixed', line: lineOf(md, para) }]);
  });

  it('does not flag French prose full of English jargon, nor code', () => {
    const jargon = [
      '- **Connection pooling** : pool exhaustion, idle connections, connection churn sur le cache Redis',
      '- Le throughput plafonne à 350 req/s : le hot path `renderProduct` fait du JSON.stringify sur 480 KB.',
      '- Cache hit rate de 60% et GC pressure élevée pendant le soak test.',
      '',
      '> ERROR: the connection pool is exhausted and every request waits for a free connection.',
      '',
      '```python',
      '# The connection pool is exhausted during the evening peak, so requests wait.',
      '```',
    ].join('\n');
    expect(of(`${fr}\n${jargon}\n`, 'fr')).toEqual([]);
  });
});
