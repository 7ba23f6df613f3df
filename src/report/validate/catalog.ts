/**
 * What a report must contain, read tolerantly: the seven phases and the tables of
 * shared/design/TABLES.md, each recognised by its heading or by its columns, in French or
 * English, with or without accents, in any column order. Exact names come from
 * src/report/headings.ts (what Ace renders); the synonyms below cover hand-written reports
 * that follow the persona prompt's own wording.
 */
import { PHASE_HEADINGS, TABLES, type Phase, type TableId } from '../headings.js';
import { normalize } from './text.js';
import type { Severity } from './types.js';

/** Heading text reduced to comparable words: accents, numbering and punctuation gone. */
export function headingKey(text: string): string {
  return normalize(text)
    .replace(/^phase\s*\d+\s*[:.\-–—]?\s*/, '')
    .replace(/^\d+(?:\.\d+)*[.)]?\s+/, '')
    .replace(/[*_`]/g, '')
    .replace(/\s*[:.]\s*$/, '')
    .trim();
}

const PHASE_TITLE_SYNONYMS: Readonly<Record<Phase, readonly string[]>> = {
  1: ['baseline', 'baseline & metriques actuelles', 'baseline & current metrics', 'baseline and current metrics'],
  2: ['profiling', 'profiling & identification des bottlenecks', 'profiling & bottleneck identification'],
  3: ['load testing strategy', 'strategie de load testing', 'strategie de test de charge', 'load testing'],
  4: ["plan d'optimisation", 'optimisation plan', 'optimization plan'],
  5: ['implementation recommandations', 'implementation recommendations', "recommandations d'implementation"],
  6: ['capacity planning', 'planification de capacite'],
  7: ['monitoring & alerting', 'monitoring and alerting', 'monitoring & alerte', 'monitoring'],
};

const PHASE_TITLES = new Map<string, Phase>();
for (const [n, names] of Object.entries(PHASE_TITLE_SYNONYMS)) {
  const phase = Number(n) as Phase;
  for (const name of names) PHASE_TITLES.set(headingKey(name), phase);
  for (const h of Object.values(PHASE_HEADINGS[phase])) PHASE_TITLES.set(headingKey(h.replace(/^#+\s*/, '')), phase);
}

/** The phase a heading opens: "Phase 3 : ..." at any depth, or a known phase title at depth <= 3. */
export function phaseOfHeading(text: string, depth: number): Phase | undefined {
  const numbered = /^\W*phase\s*(\d)\b/.exec(normalize(text));
  if (numbered) {
    const n = Number(numbered[1]);
    return n >= 1 && n <= 7 ? (n as Phase) : undefined;
  }
  return depth <= 3 ? PHASE_TITLES.get(headingKey(text)) : undefined;
}

/** The heading expected for a phase, in both languages, for messages. */
export function expectedPhaseHeading(phase: Phase): string {
  const h = PHASE_HEADINGS[phase];
  return `'${h.fr.replace(/^#+\s*/, '')}' / '${h.en.replace(/^#+\s*/, '')}'`;
}

export type TableForm = 'table' | 'table-or-section' | 'block';

export interface TableKind {
  id: TableId;
  /** Display name: English / French. */
  name: string;
  phase: Phase;
  /** Normalized heading texts that name this table. */
  titles: readonly string[];
  /** One entry per required column: its normalized spellings. */
  columns: ReadonlyArray<readonly string[]>;
  /** Display names of the required columns (English / French). */
  columnLabels: readonly string[];
  /** 'table': must be a Markdown table; 'table-or-section': a table or a titled section; 'block': checked by its own rule. */
  form: TableForm;
  /** Severity of its absence: the persona prompt's own tables are errors; TABLES.md additions, warnings. */
  absent: Severity;
}

const EXTRA_TITLES: Partial<Record<TableId, readonly string[]>> = {
  current_metrics: ['metriques actuelles', 'metriques', 'current metrics', 'baseline', 'profil de performance'],
  slos: ['slo/sli recommandes', 'slo/sli', 'recommended slos', 'recommended slo/sli', 'slos', 'slo'],
  findings: ['constats', 'findings', 'constats par couche', 'findings by layer'],
  bottleneck_map: ['bottleneck map', 'carte des bottlenecks', 'carte des goulots'],
  test_scenarios: ['scenarios de test', 'test scenarios', 'scenarios'],
  test_script: ['script k6 recommande', 'recommended k6 script', 'script de test', 'test script', 'script k6'],
  optimisation_plan: ["plan d'optimisation", 'optimisation plan', 'optimization plan'],
  load_projections: ['projections de charge', 'load projections', 'projections'],
  scaling_triggers: ['scaling triggers', 'declencheurs de scaling'],
  cost_tradeoffs: ['cost vs performance trade-offs', 'trade-offs', 'compromis cout/performance'],
  dashboard: ['dashboard recommande', 'recommended dashboard', 'dashboard'],
  alerting_rules: ['alerting rules', "regles d'alerte", 'alerting', 'alertes'],
  slo_dashboard: ['slo dashboard', 'dashboard slo', 'tableau de bord slo'],
};

/** Extra spellings per column, by the column's English name in headings.ts. */
const EXTRA_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  metric: ['metrique', 'metric', 'metrics', 'metriques', 'indicateur'],
  current: ['valeur actuelle', 'current', 'current value', 'actuel', 'actuelle', 'valeur', 'value', 'mesure', 'measured'],
  target: ['cible', 'target', 'objectif', 'goal'],
  gap: ['ecart', 'gap', 'delta'],
  criticality: ['criticite', 'criticality', 'severity', 'severite', 'priority', 'priorite'],
  'error budget': ['error budget', "budget d'erreur", 'budget'],
  layer: ['couche', 'layer', 'tier'],
  finding: ['constat', 'finding', 'probleme', 'issue'],
  evidence: ['preuve', 'evidence', 'source'],
  cost: ['cout', 'cost', 'impact'],
  users: ['users', 'utilisateurs', 'vus', 'virtual users'],
  duration: ['duration', 'duree'],
  objective: ['objectif', 'objective', 'goal', 'but'],
  optimisation: ['optimisation', 'optimization'],
  effort: ['effort'],
  'latency impact': ['impact latence', 'latency impact', 'gain latence', 'impact latency'],
  'throughput impact': ['impact throughput', 'throughput impact', 'impact debit', 'gain throughput'],
  priority: ['priorite', 'priority', 'prio'],
  'req/s': ['req/s', 'rps', 'requetes/s', 'throughput', 'debit'],
  'db size': ['db size', 'taille db', 'taille bd', 'taille base', 'database size'],
  'infra needed': ['infra needed', 'infra', 'infrastructure', 'infra necessaire'],
  'monthly cost': ['monthly cost', 'cout mensuel', 'cost mensuel', 'cout/mois', 'cost/month', 'cout'],
  'scale-up threshold': ['seuil scale-up', 'scale-up threshold', 'scale-up', 'scale up', 'seuil scale up'],
  'scale-down threshold': ['seuil scale-down', 'scale-down threshold', 'scale-down', 'scale down', 'seuil scale down'],
  'monthly cost delta': ['delta cout mensuel', 'monthly cost delta', 'cout', 'cost', 'delta cout', 'cost delta'],
  'performance effect': ['effet performance', 'performance effect', 'performance', 'effet', 'effect', 'gain'],
  panel: ['panel', 'panneau'],
  metrics: ['metriques', 'metrics', 'metrique', 'metric'],
  tool: ['outil', 'tool', 'outils', 'tools'],
  alert: ['alerte', 'alert', 'alertes', 'alerts'],
  severity: ['severite', 'severity', 'criticite'],
  'observed error rate': ["taux d'erreur observe", 'observed error rate', "taux d'erreur", 'error rate'],
  window: ['fenetre', 'window', 'periode', 'period'],
  'budget remaining': ['budget restant', 'budget remaining', 'remaining budget', 'error budget remaining'],
  'burn rate': ['burn rate', 'taux de consommation'],
  'time to exhaustion': ['epuisement du budget', 'time to exhaustion', 'time to budget exhaustion', 'epuisement'],
};

const FORMS: Partial<Record<TableId, TableForm>> = {
  findings: 'table-or-section',
  bottleneck_map: 'block',
  test_script: 'block',
  before_after: 'block',
  cost_tradeoffs: 'table-or-section',
  slo_dashboard: 'table-or-section',
};

export const TABLE_KINDS: readonly TableKind[] = TABLES.map((spec) => {
  const en = spec.columns.en;
  const fr = spec.columns.fr;
  const columns = en.map((name, i) => {
    const key = normalize(name);
    return [...new Set([key, normalize(fr[i] ?? name), ...(EXTRA_COLUMNS[key] ?? [])].map(normalize))];
  });
  return {
    id: spec.id,
    name: spec.name.en === spec.name.fr ? `'${spec.name.en}'` : `'${spec.name.en}' / '${spec.name.fr}'`,
    phase: spec.phase,
    titles: [...new Set([spec.name.fr, spec.name.en, ...(EXTRA_TITLES[spec.id] ?? [])].map(headingKey))],
    columns,
    columnLabels: en.map((name, i) => (fr[i] && normalize(fr[i]) !== normalize(name) ? `${name}/${fr[i]}` : name)),
    form: FORMS[spec.id] ?? 'table',
    absent: spec.required ? 'error' : 'warning',
  };
});

const singular = (w: string) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);
const words = (s: string) =>
  s
    .split(/[\s/()&,;:+-]+/)
    .filter(Boolean)
    .map(singular);

/** A header cell as compared: normalized, emphasis removed. */
export function headerKey(header: string): string {
  return normalize(header).replace(/[*_`]/g, '');
}

/** True when a header key (see headerKey) names a column spelled `synonym` (same words, plural-insensitive). */
export function headerMatches(key: string, synonym: string): boolean {
  if (key === synonym) return true;
  if (synonym === '#') return key === '#' || key === 'n' || key === 'no' || key === 'n°' || key === 'id';
  const hw = words(key);
  const sw = words(synonym);
  return sw.length > 0 && sw.every((w) => hw.includes(w)) && hw.length <= sw.length + 2;
}

/** Index of the header key matching a required column, or -1. */
export function columnIndex(keys: readonly string[], synonyms: readonly string[]): number {
  for (const syn of synonyms) {
    const exact = keys.indexOf(syn);
    if (exact >= 0) return exact;
  }
  return keys.findIndex((k) => synonyms.some((syn) => headerMatches(k, syn)));
}

/** True when a heading names a table of this kind. */
export function headingNames(kind: TableKind, heading: string): number {
  const key = headingKey(heading).replace(/^(?:#+\s*)/, '');
  let best = 0;
  for (const title of kind.titles) {
    if (key === title) best = Math.max(best, title.length + 100);
    else if (title.length >= 8 && key.includes(title)) best = Math.max(best, title.length);
  }
  return best;
}
