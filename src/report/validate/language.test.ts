import { describe, expect, it } from 'vitest';
import { fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const of = async (md: string, lang?: 'fr' | 'en') =>
  (await validateReport(md, lang ? { language: lang } : {})).violations.filter((v) => v.rule.startsWith('language-'));

describe('language', () => {
  it('detects each clean report', async () => {
    expect((await validateReport(fr)).language).toBe('fr');
    expect((await validateReport(en)).language).toBe('en');
    expect(await of(fr, 'fr')).toEqual([]);
    expect(await of(en, 'en')).toEqual([]);
  });

  it('flags a report in another language than expected', async () => {
    expect(await of(fr, 'en')).toMatchObject([{ rule: 'language-mismatch' }]);
    expect(await of(en, 'fr')).toMatchObject([{ rule: 'language-mismatch' }]);
  });

  it('flags an English paragraph in a French report', async () => {
    const para = 'The connection pool is exhausted during the evening peak, so requests wait for a free connection.';
    const md = `${fr}\n${para}\n`;
    expect(await of(md, 'fr')).toMatchObject([{ rule: 'language-mixed', line: lineOf(md, para) }]);
  });

  it('flags a French paragraph in an English report', async () => {
    const para = 'Le pool de connexions est saturé pendant le pic du soir, donc les requêtes attendent une connexion libre.';
    const md = `${en}\n${para}\n`;
    expect(await of(md)).toMatchObject([{ rule: 'language-mixed', line: lineOf(md, para) }]);
  });

  it('does not flag French prose full of English jargon, nor code', async () => {
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
    expect(await of(`${fr}\n${jargon}\n`, 'fr')).toEqual([]);
  });
});

describe('a report made only of tables', () => {
  // Headings and tables only, no prose: the language is in the headers and labels.
  const english = [
    '# Performance report: checkout service',
    '',
    '## Findings by layer',
    '',
    '| Layer | Finding | Evidence | Severity |',
    '|---|---|---|---|',
    '| Database | Missing index on the orders table causes full scans | Slow query log | High |',
    '| Application | Serialisation of the whole cart on every request | CPU profile | Medium |',
    '| Network | No keep-alive between the gateway and the service | Connection count | Low |',
    '| Cache | Product pages are never cached and always rebuilt | Hit rate | High |',
    '',
    '## Next steps',
    '',
    '| Step | Owner | When |',
    '|---|---|---|',
    '| Add the missing index and check the query plan again | Database team | This week |',
    '| Enable keep-alive on the gateway | Platform team | Next sprint |',
  ].join('\n');
  const french = [
    '# Rapport de performance : service de paiement',
    '',
    '## Constats par couche',
    '',
    '| Couche | Constat | Preuve | Sévérité |',
    '|---|---|---|---|',
    '| Base de données | Il manque un index sur la table des commandes, donc des parcours complets | Journal des requêtes lentes | Haute |',
    '| Application | Le panier entier est sérialisé à chaque requête | Profil CPU | Moyenne |',
    '| Réseau | Pas de keep-alive entre la passerelle et le service | Nombre de connexions | Basse |',
    '| Cache | Les pages produit ne sont jamais mises en cache et toujours reconstruites | Taux de succès | Haute |',
    '',
    '## Prochaines étapes',
    '',
    '| Étape | Responsable | Quand |',
    '|---|---|---|',
    "| Ajouter l'index manquant et vérifier de nouveau le plan de la requête | Équipe base de données | Cette semaine |",
    '| Activer le keep-alive sur la passerelle | Équipe plateforme | Prochain sprint |',
  ].join('\n');

  it('fails an English one with --lang fr', async () => {
    expect((await validateReport(english)).language).toBe('en');
    const v = await of(english, 'fr');
    expect(v).toMatchObject([{ rule: 'language-mismatch', severity: 'error', line: lineOf(english, '| Layer |') }]);
    expect(v[0]?.message).toMatch(/headings and tables are written in English but French was expected/);
  });

  it('passes a French one with --lang fr, and fails it with --lang en', async () => {
    expect((await validateReport(french)).language).toBe('fr');
    expect(await of(french, 'fr')).toEqual([]);
    expect(await of(french, 'en')).toMatchObject([{ rule: 'language-mismatch' }]);
  });

  it('does not judge a table too small to tell', async () => {
    const small = '# Report\n\n| Metric | Current | Target |\n|---|---|---|\n| P95 | 120 ms | 100 ms |\n';
    expect(await of(small, 'fr')).toEqual([]);
  });
});
