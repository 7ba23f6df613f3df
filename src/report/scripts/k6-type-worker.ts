/**
 * The k6 type-check worker thread's entry (started by k6-type-thread.ts). The compiler and
 * the declarations are loaded here, not on the main thread, from the absolute paths the main
 * thread resolved: never by name from the worker's working directory (the user's project).
 */
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';
import type TS from 'typescript';
import { readK6Declarations } from './k6-declarations.js';
import { createK6TypeChecker, type K6TypeChecker } from './k6-type-checker.js';
import type { K6TypeJob, K6WorkerData, K6WorkerMessage } from './k6-type-protocol.js';

const packages = workerData as K6WorkerData;
const ts = createRequire(packages.typescriptEntry)(packages.typescriptEntry) as typeof TS;
const check: K6TypeChecker = createK6TypeChecker(ts, readK6Declarations(ts, packages));
// Parses and binds the declarations now, so the first job's deadline counts only its own work.
check('export default function () {}\n');
parentPort!.on('message', (job: K6TypeJob) => {
  let reply: K6WorkerMessage;
  try {
    reply = { type: 'done', id: job.id, issues: check(job.source) };
  } catch {
    reply = { type: 'failed', id: job.id };
  }
  parentPort!.postMessage(reply);
});
parentPort!.postMessage({ type: 'ready' } satisfies K6WorkerMessage);
