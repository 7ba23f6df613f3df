import { defineConfig } from 'vitest/config';
import { workerEntriesForTests } from './scripts/worker-entries.mjs';
import { LongestFirst } from './test/support/longest-first.js';

const TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts'];
/** Files that measure timing against another process and need the machine to themselves. */
const ALONE = 'test/**/*.alone.test.ts';
/** What both projects share; the global setup stays with the root, so it runs once. */
const common = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        plugins: [workerEntriesForTests()],
        // Three at a time on a 2-core machine (vitest's default would be one): most files wait on
        // processes they spawn (servers, Prometheus, Locust, Chromium), and three keep both cores busy.
        // A worker runs file after file in one process (isolate: false): importing the modules
        // once per worker instead of once per file halves the suite. Files leave the process as
        // they found it (environment, stdio, cwd), and a module's state is never a test's input.
        test: { ...common, name: 'shared', include: TESTS, exclude: [ALONE], maxWorkers: 3, isolate: false },
      },
      {
        plugins: [workerEntriesForTests()],
        // After every shared file has finished, one at a time. Its global setup starts, with the
        // suite, the service and Prometheus the tail test measures, so their start-up is not on the tail.
        test: { ...common, name: 'alone', include: [ALONE], maxWorkers: 1, sequence: { groupOrder: 1 }, globalSetup: ['test/prometheus-tail.setup.ts'] },
      },
    ],
  },
});
