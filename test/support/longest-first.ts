import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that take longest (real processes: the CLI, Claude Code, Chromium, Prometheus,
 * Locust; Monte Carlo calibrations), longest first, as measured on 2 cores. Vitest orders by
 * the durations it cached on an earlier run, and by file size on a fresh clone, which starts
 * some of these last and leaves the suite waiting on one of them at the end.
 * Two files that mostly wait (Locust's run, Prometheus's scrapes of the native exporter) are kept
 * apart, so that two of the three workers are not idle at once with a core unused.
 */
export const LONGEST = [
  'test/headless/headless-run.test.ts',
  'test/report-html.test.ts',
  'test/e2e/claude-code.test.ts',
  'test/prometheus-live.test.ts',
  'test/audit-cli.test.ts',
  'test/examples-ci.test.ts',
  'test/report-app.test.ts',
  'src/analysers/compare/calibration-naive.test.ts',
  'test/distributed-locust-run.test.ts',
  'test/attacks-files.test.ts',
  'test/cli-diff-check.test.ts',
  'test/distributed-merge.test.ts',
  'src/analysers/compare/calibration-aa.test.ts',
  'test/prometheus-native.test.ts',
  'src/analysers/compare/calibration-ab.test.ts',
  'test/e2e/inspector.test.ts',
];

/** Starts the LONGEST files first, in that order; every other file keeps vitest's order after them. */
export class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    for (const file of LONGEST) if (!existsSync(`${root}/${file}`)) throw new Error(`test/support/longest-first.ts names ${file}, which does not exist`);
    const rank = (spec: TestSpecification) => {
      const at = LONGEST.indexOf(relative(root, spec.moduleId));
      return at === -1 ? LONGEST.length : at;
    };
    // vitest's order: projects one after another, each in its cached or size order. Within each
    // project the LONGEST go first; Array.prototype.sort is stable, so the others keep that order.
    const sorted = await super.sort(files);
    const byProject: TestSpecification[][] = [];
    for (const spec of sorted) {
      const last = byProject.at(-1);
      if (last && last[0]!.project.name === spec.project.name) last.push(spec);
      else byProject.push([spec]);
    }
    return byProject.flatMap((project) => project.sort((a, b) => rank(a) - rank(b)));
  }
}
