/**
 * A distributed run from one load-test spec: k6 on k6-operator, Locust master and workers
 * (Kubernetes, compose, one machine), the thresholds as Ace's budgets, and the runbook.
 */
import type { LoadTestSpec } from '../report/scripts/spec.js';
import { budgetsOf } from './budgets.js';
import { k6OperatorFiles } from './k6-operator.js';
import { locustFiles } from './locust.js';
import type { DistributedOptions, GeneratedFile } from './options.js';
import { k6OperatorCommands, locustShellLines, runbook } from './runbook.js';

export { DistributedOptionsSchema, type DistributedOptions, type GeneratedFile } from './options.js';

export interface DistributedRun {
  files: GeneratedFile[];
  /** Thresholds of the spec that `ace check` cannot evaluate from results. */
  leftOut: string[];
  /** The commands of the runbook, for the report: k6-operator to `ace check`; Locust master and workers. */
  commands: { k6: string[]; locust: string[] };
}

export function distributedRun(spec: LoadTestSpec, options: DistributedOptions): DistributedRun {
  const budgets = budgetsOf(spec);
  return {
    files: [
      { path: 'RUNBOOK.md', content: runbook(spec, options, budgets.leftOut) },
      { path: 'budgets.json', content: `${JSON.stringify(budgets.json, null, 2)}\n` },
      ...k6OperatorFiles(spec, options),
      ...locustFiles(spec, options),
    ],
    leftOut: budgets.leftOut,
    commands: { k6: k6OperatorCommands(spec, options), locust: locustShellLines(options) },
  };
}
