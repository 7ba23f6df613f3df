import { defineConfig } from 'vitest/config';
import { workerEntriesForTests } from './scripts/worker-entries.mjs';

const TESTS = ['src/**/*.test.ts', 'test/**/*.test.ts'];
/** Files that measure timing against another process and need the machine to themselves. */
const ALONE = 'test/**/*.alone.test.ts';

export default defineConfig({
  plugins: [workerEntriesForTests()],
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    projects: [
      {
        extends: true,
        // Two at a time on a 2-core machine (vitest's default would be one): most files wait on
        // processes they spawn (servers, Prometheus, Locust, Chromium), so two overlap well.
        test: { name: 'shared', include: TESTS, exclude: [ALONE], maxWorkers: 2 },
      },
      {
        extends: true,
        // After every shared file has finished, one at a time.
        test: { name: 'alone', include: [ALONE], maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
