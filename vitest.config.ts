import { defineConfig } from 'vitest/config';
import { workerEntriesForTests } from './scripts/worker-entries.mjs';

export default defineConfig({
  plugins: [workerEntriesForTests()],
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two at a time on a 2-core machine (vitest's default would be one): most files wait on
    // processes they spawn (servers, Prometheus, Locust, Chromium), so two overlap well.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
