// After tsc: makes the built CLI executable (tsc does not keep the mode) and bundles the commands
// into dist/bundle/ (see scripts/bundle-server.mjs).
import { chmodSync } from 'node:fs';
import { writeDistBundle } from './bundle-server.mjs';
import { stampDist } from './dist-stamp.mjs';

chmodSync(new URL('../dist/cli.js', import.meta.url), 0o755);
await writeDistBundle();
await (await import('./bundle-report-client.mjs')).writeReportClient();
stampDist();
