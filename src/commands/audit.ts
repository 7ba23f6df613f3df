/**
 * `ace audit TARGET [--out DIR] [--lang fr|en] [--runners N] [--json]`: the model-free main job. Finds the
 * evidence under TARGET (load-test results, CPU profiles), runs the analysers and the emit
 * tools through the same in-memory MCP path as `ace run`, and writes the parts of the report
 * that evidence supports, validated for the phases it covers. Whatever needs judgement
 * (targets, SLO objectives, stage lengths) is emitted as an estimate whose basis says so.
 * One step per phase lives in src/audit/.
 * Exit status: 0 written and valid for the phases covered, 1 violations or no evidence, 2 usage.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { connectInMemory } from '../server/in-memory.js';
import type { LoadTestResult } from '../audit/types.js';
import { auditBaseline, primaryResult } from '../audit/baseline.js';
import { auditCharts } from '../audit/charts.js';
import { auditCapacity, readCapacity } from '../audit/capacity.js';
import { auditDistributedRun, DISTRIBUTED_DIR } from '../audit/distributed.js';
import { type AuditContext, Caller } from '../audit/context.js';
import { coverage, validateCommand } from '../audit/coverage.js';
import { firstOrigin } from '../audit/endpoints.js';
import { crossCheck, toolOf } from '../audit/cross-check.js';
import { endpointFindings } from '../audit/endpoint-findings.js';
import { type Evidence, findEvidence, type SkippedFile } from '../audit/evidence.js';
import { evidenceNotes } from '../audit/evidence-notes.js';
import { auditLoadTesting } from '../audit/load-testing.js';
import { auditMonitoring } from '../audit/monitoring.js';
import { auditProductionBaseline, auditProductionMonitoring, readProduction, type RedBaseline } from '../audit/production.js';
import { readProfiles } from '../audit/profiling.js';
import { readLoadTests } from '../audit/read-loadtests.js';
import { renderReportHtml } from '../report/html/page.js';
import type { TableId } from '../report/headings.js';
import { Sandbox } from '../sandbox/sandbox.js';
import { Session } from '../session/session.js';
import { commandLine } from './args.js';

const HELP = `Usage: ace audit TARGET [--out DIR] [--lang fr|en] [--html] [--runners N] [--json] [--prometheus NAME --service S [--window W]]

Finds load-test results (k6, Locust, JMeter, Gatling, autocannon, wrk) and CPU profiles
(.cpuprofile, pprof, folded) under TARGET, analyses them and writes the report sections the
evidence supports to DIR/report.md (default ./ace-report), then validates them for the phases
it covers. With a load test it also writes DIR/slo-rules.yaml (Prometheus burn-rate alerts).
  --out DIR      where report.md, evidence.json and slo-rules.yaml go (default ace-report)
  --lang fr|en   report language (default en)
  --html         also write DIR/report.html: the tables and charts of the evidence, one offline file
  --runners N    also write DIR/distributed/: the test script run on N load generators (k6-operator
                 TestRun, Locust master and workers), budgets.json and RUNBOOK.md
  --json         print a JSON summary instead of text
  --prometheus NAME  take the current metrics and the SLO's error budget from production: the
                 Prometheus named NAME in TARGET/ace.config.json ("prometheus": [{"name", "url", ...}])
  --service S    the service's label matchers in that Prometheus (job="api"; a bare name means job="S")
  --window W     how far back to measure production, a Prometheus duration (default 1d)
Exit status: 0 valid for the phases covered, 1 violations or no evidence, 2 usage error.`;

const { parse, usageError } = commandLine('audit', HELP);

/** Exit 1 with what was looked at, when no file could be used. */
function nothingUsable(target: string, evidence: Evidence, skipped: readonly SkippedFile[]): number {
  const lines = [`ace audit: nothing usable under ${target}: no load-test result or profile could be read (${evidence.scanned} file(s) scanned)`];
  if (skipped.length > 0) {
    lines.push(`${skipped.length} file(s) looked like evidence and were skipped:`);
    for (const s of skipped) lines.push(`  ${s.path}${s.tried ? ` (tried ${s.tried})` : ''}: ${s.reason}`);
  }
  if (evidence.limit) lines.push(`scan limit reached: only the ${evidence.limit.sniffed} most likely of ${evidence.limit.matched} files were read`);
  lines.push('Ace reads k6, Locust, JMeter, Gatling, autocannon and wrk results, and .cpuprofile, pprof and folded CPU profiles.');
  process.stderr.write(`${lines.join('\n')}\n`);
  return 1;
}

export async function run(argv: string[]): Promise<number> {
  const parsed = parse(argv, {
    out: { type: 'string' },
    lang: { type: 'string' },
    json: { type: 'boolean' },
    html: { type: 'boolean' },
    prometheus: { type: 'string' },
    service: { type: 'string' },
    window: { type: 'string' },
    runners: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || !positionals[0]) return usageError(positionals.length === 0 ? 'missing TARGET' : 'expected one TARGET');
  const lang = values.lang ?? 'en';
  if (lang !== 'fr' && lang !== 'en') return usageError(`--lang must be fr or en, not '${lang}'`);
  const target = positionals[0];
  const outDir = path.resolve(values.out ?? 'ace-report');
  if ((values.prometheus === undefined) !== (values.service === undefined)) return usageError('--prometheus and --service go together');
  if (values.window !== undefined && values.prometheus === undefined) return usageError('--window is for --prometheus');
  const runners = values.runners === undefined ? undefined : Number(values.runners);
  if (runners !== undefined && !(Number.isInteger(runners) && runners >= 2 && runners <= 500)) {
    return usageError(`--runners must be a whole number from 2 to 500, not '${values.runners}'`);
  }

  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.open(target);
  } catch (err) {
    return usageError(`cannot open ${target}: ${(err as Error).message}`);
  }
  const session = new Session();
  const conn = await connectInMemory(sandbox, session, (line) => process.stderr.write(`${line}\n`));
  const name = path.basename(path.resolve(target));
  // With --service api (a bare name), the SLO tables and rules name the service as production does.
  const service = values.service !== undefined && /^[\w.-]+$/.test(values.service) ? values.service : name;
  const ctx: AuditContext = { ace: new Caller(conn), language: lang, service, log: [], judgement: [] };
  try {
    let production: RedBaseline | undefined;
    if (values.prometheus !== undefined && values.service !== undefined) {
      try {
        production = await readProduction(ctx, { source: values.prometheus, service: values.service, window: values.window ?? '1d' });
      } catch (err) {
        process.stderr.write(`ace audit: ${(err as Error).message}\n`);
        return 1;
      }
    }
    const evidence = await findEvidence(ctx.ace);
    if (evidence.limit) {
      ctx.log.push(
        `scan limit reached: ${evidence.limit.matched} files could hold evidence; the ${evidence.limit.sniffed} most likely were read, the rest were not`,
      );
    }
    if (evidence.loadtests.length === 0 && evidence.profiles.length === 0 && !production) {
      return nothingUsable(target, evidence, evidence.skipped);
    }
    await ctx.ace.call('start_report', { language: lang, target: name });

    const formatOf = (rel: string) => evidence.found.find((f) => f.path === rel)?.format ?? null;
    const { results, skipped: loadtestSkips } =
      evidence.loadtests.length > 0 ? await readLoadTests(ctx, evidence.loadtests, formatOf) : { results: [], skipped: [] };
    const profiles = await readProfiles(ctx, evidence.profiles, formatOf);
    const skipped = [...evidence.skipped, ...loadtestSkips, ...profiles.skipped].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    if (results.length === 0 && profiles.used.length === 0 && !production) return nothingUsable(target, evidence, skipped);

    const primary: LoadTestResult | undefined = results.length > 0 ? primaryResult(results) : undefined;
    const crossChecks = crossCheck(results, primary);
    if (primary) {
      ctx.log.push(
        `load tests: ${results.length} result(s) from ${evidence.loadtests.length - loadtestSkips.length} file(s); baseline from ${primary.files.map((f) => f.path).join(', ')}`,
      );
      for (const r of results.filter((x) => x !== primary)) ctx.log.push(`load test also used: ${r.files.map((f) => f.path).join(', ')} (${toolOf(r)})`);
    }
    for (const c of crossChecks) ctx.log.push(`cross-check: ${c.endpoint} measured by ${c.measures.map((m) => m.tool).join(', ')}`);
    for (const s of skipped) ctx.log.push(`skipped ${s.path}${s.tried ? ` (tried ${s.tried})` : ''}: ${s.reason}`);

    // Phase order matters once: the scenarios table (phase 3) goes before its script.
    if (production) await auditProductionBaseline(ctx, production);
    else if (primary) await auditBaseline(ctx, primary);
    const findings = [...(primary ? endpointFindings(primary, ctx.language) : []), ...profiles.findings];
    if (findings.length > 0) {
      await ctx.ace.call('emit_findings', { rows: findings.slice(0, 40) });
      if (profiles.findings.length > 0) ctx.judgement.push('findings list where CPU time goes; why, and what to change, needs a reading of the code');
    }
    // One capacity_fit call: its levels size the scenarios, its fit gives the scaling triggers.
    const fit = primary ? await readCapacity(ctx, primary) : null;
    if (primary) await auditLoadTesting(ctx, primary, firstOrigin(results), fit);
    const capacity = primary ? await auditCapacity(ctx, primary, fit) : null;
    const rulesYaml = production
      ? await auditProductionMonitoring(ctx, production, profiles.formats)
      : primary
        ? await auditMonitoring(ctx, primary, profiles.formats)
        : null;
    const distributed = runners !== undefined && primary ? await auditDistributedRun(ctx, runners) : [];
    if (runners !== undefined && !primary) ctx.log.push('--runners: no load test, so no test script to distribute');

    const assembled = await ctx.ace.wholeReport();
    const notes = evidenceNotes({ evidence, results, primary, profiles: profiles.used, skipped, crossChecks }, lang);
    const report = { ...assembled, emitted: assembled.emitted as TableId[], markdown: `${assembled.markdown}\n${notes}\n` };
    const { covered, partial } = coverage(report.emitted);
    // Only the covered phases must be complete; every other rule checks the whole report.
    const validation = await ctx.ace.call<{ violations: { severity: string; line: number; rule: string; message: string }[] }>('validate_report', {
      markdown: report.markdown,
      language: lang,
      ...(covered.length > 0 ? { phases: covered } : {}),
    });
    const violations = validation.violations.filter((v) => v.severity === 'error');

    await mkdir(outDir, { recursive: true });
    const reportPath = path.join(outDir, 'report.md');
    await writeFile(reportPath, report.markdown);
    const files = [reportPath, path.join(outDir, 'evidence.json')];
    if (rulesYaml) {
      files.push(path.join(outDir, 'slo-rules.yaml'));
      await writeFile(path.join(outDir, 'slo-rules.yaml'), rulesYaml);
    }
    for (const f of distributed) {
      const file = path.join(outDir, DISTRIBUTED_DIR, f.path);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, f.content);
      files.push(file);
    }
    if (values.html) {
      const charts = await auditCharts(ctx, { primary, capacity, profiles: profiles.used });
      const htmlPath = path.join(outDir, 'report.html');
      await writeFile(htmlPath, renderReportHtml({ language: lang, title: `Ace: ${name}`, markdown: report.markdown, charts }));
      files.push(htmlPath);
    }
    const rel = path.relative(process.cwd(), reportPath);
    const check = covered.length > 0 ? validateCommand(rel && !rel.startsWith('..') ? rel : reportPath, covered, lang) : null;
    const summary = {
      report: reportPath,
      files,
      evidence: {
        loadtests: evidence.loadtests,
        profiles: evidence.profiles,
        used: [...results.flatMap((r) => r.files.map((f) => f.path)), ...profiles.used].sort(),
        skipped,
        scanned: evidence.scanned,
        unrelated: evidence.unrelated,
        limit: evidence.limit,
      },
      cross_checks: crossChecks.map((c) => ({ endpoint: c.endpoint, tools: c.measures.map((m) => m.tool) })),
      phases: covered,
      partial,
      emitted: report.emitted,
      left_for_model: report.missing,
      validate: check,
      needs_judgement: ctx.judgement,
      violations,
    };
    await writeFile(files[1]!, `${JSON.stringify({ target, ...summary }, null, 2)}\n`);
    if (values.json) {
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } else {
      const out = (line: string) => process.stdout.write(`${line}\n`);
      ctx.log.forEach(out);
      out(`wrote ${files.join(', ')}`);
      out(`phases covered: ${covered.join(', ') || 'none'}${partial.length ? `; partly: ${partial.join(', ')}` : ''} (${report.emitted.join(', ')})`);
      out(`left for a model: ${report.missing.join(', ')}`);
      for (const j of ctx.judgement) out(`needs judgement: ${j}`);
      for (const v of violations) out(`report.md:${v.line} ${v.rule} ${v.message}`);
      if (check) out(`check: ${check}`);
    }
    return violations.length > 0 ? 1 : 0;
  } finally {
    await conn.close();
  }
}
