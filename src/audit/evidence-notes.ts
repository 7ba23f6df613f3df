/**
 * The report's evidence notes: every file used and what for, every file skipped with the
 * format tried and the reason, what the scan left unread, and the endpoints several tools
 * measured, their figures side by side. Appended after the seven phases.
 */
import type { EndpointStats, LoadTestResult } from './types.js';
import { COLON, type ReportLanguage, inLanguage } from '../report/headings.js';
import type { CrossCheck } from './cross-check.js';
import { toolOf } from './cross-check.js';
import type { Evidence, SkippedFile } from './evidence.js';
import { significant } from '../numbers.js';

export interface EvidenceNotesInput {
  evidence: Evidence;
  results: readonly LoadTestResult[];
  primary: LoadTestResult | undefined;
  profiles: readonly string[];
  skipped: readonly SkippedFile[];
  crossChecks: readonly CrossCheck[];
}

/** Table-safe inline code: no pipes, backticks or newlines. */
const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim().slice(0, 400)}\``;
const files = (paths: readonly string[]) => paths.map(code).join(', ');
const ms = (q: EndpointStats['latency']['p50']) => (q ? `${significant(q.value, 3)} ms` : '-');

function sourceOf(m: EndpointStats): string {
  const s = m.requests.source;
  return s.kind === 'measured' ? code(s.ref) : '-';
}

/** The parsers' notes about rows they could not read in a file they used ("x.jtl: 1 of 600 rows skipped ..."). */
export function partlyRead(results: readonly LoadTestResult[]): string[] {
  const out: string[] = [];
  for (const r of results) {
    for (const f of r.files) {
      for (const n of r.notes) {
        if (n.startsWith(`${f.path}: `) && /\bskipped\b/.test(n)) out.push(`${code(f.path)}: ${n.slice(f.path.length + 2).replace(/\|/g, '\\|')}`);
      }
    }
  }
  return [...new Set(out)];
}

export function evidenceNotes(input: EvidenceNotesInput, language: ReportLanguage): string {
  const sep = COLON[language];
  const out: string[] = [inLanguage(language, { fr: '## Preuves lues par ace audit', en: '## Evidence read by ace audit' })];

  const used: string[] = [];
  const ordered = [...input.results].sort((a, b) => Number(b === input.primary) - Number(a === input.primary));
  for (const r of ordered) {
    const role =
      r === input.primary
        ? inLanguage(language, {
            fr: 'la base des phases 1, 3, 6 et 7, les lignes par endpoint et les constats',
            en: 'the baseline of phases 1, 3, 6 and 7, per-endpoint rows and findings',
          })
        : inLanguage(language, { fr: 'comparee a la base (ci-dessous)', en: 'cross-checked with the baseline (below)' });
    used.push(
      `- ${files(r.files.map((f) => f.path))} (${[toolOf(r), ...r.files.map((f) => f.format)].filter((x, i, all) => all.indexOf(x) === i).join(', ')})${sep}${role}`,
    );
  }
  for (const p of input.profiles)
    used.push(
      `- ${code(p)} (${inLanguage(language, { fr: 'profil CPU', en: 'CPU profile' })})${sep}${inLanguage(language, { fr: 'constats de la phase 2', en: 'findings of phase 2' })}`,
    );
  out.push(`${inLanguage(language, { fr: 'Fichiers utilises', en: 'Files used' })} (${used.length})${sep.trimEnd()}\n\n${used.join('\n')}`);

  if (input.skipped.length > 0) {
    const rows = input.skipped.map(
      (s) => `| ${code(s.path)} | ${s.tried ?? inLanguage(language, { fr: 'aucun reconnu', en: 'none matched' })} | ${code(s.reason)} |`,
    );
    out.push(
      `${inLanguage(language, { fr: 'Fichiers ecartes', en: 'Files skipped' })} (${input.skipped.length})${sep.trimEnd()}\n\n` +
        `| ${inLanguage(language, { fr: 'Fichier', en: 'File' })} | ${inLanguage(language, { fr: 'Format essaye', en: 'Format tried' })} | ${inLanguage(language, { fr: 'Raison', en: 'Reason' })} |\n|---|---|---|\n${rows.join('\n')}`,
    );
  }
  const partial = partlyRead(input.results);
  if (partial.length > 0) {
    out.push(
      `${inLanguage(language, { fr: 'Lignes ecartees dans les fichiers utilises', en: 'Rows skipped in files used' })}${sep.trimEnd()}\n\n${partial.map((n) => `- ${n}`).join('\n')}`,
    );
  }
  const { unrelated, limit, scanned } = input.evidence;
  if (unrelated.length > 0) {
    out.push(
      inLanguage(language, {
        fr: `${unrelated.length} des ${scanned} fichiers lus ne sont ni des resultats de test de charge ni des profils (liste dans evidence.json).`,
        en: `${unrelated.length} of the ${scanned} files scanned hold no load-test or profile format: not evidence (listed in evidence.json).`,
      }),
    );
  }
  if (limit) {
    out.push(
      inLanguage(language, {
        fr: `Limite atteinte : ${limit.matched} fichiers pouvaient contenir des preuves et les ${limit.sniffed} plus probables ont ete lus ; les ${limit.matched - limit.sniffed} autres non. Lancez ace audit sur le dossier des resultats pour les lire.`,
        en: `Limit reached: ${limit.matched} files could hold evidence and the ${limit.sniffed} most likely were read; the other ${limit.matched - limit.sniffed} were not. Point ace audit at the folder of the results to read them.`,
      }),
    );
  }

  if (input.crossChecks.length > 0) {
    out.push(
      inLanguage(language, { fr: '### Comparaison : endpoints mesures par plusieurs outils', en: '### Cross-check: endpoints measured by several tools' }),
    );
    const lines: string[] = [];
    const rows: string[] = [];
    for (const c of input.crossChecks) {
      const counts = new Map<string, number>();
      for (const m of c.measures) counts.set(m.tool, (counts.get(m.tool) ?? 0) + 1);
      const tools = [...counts.entries()].map(([tool, n]) => (n > 1 ? `${tool} x${n}` : tool)).join(', ');
      const by =
        counts.size === c.measures.length
          ? inLanguage(language, { fr: `par ${counts.size} outils (${tools})`, en: `by ${counts.size} tools (${tools})` })
          : inLanguage(language, { fr: `dans ${c.measures.length} resultats (${tools})`, en: `in ${c.measures.length} results (${tools})` });
      const origins = [...new Set(c.measures.map((m) => m.origin).filter((o): o is string => o !== null))];
      const service =
        origins.length === 1
          ? inLanguage(language, { fr: ` sur le meme service (${origins[0]})`, en: ` on the same service (${origins[0]})` })
          : origins.length > 1
            ? inLanguage(language, {
                fr: ` sur ${origins.length} origines (${origins.join(', ')})`,
                en: ` on ${origins.length} origins (${origins.join(', ')})`,
              })
            : '';
      lines.push(inLanguage(language, { fr: `- ${c.endpoint} a ete mesure ${by}${service}.`, en: `- ${c.endpoint} was measured ${by}${service}.` }));
      for (const m of c.measures) {
        const s = m.stats;
        const rate = s.throughput ? `${significant(s.throughput.value, 4)} req/s` : '-';
        rows.push(
          `| ${c.endpoint} | ${m.tool} | ${s.requests.value} | ${s.errors.value} (${significant(s.error_rate.value, 3)}%) | ${ms(s.latency.p50)} | ${ms(s.latency.p95)} | ${ms(s.latency.p99)} | ${rate} | ${sourceOf(s)} |`,
        );
      }
    }
    out.push(
      `${lines.join('\n')}\n\n` +
        inLanguage(language, {
          fr: 'Chaque outil a applique sa propre charge (utilisateurs ou connexions, melange des endpoints, duree) : les chiffres sont montres cote a cote, pas fusionnes.',
          en: 'Each tool ran its own load (users or connections, mix of endpoints, duration): the figures are shown side by side, not merged.',
        }),
    );
    out.push(
      `| Endpoint | ${inLanguage(language, { fr: 'Outil', en: 'Tool' })} | ${inLanguage(language, { fr: 'Requetes', en: 'Requests' })} | ${inLanguage(language, { fr: 'Erreurs', en: 'Errors' })} | P50 | P95 | P99 | ${inLanguage(language, { fr: 'Debit', en: 'Throughput' })} | Source |\n` +
        `|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}`,
    );
  }
  return out.join('\n\n');
}
