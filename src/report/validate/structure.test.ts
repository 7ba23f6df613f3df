import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';

const en = fixture('clean.en.md');
const fr = fixture('clean.fr.md');
const rules = async (md: string, lang?: 'fr' | 'en') => (await validateReport(md, lang ? { language: lang } : {})).violations;

describe('phases', () => {
  it('flags a missing phase', async () => {
    const md = edit(en, '## Phase 6: Capacity Planning\n', '');
    const v = (await rules(md)).filter((x) => x.rule === 'missing-phase');
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toContain('phase 6');
  });

  it('accepts heading variants: no accents, colon spacing, depth, dash', async () => {
    let md = edit(fr, '## Phase 1 : Baseline & Métriques Actuelles', '### Phase 1 - Baseline & Metriques actuelles');
    md = edit(md, "## Phase 4 : Plan d'Optimisation", '## PHASE 4: Plan d’optimisation');
    expect((await rules(md)).filter((x) => x.rule === 'missing-phase' || x.rule === 'phase-order')).toEqual([]);
  });

  it('flags phases out of order', async () => {
    const md = edit(en, '## Phase 6: Capacity Planning', '## Phase 2: Capacity Planning');
    const v = (await rules(md)).find((x) => x.rule === 'phase-order');
    expect(v?.line).toBe(lineOf(md, '## Phase 2: Capacity Planning'));
  });
});

describe('tables', () => {
  it('flags a missing table at its phase heading', async () => {
    const md = edit(en, /### Alerting rules\n\n(\|.*\n)+/, '');
    const v = (await rules(md)).filter((x) => x.rule === 'missing-table');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ severity: 'error', line: lineOf(md, '## Phase 7') });
    expect(v[0]?.message).toContain('Alerting rules');
  });

  it('flags a table heading left without its table', async () => {
    const md = edit(fr, /### Scaling triggers\n\n(\|.*\n)+/, "### Scaling triggers\n\n> **Non emis** : ce tableau n'a pas ete produit.\n");
    expect(
      (await rules(md))
        .filter((x) => x.rule === 'missing-table')
        .map((x) => x.message)
        .join(),
    ).toContain('Scaling triggers');
  });

  it('flags a table that lacks a required column', async () => {
    const md = edit(en, '| Metric | Current | Target | Gap | Criticality |', '| Metric | Current | Goalpost | Gap | Criticality |');
    const v = (await rules(md)).filter((x) => x.rule === 'table-missing-columns');
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ line: lineOf(md, '| Metric | Current | Goalpost'), severity: 'error' });
    expect(v[0]?.message).toContain('Target');
  });

  it('reads columns in any order, bold, and with or without accents', async () => {
    const md = edit(
      fr,
      /\| Service \| SLI \| SLO \| Error Budget \|\n\|.*\n(\|.*\n)+/,
      "| **SLO** | Budget d'erreur | Service | SLI |\n|---|---|---|---|\n| 99.9% | 0.1% par mois | API catalogue | Disponibilité |\n",
    );
    expect(await rules(md)).toEqual([]);
  });
});
