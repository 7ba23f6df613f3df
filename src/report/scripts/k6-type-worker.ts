/**
 * The body of the k6 type-check worker thread, shipped as source text (like the grep
 * worker, src/sandbox/search/worker.ts) so the same code runs from src/ under vitest, from
 * dist/ and from the rolldown bundles without a separate file to locate. The compiler and
 * the declarations are loaded here, not on the main thread, from the absolute paths the main
 * thread resolved: never by name from the worker's working directory (the user's project).
 */
import type TS from 'typescript';
import { readK6Declarations, type DeclarationPackages } from './k6-declarations.js';
import { createK6TypeChecker, type K6TypeChecker, type TypeIssue } from './k6-type-checker.js';

export type K6WorkerData = DeclarationPackages;

export interface K6TypeJob {
  id: number;
  source: string;
}

export type K6WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; issues: TypeIssue[] } | { type: 'failed'; id: number };

function k6TypeWorkerMain(readDeclarations: typeof readK6Declarations, createChecker: typeof createK6TypeChecker): void {
  const { parentPort, workerData } = require('node:worker_threads') as typeof import('node:worker_threads');
  const packages = workerData as K6WorkerData;
  const ts = require(packages.typescriptEntry) as typeof TS;
  const check: K6TypeChecker = createChecker(ts, readDeclarations(ts, packages));
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
}

/** The worker's source text, for `new Worker(source, { eval: true, workerData })`. */
export const k6TypeWorkerSource = `(${k6TypeWorkerMain.toString()})(${readK6Declarations.toString()}, ${createK6TypeChecker.toString()});`;
