/**
 * The report's contract: phase headings, table ids, table names and column headers, in
 * French and English. The emit tools render with these; the validator imports them.
 */
import type { ReportLanguage } from './table.js';

export type { ReportLanguage };
/**
 * Every text Ace writes in both languages is one of these: a fixed label in a table of them,
 * or a sentence written in place with `inLanguage`.
 */
export type Localised<T = string> = Readonly<Record<ReportLanguage, T>>;

/** The text for `language`: `inLanguage(language, { fr: `${n} mois`, en: `${n} months` })`. */
export function inLanguage<T>(language: ReportLanguage, text: Localised<T>): T {
  return text[language];
}

/** Between a label and its value: French typography puts a space before the colon. */
export const COLON: Localised = { fr: ' : ', en: ': ' };

export const PHASES = [1, 2, 3, 4, 5, 6, 7] as const;
export type Phase = (typeof PHASES)[number];

/** The seven phase headings (h2), exactly as assembled. */
export const PHASE_HEADINGS: Readonly<Record<Phase, Localised>> = {
  1: { fr: '## Phase 1 : Baseline & Metriques Actuelles', en: '## Phase 1: Baseline & Current Metrics' },
  2: { fr: '## Phase 2 : Profiling & Identification des Bottlenecks', en: '## Phase 2: Profiling & Bottleneck Identification' },
  3: { fr: '## Phase 3 : Load Testing Strategy', en: '## Phase 3: Load Testing Strategy' },
  4: { fr: "## Phase 4 : Plan d'Optimisation", en: '## Phase 4: Optimisation Plan' },
  5: { fr: '## Phase 5 : Implementation Recommandations', en: '## Phase 5: Implementation Recommendations' },
  6: { fr: '## Phase 6 : Capacity Planning', en: '## Phase 6: Capacity Planning' },
  7: { fr: '## Phase 7 : Monitoring & Alerting', en: '## Phase 7: Monitoring & Alerting' },
};

export const TABLE_IDS = [
  'current_metrics',
  'slos',
  'findings',
  'bottleneck_map',
  'test_scenarios',
  'test_script',
  'optimisation_plan',
  'before_after',
  'load_projections',
  'scaling_triggers',
  'cost_tradeoffs',
  'dashboard',
  'alerting_rules',
  'slo_dashboard',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

export interface TableSpec {
  id: TableId;
  /** Row number in TABLES.md. */
  number: number;
  phase: Phase;
  /** The h3 heading text (without `### `). */
  name: Localised;
  /**
   * Column headers of the Markdown table, in order. Empty for the blocks that are not a
   * Markdown table (bottleneck map: ASCII chain; test script: fenced code; before/after:
   * one fenced block per optimisation).
   */
  columns: Localised<readonly string[]>;
  /**
   * Whether a report covering the table's phase must have it: the validator counts its absence
   * as an error (false: a warning only, e.g. findings when nothing was found).
   */
  required: boolean;
}

/** Tables a phase can do without: their absence is a warning, not an error. */
const OPTIONAL_TABLES: ReadonlySet<TableId> = new Set<TableId>(['findings', 'cost_tradeoffs', 'slo_dashboard']);

function spec(id: TableId, number: number, phase: Phase, name: Localised, columns: Localised<readonly string[]> = { fr: [], en: [] }): TableSpec {
  return { id, number, phase, name, columns, required: !OPTIONAL_TABLES.has(id) };
}

/** Every table of the report, in report order (phase order, then TABLES.md order). */
export const TABLES: readonly TableSpec[] = [
  spec(
    'current_metrics',
    1,
    1,
    { fr: 'Metriques actuelles', en: 'Current metrics' },
    {
      fr: ['Metrique', 'Valeur Actuelle', 'Cible', 'Ecart', 'Criticite'],
      en: ['Metric', 'Current', 'Target', 'Gap', 'Criticality'],
    },
  ),
  spec(
    'slos',
    2,
    1,
    { fr: 'SLO/SLI recommandes', en: 'Recommended SLOs' },
    {
      fr: ['Service', 'SLI', 'SLO', 'Error Budget'],
      en: ['Service', 'SLI', 'SLO', 'Error Budget'],
    },
  ),
  spec(
    'findings',
    3,
    2,
    { fr: 'Constats par couche', en: 'Findings by layer' },
    {
      fr: ['Couche', 'Constat', 'Preuve', 'Cout'],
      en: ['Layer', 'Finding', 'Evidence', 'Cost'],
    },
  ),
  spec('bottleneck_map', 4, 2, { fr: 'Bottleneck map', en: 'Bottleneck map' }),
  spec(
    'test_scenarios',
    5,
    3,
    { fr: 'Scenarios de test', en: 'Test scenarios' },
    {
      fr: ['Scenario', 'Pattern', 'Users', 'Duration', 'Objectif'],
      en: ['Scenario', 'Pattern', 'Users', 'Duration', 'Objective'],
    },
  ),
  spec('test_script', 6, 3, { fr: 'Script de test', en: 'Test script' }),
  spec(
    'optimisation_plan',
    7,
    4,
    { fr: "Plan d'optimisation", en: 'Optimisation plan' },
    {
      fr: ['#', 'Optimisation', 'Couche', 'Effort', 'Impact Latence', 'Impact Throughput', 'Priorite'],
      en: ['#', 'Optimisation', 'Layer', 'Effort', 'Latency Impact', 'Throughput Impact', 'Priority'],
    },
  ),
  spec('before_after', 8, 5, { fr: 'Optimisation AVANT/APRES', en: 'Optimisation BEFORE/AFTER' }),
  spec(
    'load_projections',
    9,
    6,
    { fr: 'Projections de charge', en: 'Load projections' },
    {
      fr: ['Horizon', 'Users', 'Req/s', 'DB Size', 'Infra Needed', 'Cout Mensuel'],
      en: ['Horizon', 'Users', 'Req/s', 'DB Size', 'Infra Needed', 'Monthly cost'],
    },
  ),
  spec(
    'scaling_triggers',
    10,
    6,
    { fr: 'Scaling triggers', en: 'Scaling triggers' },
    {
      fr: ['Metrique', 'Seuil Scale-Up', 'Seuil Scale-Down', 'Cooldown'],
      en: ['Metric', 'Scale-Up Threshold', 'Scale-Down Threshold', 'Cooldown'],
    },
  ),
  spec(
    'cost_tradeoffs',
    11,
    6,
    { fr: 'Cost vs performance trade-offs', en: 'Cost vs performance trade-offs' },
    {
      fr: ['Option', 'Delta Cout Mensuel', 'Effet Performance'],
      en: ['Option', 'Monthly Cost Delta', 'Performance Effect'],
    },
  ),
  spec(
    'dashboard',
    12,
    7,
    { fr: 'Dashboard recommande', en: 'Recommended dashboard' },
    {
      fr: ['Panel', 'Metriques', 'Outil'],
      en: ['Panel', 'Metrics', 'Tool'],
    },
  ),
  spec(
    'alerting_rules',
    13,
    7,
    { fr: 'Alerting rules', en: 'Alerting rules' },
    {
      fr: ['Alerte', 'Condition', 'Severite', 'Action'],
      en: ['Alert', 'Condition', 'Severity', 'Action'],
    },
  ),
  spec(
    'slo_dashboard',
    14,
    7,
    { fr: 'SLO dashboard', en: 'SLO dashboard' },
    {
      fr: ['Service', 'SLO', "Taux d'erreur observe", 'Fenetre', 'Budget restant', 'Burn rate', 'Epuisement du budget'],
      en: ['Service', 'SLO', 'Observed error rate', 'Window', 'Budget remaining', 'Burn rate', 'Time to exhaustion'],
    },
  ),
];

export function tableSpec(id: TableId): TableSpec {
  const found = TABLES.find((t) => t.id === id);
  if (!found) throw new Error(`unknown table id: ${id}`);
  return found;
}

/** `### <name>`: the h3 heading a table sits under. */
export function tableHeading(id: TableId, language: ReportLanguage): string {
  return `### ${tableSpec(id).name[language]}`;
}

/** The sub-heading (h4) of one before/after block: `#### Optimisation : <name>`. */
export const BEFORE_AFTER_HEADING: Localised = { fr: '#### Optimisation : ', en: '#### Optimisation: ' };

/** Shown under a table heading when that table was never emitted. */
export const NOT_EMITTED: Localised = {
  fr: "> **Non emis** : ce tableau n'a pas ete produit (appeler `emit_{id}`).",
  en: '> **Not emitted**: this table was not produced (call `emit_{id}`).',
};

/** The line that opens the list of sources under a table. */
export const SOURCES_LABEL: Localised = { fr: 'Sources :', en: 'Sources:' };
