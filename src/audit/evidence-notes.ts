/**
 * The report's evidence notes: every file used and what for, every file skipped with the
 * format tried and the reason, what the scan left unread, and the endpoints several tools
 * measured, their figures side by side. Appended after the seven phases.
 */
import type { EndpointStats, LoadTestResult } from './types.js';
import type { ReportLanguage } from '../report/headings.js';
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
  const fr = language === 'fr';
  const t = (en: string, frText: string) => (fr ? frText : en);
  const sep = fr ? ' : ' : ': ';
  const out: string[] = [t('## Evidence read by ace audit', '## Preuves lues par ace audit')];

  const used: string[] = [];
  const ordered = [...input.results].sort((a, b) => Number(b === input.primary) - Number(a === input.primary));
  for (const r of ordered) {
    const role =
      r === input.primary
        ? t('the baseline of phases 1, 3, 6 and 7, per-endpoint rows and findings', 'la base des phases 1, 3, 6 et 7, les lignes par endpoint et les constats')
        : t('cross-checked with the baseline (below)', 'comparee a la base (ci-dessous)');
    used.push(
      `- ${files(r.files.map((f) => f.path))} (${[toolOf(r), ...r.files.map((f) => f.format)].filter((x, i, all) => all.indexOf(x) === i).join(', ')})${sep}${role}`,
    );
  }
  for (const p of input.profiles) used.push(`- ${code(p)} (${t('CPU profile', 'profil CPU')})${sep}${t('findings of phase 2', 'constats de la phase 2')}`);
  out.push(`${t('Files used', 'Fichiers utilises')} (${used.length})${sep.trimEnd()}\n\n${used.join('\n')}`);

  if (input.skipped.length > 0) {
    const rows = input.skipped.map((s) => `| ${code(s.path)} | ${s.tried ?? t('none matched', 'aucun reconnu')} | ${code(s.reason)} |`);
    out.push(
      `${t('Files skipped', 'Fichiers ecartes')} (${input.skipped.length})${sep.trimEnd()}\n\n` +
        `| ${t('File', 'Fichier')} | ${t('Format tried', 'Format essaye')} | ${t('Reason', 'Raison')} |\n|---|---|---|\n${rows.join('\n')}`,
    );
  }
  const partial = partlyRead(input.results);
  if (partial.length > 0) {
    out.push(`${t('Rows skipped in files used', 'Lignes ecartees dans les fichiers utilises')}${sep.trimEnd()}\n\n${partial.map((n) => `- ${n}`).join('\n')}`);
  }
  const { unrelated, limit, scanned } = input.evidence;
  if (unrelated.length > 0) {
    out.push(
      t(
        `${unrelated.length} of the ${scanned} files scanned hold no load-test or profile format: not evidence (listed in evidence.json).`,
        `${unrelated.length} des ${scanned} fichiers lus ne sont ni des resultats de test de charge ni des profils (liste dans evidence.json).`,
      ),
    );
  }
  if (limit) {
    out.push(
      t(
        `Limit reached: ${limit.matched} files could hold evidence and the ${limit.sniffed} most likely were read; the other ${limit.matched - limit.sniffed} were not. Point ace audit at the folder of the results to read them.`,
        `Limite atteinte : ${limit.matched} fichiers pouvaient contenir des preuves et les ${limit.sniffed} plus probables ont ete lus ; les ${limit.matched - limit.sniffed} autres non. Lancez ace audit sur le dossier des resultats pour les lire.`,
      ),
    );
  }

  if (input.crossChecks.length > 0) {
    out.push(t('### Cross-check: endpoints measured by several tools', '### Comparaison : endpoints mesures par plusieurs outils'));
    const lines: string[] = [];
    const rows: string[] = [];
    for (const c of input.crossChecks) {
      const counts = new Map<string, number>();
      for (const m of c.measures) counts.set(m.tool, (counts.get(m.tool) ?? 0) + 1);
      const tools = [...counts.entries()].map(([tool, n]) => (n > 1 ? `${tool} x${n}` : tool)).join(', ');
      const by =
        counts.size === c.measures.length
          ? t(`by ${counts.size} tools (${tools})`, `par ${counts.size} outils (${tools})`)
          : t(`in ${c.measures.length} results (${tools})`, `dans ${c.measures.length} resultats (${tools})`);
      const origins = [...new Set(c.measures.map((m) => m.origin).filter((o): o is string => o !== null))];
      const service =
        origins.length === 1
          ? t(` on the same service (${origins[0]})`, ` sur le meme service (${origins[0]})`)
          : origins.length > 1
            ? t(` on ${origins.length} origins (${origins.join(', ')})`, ` sur ${origins.length} origines (${origins.join(', ')})`)
            : '';
      lines.push(t(`- ${c.endpoint} was measured ${by}${service}.`, `- ${c.endpoint} a ete mesure ${by}${service}.`));
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
        t(
          'Each tool ran its own load (users or connections, mix of endpoints, duration): the figures are shown side by side, not merged.',
          'Chaque outil a applique sa propre charge (utilisateurs ou connexions, melange des endpoints, duree) : les chiffres sont montres cote a cote, pas fusionnes.',
        ),
    );
    out.push(
      `| Endpoint | ${t('Tool', 'Outil')} | ${t('Requests', 'Requetes')} | ${t('Errors', 'Erreurs')} | P50 | P95 | P99 | ${t('Throughput', 'Debit')} | Source |\n` +
        `|---|---|---|---|---|---|---|---|---|\n${rows.join('\n')}`,
    );
  }
  return out.join('\n\n');
}
