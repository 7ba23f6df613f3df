/** Chart labels in the report's language (French written without accents, as the report's tables). */
import type { ReportLanguage } from '../../table.js';

const L = {
  charts: { en: 'Charts', fr: 'Graphiques' },
  tables: { en: 'Report', fr: 'Rapport' },
  latencyOverTime: { en: 'Latency over time', fr: 'Latence dans le temps' },
  loadOverTime: { en: 'Throughput, errors and active users over time', fr: 'Debit, erreurs et utilisateurs actifs dans le temps' },
  seconds: { en: 'time (s)', fr: 'temps (s)' },
  days: { en: 'd', fr: 'j' },
  ms: { en: 'latency (ms)', fr: 'latence (ms)' },
  rps: { en: 'requests/s', fr: 'requetes/s' },
  errors: { en: 'errors/s', fr: 'erreurs/s' },
  users: { en: 'active users', fr: 'utilisateurs actifs' },
  spectrum: { en: 'Latency by percentile (log scale towards P99.99)', fr: 'Latence par percentile (echelle log vers P99,99)' },
  percentile: { en: 'percentile', fr: 'percentile' },
  endpoints: { en: 'Endpoints: requests, errors, P95', fr: 'Endpoints : requetes, erreurs, P95' },
  requests: { en: 'requests', fr: 'requetes' },
  errorsCount: { en: 'errors', fr: 'erreurs' },
  p95: { en: 'P95 (ms)', fr: 'P95 (ms)' },
  usl: { en: 'Scalability (Universal Scalability Law fit)', fr: 'Scalabilite (ajustement USL)' },
  measured: { en: 'measured', fr: 'mesure' },
  fitted: { en: 'USL fit', fr: 'ajustement USL' },
  concurrency: { en: 'concurrency (users)', fr: 'concurrence (utilisateurs)' },
  throughput: { en: 'throughput (req/s)', fr: 'debit (req/s)' },
  peak: { en: 'N* (peak)', fr: 'N* (pic)' },
  noPeak: { en: 'no peak: κ = 0', fr: 'aucun pic : κ = 0' },
  knee: { en: 'knee (efficiency 50 %)', fr: 'coude (efficacite 50 %)' },
  beyond: { en: 'beyond the chart', fr: 'hors du graphique' },
  flame: { en: 'CPU profile (flame graph, callers on top)', fr: 'Profil CPU (flame graph, appelants en haut)' },
  topFunctions: { en: 'Top functions by self time', fr: 'Fonctions les plus couteuses (temps propre)' },
  fn: { en: 'function', fr: 'fonction' },
  share: { en: 'share of busy time', fr: 'part du temps actif' },
  slo: { en: 'SLO error budget and burn rate', fr: "Budget d'erreur du SLO et burn rate" },
  burnMeasured: { en: 'measured burn rate', fr: 'burn rate mesure' },
  alert: { en: 'alert', fr: 'alerte' },
  budgetLine: { en: 'SLO {o} % over {w} d: at {b}x the budget is gone in {h}', fr: 'SLO {o} % sur {w} j : a {b}x le budget est epuise en {h}' },
  never: { en: 'never', fr: 'jamais' },
  consumed: { en: 'budget spent during the test: {c} %', fr: 'budget consomme pendant le test : {c} %' },
  downsampled: {
    en: 'downsampled from {from} to {to} points (largest-triangle-three-buckets)',
    fr: 'reduit de {from} a {to} points (largest-triangle-three-buckets)',
  },
  source: { en: 'Source: ', fr: 'Source : ' },
  before: { en: 'before', fr: 'avant' },
  after: { en: 'after', fr: 'apres' },
  comparison: { en: 'BEFORE/AFTER', fr: 'AVANT/APRES' },
  changes: { en: 'BEFORE/AFTER: change and its confidence interval', fr: 'AVANT/APRES : changement et son intervalle de confiance' },
  changeAxis: { en: 'change in % (shaded: noise threshold ±{t} %)', fr: 'changement en % (zone grisee : seuil de bruit ±{t} %)' },
  allRequests: { en: 'all requests', fr: 'toutes les requetes' },
  improved: { en: 'improved', fr: 'ameliore' },
  regressed: { en: 'regressed', fr: 'degrade' },
  unchanged: { en: 'unchanged', fr: 'inchange' },
  inconclusive: { en: 'inconclusive', fr: 'non concluant' },
  waiting: { en: 'Waiting for a tool result…', fr: "En attente d'un resultat d'outil…" },
} as const;

export type LabelKey = keyof typeof L;

export function label(language: ReportLanguage, key: LabelKey, vars: Record<string, string | number> = {}): string {
  let s: string = L[key][language];
  for (const [k, v] of Object.entries(vars)) s = s.replace(`{${k}}`, String(v));
  return s;
}
