/**
 * Phase 2 from the load tests: findings per endpoint where the evidence has them. Every
 * endpoint with errors (how many of the run's errors it holds, and the statuses named), and the
 * slowest endpoint by P95, each with its count, errors, P50/P95/P99 and throughput.
 */
import type { EndpointStats, LoadTestResult } from './types.js';
import { type ReportLanguage, inLanguage } from '../report/headings.js';
import { endpointTitle, statusIn } from './endpoints.js';
import { significant } from '../numbers.js';

const MAX_ROWS = 8;

/** "path:line" of an endpoint's figures, for the findings' evidence column. */
function evidenceOf(e: EndpointStats, r: LoadTestResult): string {
  const source = e.requests.source;
  const ref = source.kind === 'measured' ? source.ref : r.files[0]!.path;
  return /:\d+$/.test(ref) ? ref : `${ref}:1`;
}

function figures(e: EndpointStats, language: ReportLanguage): string {
  const l = e.latency;
  const parts = [
    l.p50 && `P50 ${significant(l.p50.value, 3)} ms`,
    l.p95 && `P95 ${significant(l.p95.value, 3)} ms`,
    l.p99 && `P99 ${significant(l.p99.value, 3)} ms`,
  ].filter(Boolean);
  const rate = e.throughput
    ? inLanguage(language, { fr: ` a ${significant(e.throughput.value, 4)} req/s`, en: ` at ${significant(e.throughput.value, 4)} req/s` })
    : '';
  return `${parts.join(', ')}${rate}`;
}

/** "HTTP 500: 54" from the run's error entries for this endpoint. */
function statuses(r: LoadTestResult, name: string): string {
  const counts = new Map<number, number>();
  for (const x of r.errors.filter((x) => x.endpoint === name)) {
    const s = statusIn(x.message);
    if (s !== null) counts.set(s, (counts.get(s) ?? 0) + x.count);
  }
  return [...counts.entries()].map(([s, n]) => `HTTP ${s}: ${n}`).join(', ');
}

export function endpointFindings(r: LoadTestResult, language: ReportLanguage = 'en'): Record<string, unknown>[] {
  if (r.endpoints.length < 2) return [];
  const rows: Record<string, unknown>[] = [];
  const total = r.overall.errors.value;
  for (const e of r.endpoints.filter((x) => x.errors.value > 0).slice(0, MAX_ROWS - 1)) {
    const share = total > 0 ? significant((100 * e.errors.value) / total, 3) : 0;
    const rate = significant(e.error_rate.value, 3);
    const named = statuses(r, e.name);
    const overall = significant(r.overall.error_rate.value, 3);
    const part =
      share === 100
        ? inLanguage(language, {
            fr: `les ${total} erreurs du test : le taux d'erreur global de ${overall}% vient entierement de cet endpoint`,
            en: `all ${total} errors of the run: the ${overall}% overall error rate is entirely this endpoint`,
          })
        : inLanguage(language, { fr: `${share}% des ${total} erreurs du test`, en: `${share}% of the run's ${total} errors` });
    const finding = inLanguage(language, {
      fr: `${endpointTitle(e.name)} : ${e.errors.value} echecs sur ${e.requests.value} requetes (${rate}%)${named ? `, ${named}` : ''}, ${part} ; ${figures(e, language)}`,
      en: `${endpointTitle(e.name)}: ${e.errors.value} of ${e.requests.value} requests failed (${rate}%)${named ? `, ${named}` : ''}, ${part}; ${figures(e, language)}`,
    });
    rows.push({ layer: 'application', finding, evidence: evidenceOf(e, r), cost: e.errors });
  }
  const slowest = [...r.endpoints]
    .filter((e) => e.latency.p95 ?? e.latency.p99)
    .sort((a, b) => (b.latency.p95 ?? b.latency.p99)!.value - (a.latency.p95 ?? a.latency.p99)!.value)[0];
  if (slowest) {
    const q = (slowest.latency.p95 ?? slowest.latency.p99)!;
    const finding = inLanguage(language, {
      fr: `${endpointTitle(slowest.name)} : l'endpoint le plus lent, ${figures(slowest, language)}, sur ${slowest.requests.value} requetes`,
      en: `${endpointTitle(slowest.name)}: the slowest endpoint, ${figures(slowest, language)}, over ${slowest.requests.value} requests`,
    });
    rows.push({ layer: 'application', finding, evidence: evidenceOf(slowest, r), cost: q });
  }
  return rows;
}
