/**
 * `distributed_run`: the files to run the phase-3 load test on several generators (k6 on
 * k6-operator, Locust master and workers on Kubernetes, compose or one machine), with the
 * thresholds as budgets that Ace evaluates once over the merged runners.
 */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { distributedRun, DistributedOptionsSchema } from '../../distributed/index.js';
import { checkK6Script } from '../../report/scripts/check-k6.js';
import { LoadTestSpecSchema, type LoadTestSpec } from '../../report/scripts/spec.js';
import { defineTool } from '../define.js';
import { addDistributedPart } from '../emit/load-testing.js';

const PARTS = { all: /./, 'k6-operator': /^(RUNBOOK\.md|budgets\.json|k6-operator\/)/, locust: /^(RUNBOOK\.md|budgets\.json|locust\/)/ } as const;

const input = z.strictObject({
  spec: LoadTestSpecSchema.optional().describe(
    "The load-test spec, as emit_test_script takes it. Default: the spec of the test script emitted in this session, so the distributed run is the report's script.",
  ),
  ...DistributedOptionsSchema.shape,
  part: z
    .enum(['all', 'k6-operator', 'locust'])
    .default('all')
    .describe('Which files to return (RUNBOOK.md and budgets.json always come): ask for one engine when the result is cut'),
});

const output = z.object({
  runners: z.number().int(),
  files: z.array(z.object({ path: z.string().describe('Relative to the folder the files go in, e.g. "k6-operator/testrun.yaml"'), content: z.string() })),
  thresholds_not_checked: z.array(z.string()).describe('Thresholds of the spec that ace check cannot evaluate from raw results (checks, custom metrics)'),
  in_report: z.boolean().describe("true: the report's test script section (phase 3) now has its distributed-run part (the session's spec was used)"),
});

function sessionSpec(data: unknown): LoadTestSpec | undefined {
  const spec = (data as { spec?: unknown } | undefined)?.spec;
  return spec === undefined ? undefined : LoadTestSpecSchema.parse(spec);
}

export const distributedRunTool = defineTool({
  name: 'distributed_run',
  title: 'Distributed load test: k6-operator and Locust master/workers',
  description: `When one load-generator machine is not enough (its CPU saturates before the service does, or the load must come from several addresses): generates, from the phase-3 load-test spec, the files to run it on N generators and to judge it once.
- k6 on Kubernetes (grafana/k6-operator): the per-runner script in a ConfigMap (thresholds removed: a runner sees only its execution segment), a ReadWriteMany volume where each runner pod writes its raw NDJSON, the TestRun (parallelism, separate, runner resources), a reader pod for kubectl cp.
- Locust: master (Job) and workers (Deployment) for Kubernetes, a compose file for a few machines, the --processes line for one big machine; --expect-workers, --csv.
- budgets.json (the spec's thresholds in k6's form) and RUNBOOK.md: the commands from manifest to \`ace check --budgets budgets.json <runner files>\`, what a per-runner k6 script must not assume, and what Locust's rounded percentiles mean.
Files are returned, not written. Without \`spec\`, the session's test script is used and the report's phase 3 gains a "distributed run" part (the commands and the file list) under it. Then loadtest_summary over every runner's files gives exact merged figures.`,
  group: 'analyse',
  paging: { params: ['part'] },
  input,
  output,
  async handle(ctx, params) {
    const { spec: given, part, ...options } = params;
    const spec = given ?? sessionSpec(ctx.session.table('test_script')?.data);
    if (!spec) throw new UserInputError('no spec: pass `spec` (as for emit_test_script), or emit the test script first');
    const run = distributedRun(spec, options);
    const script = run.files.find((f) => f.path === 'k6-operator/script.js')!.content;
    const check = await checkK6Script(script);
    if (!check.ok) throw new UserInputError(`the per-runner k6 script does not check: ${check.issues.map((i) => `line ${i.line}: ${i.message}`).join('; ')}`);
    const files = run.files.filter((f) => PARTS[part].test(f.path));
    const runbook = files.find((f) => f.path === 'RUNBOOK.md')!.content;
    // Only the session's own script gets the part: a spec given here may be another test.
    const inReport =
      given === undefined &&
      addDistributedPart(ctx.session, { runners: options.runners, files: run.files.map((f) => f.path), k6: run.commands.k6, locust: run.commands.locust });
    const text = [
      ...(inReport ? ["The report's test script section (phase 3) now ends with this distributed run.", ''] : []),
      `${files.length} files for a distributed run on ${options.runners} generators:`,
      ...files.map((f) => `- ${f.path} (${f.content.length} characters)`),
      '',
      runbook,
    ].join('\n');
    return { data: { runners: options.runners, files, thresholds_not_checked: run.leftOut, in_report: inReport }, text };
  },
});
