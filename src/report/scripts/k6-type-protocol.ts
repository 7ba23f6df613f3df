/** Messages between the k6 type-check thread (k6-type-thread.ts) and its worker (k6-type-worker.ts). */
import type { DeclarationPackages } from './k6-declarations.js';
import type { TypeIssue } from './k6-type-checker.js';

/** Where the worker loads the compiler and the declarations from: absolute paths the main thread resolved. */
export type K6WorkerData = DeclarationPackages;

export interface K6TypeJob {
  id: number;
  source: string;
}

export type K6WorkerMessage = { type: 'ready' } | { type: 'done'; id: number; issues: TypeIssue[] } | { type: 'failed'; id: number };
