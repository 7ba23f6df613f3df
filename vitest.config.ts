import { defineConfig } from 'vitest/config';

export default defineConfig({
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
