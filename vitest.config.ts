import { defineConfig } from 'vitest/config';
import { workerEntriesForTests } from './scripts/worker-entries.mjs';

const TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts'];
/** Files that measure timing against another process and need the machine to themselves. */
const ALONE = 'test/**/*.alone.test.ts';
/** What both projects share; the global setup stays with the root, so it runs once. */
const common = { testTimeout: 60_000, hookTimeout: 120_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        plugins: [workerEntriesForTests()],
        // Two at a time on a 2-core machine (vitest's default would be one): most files wait on
        // processes they spawn (servers, Prometheus, Locust, Chromium), so two overlap well.
        test: { ...common, name: 'shared', include: TESTS, exclude: [ALONE], maxWorkers: 2 },
      },
      {
        plugins: [workerEntriesForTests()],
        // After every shared file has finished, one at a time.
        test: { ...common, name: 'alone', include: [ALONE], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
