/** Phase 2 from the CPU profiles: the findings table lists where CPU self time goes. */
import type { ProfileResult } from '../analysers/profile/index.js';
import type { AuditContext } from './context.js';

/** Emits the findings; returns the formats of the profiles read (e.g. "cpuprofile"). */
export async function auditProfiles(ctx: AuditContext, profiles: readonly string[]): Promise<string[]> {
  const findings: Record<string, unknown>[] = [];
  const formats: string[] = [];
  for (const rel of profiles) {
    const top = await ctx.ace.call<ProfileResult & { path: string }>('profile_top', { path: rel, limit: 5 }).catch((err: Error) => {
      ctx.log.push(`profile ${rel} skipped: ${err.message}`);
      return null;
    });
    if (!top) continue;
    formats.push(top.format);
    for (const f of top.by_self.filter((x) => !x.function.startsWith('(')).slice(0, 3)) {
      findings.push({
        layer: 'application',
        finding: `${f.function}${f.location ? ` (${f.location.replace(/^.*\//, '')})` : ''}${ctx.language === 'fr' ? ' : ' : ': '}${(100 * f.self_share).toFixed(1)}% ${ctx.language === 'fr' ? 'du temps CPU propre' : 'of CPU self time'}`,
        evidence: `${rel}:1`,
        cost: { value: Number(f.self.toPrecision(6)), unit: top.unit === 'ms' ? 'ms' : 'count', source: { kind: 'measured', ref: rel } },
      });
    }
    ctx.log.push(`profile ${rel}: ${top.format}, top function ${top.by_self.find((x) => !x.function.startsWith('('))?.function ?? '-'}`);
  }
  if (findings.length > 0) {
    await ctx.ace.call('emit_findings', { rows: findings.slice(0, 40) });
    ctx.judgement.push('findings list where CPU time goes; why, and what to change, needs a reading of the code');
  }
  return formats;
}
