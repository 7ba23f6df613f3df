/**
 * One worker thread that type-checks k6 scripts, one at a time, with the compiler kept warm
 * between jobs. Each job has a deadline that counts its own work: the clock starts when the
 * job is handed to an idle, ready worker, not when it is queued, and the worker's start-up
 * (loading the compiler, binding the declarations) is not charged to any job. A job past
 * its deadline has the worker terminated; the next job gets a fresh one.
 */
import { Worker } from 'node:worker_threads';
import { declarationPackages } from './k6-declarations.js';
import type { TypeIssue } from './k6-type-checker.js';
import type { K6TypeJob, K6WorkerData, K6WorkerMessage } from './k6-type-protocol.js';

/** The job ran past its deadline, or the worker died on it (out of memory, crash). */
export class K6TypeCheckStopped extends Error {
  override readonly name = 'K6TypeCheckStopped';
}

/** A generous bound on the worker's start-up, which a loaded machine can stretch to seconds. */
const STARTUP_MS = 60_000;
const NOT_STARTED = 'k6 type check unavailable: the checker did not start';
/** The compiler's heap for one script of at most the input cap, with the declarations. */
const WORKER_HEAP_MB = 384;

interface Job {
  request: K6TypeJob;
  deadlineMs: number;
  resolve(issues: TypeIssue[]): void;
  reject(err: Error): void;
}

interface Running {
  worker: Worker;
  ready: boolean;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
}

export class K6TypeThread {
  private running: Running | undefined;
  private readonly queue: Job[] = [];
  private nextId = 1;

  check(source: string, deadlineMs: number): Promise<TypeIssue[]> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, source }, deadlineMs, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops the worker; queued checks fail (tests, shutdown). */
  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    for (const job of this.queue.splice(0)) job.reject(new K6TypeCheckStopped('k6 type check closed'));
    if (running) {
      clearTimeout(running.timer);
      running.job?.reject(new K6TypeCheckStopped('k6 type check closed'));
      await running.worker.terminate();
    }
  }

  private dispatch(): void {
    if (this.queue.length === 0) return;
    const running = (this.running ??= this.spawn());
    running.worker.ref();
    if (!running.ready || running.job) return;
    const job = this.queue.shift()!;
    running.job = job;
    running.timer = setTimeout(
      () => this.stop(running, `k6 type check stopped after ${formatSeconds(job.deadlineMs)}: script too large or too complex`),
      job.deadlineMs,
    );
    running.worker.postMessage(job.request);
  }

  private spawn(): Running {
    const workerData: K6WorkerData = declarationPackages();
    const worker = new Worker(new URL('./k6-type-worker.js', import.meta.url), { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const running: Running = { worker, ready: false, job: undefined, timer: undefined };
    running.timer = setTimeout(() => this.stop(running, NOT_STARTED), STARTUP_MS);
    // Out of memory or a crash: during a job, that job is the likely cause.
    const died = () => this.stop(running, running.ready ? 'k6 type check stopped: script too large or too complex' : NOT_STARTED);
    worker.on('message', (message: K6WorkerMessage) => this.receive(running, message));
    worker.on('error', died);
    worker.on('exit', died);
    // After the listeners (a 'message' listener refs the worker again): an idle checker must
    // not keep a CLI process alive.
    worker.unref();
    return running;
  }

  private receive(running: Running, message: K6WorkerMessage): void {
    if (running !== this.running) return;
    clearTimeout(running.timer);
    running.timer = undefined;
    if (message.type === 'ready') {
      running.ready = true;
    } else {
      const job = running.job;
      running.job = undefined;
      if (job?.request.id === message.id) {
        if (message.type === 'done') job.resolve(message.issues);
        else job.reject(new K6TypeCheckStopped('k6 type check failed on this script'));
      }
    }
    if (this.queue.length === 0) running.worker.unref();
    this.dispatch();
  }

  /**
   * Ends a worker: the job it holds fails with `reason`. Before it was ready, the queued jobs
   * fail too (a worker that cannot start would fail them all the same).
   */
  private stop(running: Running, reason: string): void {
    if (running !== this.running) return;
    this.running = undefined;
    clearTimeout(running.timer);
    void running.worker.terminate();
    running.job?.reject(new K6TypeCheckStopped(reason));
    if (!running.ready) for (const job of this.queue.splice(0)) job.reject(new K6TypeCheckStopped(reason));
    this.dispatch();
  }
}

function formatSeconds(ms: number): string {
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
