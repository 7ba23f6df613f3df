/**
 * `ace audit --runners N`: the distributed-run files for the audit's own test script, through
 * the distributed_run tool (the spec is the session's emitted test script).
 */
import type { AuditContext } from './context.js';

/** Where the files go, under the audit's output folder. */
export const DISTRIBUTED_DIR = 'distributed';

export async function auditDistributedRun(ctx: AuditContext, runners: number): Promise<Array<{ path: string; content: string }>> {
  const run = await ctx.ace.tool('distributed_run', { runners });
  ctx.log.push(`distributed run: ${run.files.length} files for ${runners} generators (k6-operator, Locust); see ${DISTRIBUTED_DIR}/RUNBOOK.md`);
  for (const t of run.thresholds_not_checked) ctx.judgement.push(`threshold not checked by ace check on the merged runners: ${t}`);
  return run.files;
}
