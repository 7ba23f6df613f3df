/**
 * A pool of search worker threads, one per core, shared by every grep call. Matching runs
 * there so the event loop stays free; a call past its deadline has its busy workers
 * terminated and replaced, so a catastrophic pattern costs that call only.
 *
 * The deadline counts work, not queueing: a search's clock runs only while a worker is busy
 * with one of its batches, so many calls waiting for the workers are slow, never timed out.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BatchReply, BatchRequest, FileMatches, SearchQuery } from './protocol.js';

export interface SearchOutcome {
  matches: FileMatches[];
  skippedBinary: number;
  skippedLarge: number;
  unreadable: number;
}

export class SearchTimeout extends Error {
  override readonly name = 'SearchTimeout';
}
export class SearchCancelled extends Error {
  override readonly name = 'SearchCancelled';
}

interface Job {
  request: BatchRequest;
  search: RunningSearch;
}

interface RunningSearch {
  pending: number;
  onReply(reply: BatchReply): void;
  failed: boolean;
  /** The work clock: runs while at least one batch is on a worker. */
  clock: WorkClock;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  /** The thread runs (a batch sent before is started when it does). */
  online: boolean;
  /** The job's batch counts on its search's clock. */
  clocked: boolean;
}

/**
 * Time spent working for one search, summed over the spans when any of its batches is on a
 * worker; calls `expire` once that reaches the deadline.
 */
class WorkClock {
  private busy = 0;
  private spentMs = 0;
  private since = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly deadlineMs: number,
    private readonly expire: () => void,
  ) {}

  start(): void {
    if (this.stopped || this.busy++ > 0) return;
    this.since = performance.now();
    this.timer = setTimeout(() => this.check(), Math.max(0, this.deadlineMs - this.spentMs));
  }

  pause(): void {
    if (this.stopped || --this.busy > 0) return;
    this.spentMs += performance.now() - this.since;
    clearTimeout(this.timer);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  /**
   * Timers run before the loop reads the workers' messages: a reply already waiting is
   * taken first (setImmediate runs after that), so a busy event loop alone never times out.
   */
  private check(): void {
    setImmediate(() => {
      if (this.stopped || this.busy === 0) return;
      const leftMs = this.deadlineMs - (this.spentMs + performance.now() - this.since);
      if (leftMs <= 0) this.expire();
      else this.timer = setTimeout(() => this.check(), leftMs);
    });
  }
}

/** The worker's own module, beside this one (the bundles emit it as a file of its own). */
const WORKER_ENTRY = new URL('./worker.js', import.meta.url);

/** Files per message: large enough to amortise messaging, small enough to balance cores. */
const BATCH_FILES = 512;

export class SearchPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;

  constructor(private readonly size = Math.max(1, Math.min(8, availableParallelism()))) {}

  /**
   * Searches the files `feed` pushes (in any number of pushes, until its promise settles),
   * resolving with every file's matches, or rejecting on deadline, cancel or feed failure.
   */
  search(
    root: string,
    feed: (push: (rels: string[]) => void) => Promise<void>,
    query: SearchQuery,
    deadlineMs: number,
    signal?: AbortSignal,
  ): Promise<SearchOutcome> {
    return new Promise((resolve, reject) => {
      const outcome: SearchOutcome = { matches: [], skippedBinary: 0, skippedLarge: 0, unreadable: 0 };
      let storedLines = 0;
      let fed = false;
      let settled = false;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        search.clock.stop();
        signal?.removeEventListener('abort', onAbort);
        if (err) {
          search.failed = true;
          this.abandon(search);
          reject(err);
        } else resolve(outcome);
      };
      const search: RunningSearch = {
        pending: 0,
        failed: false,
        clock: new WorkClock(deadlineMs, () => finish(new SearchTimeout('deadline'))),
        onReply: (reply) => {
          for (const m of reply.matches) {
            outcome.matches.push(m);
            storedLines += m.lines?.length ?? 0;
          }
          if (storedLines > 2 * query.maxLinesPerFile + 1000) storedLines = keepFirstLines(outcome.matches, query.maxLinesPerFile);
          outcome.skippedBinary += reply.skippedBinary;
          outcome.skippedLarge += reply.skippedLarge;
          outcome.unreadable += reply.unreadable;
          if (--search.pending === 0 && fed) finish();
        },
      };
      const onAbort = () => finish(new SearchCancelled('search cancelled'));
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      const push = (files: string[]) => {
        if (settled) return;
        for (let i = 0; i < files.length; i += BATCH_FILES) {
          search.pending++;
          this.queue.push({ search, request: { id: this.nextId++, query, root, files: files.slice(i, i + BATCH_FILES) } });
        }
        this.dispatch();
      };
      feed(push).then(
        () => {
          fed = true;
          if (search.pending === 0) finish();
        },
        (err: Error) => finish(err),
      );
    });
  }

  /** Drops a failed search's queued batches and replaces the workers busy with it. */
  private abandon(search: RunningSearch): void {
    for (let i = this.queue.length - 1; i >= 0; i--) if (this.queue[i]!.search === search) this.queue.splice(i, 1);
    for (const slot of [...this.slots]) {
      if (slot.job?.search !== search) continue;
      this.slots.splice(this.slots.indexOf(slot), 1);
      this.release(slot);
      void slot.worker.terminate();
    }
    this.dispatch();
  }

  /** Starts the workers ahead of the first search, so it does not pay their start-up. */
  warm(): void {
    while (this.slots.length < this.size) this.slots.push(this.spawn());
  }

  private dispatch(): void {
    while (this.slots.length < this.size && this.queue.length > 0) this.slots.push(this.spawn());
    for (const slot of this.slots) {
      if (slot.job) continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.job = job;
      slot.worker.ref();
      slot.worker.postMessage(job.request);
      if (slot.online) this.startClock(slot);
    }
  }

  /** The slot's batch starts counting on its search's clock. */
  private startClock(slot: Slot): void {
    if (!slot.job || slot.clocked) return;
    slot.clocked = true;
    slot.job.search.clock.start();
  }

  /** The slot's batch is done (or its worker gone): its search's clock stops counting it. */
  private release(slot: Slot): Job | undefined {
    const job = slot.job;
    slot.job = undefined;
    if (job && slot.clocked) job.search.clock.pause();
    slot.clocked = false;
    return job;
  }

  private spawn(): Slot {
    const worker = new Worker(WORKER_ENTRY);
    const slot: Slot = { worker, job: undefined, online: false, clocked: false };
    // A new thread takes a while to start: a batch sent before counts from then on.
    worker.once('online', () => {
      slot.online = true;
      this.startClock(slot);
    });
    worker.on('message', (reply: BatchReply) => {
      const job = this.release(slot);
      if (this.queue.length === 0) worker.unref();
      if (job && !job.search.failed && job.request.id === reply.id) job.search.onReply(reply);
      this.dispatch();
    });
    worker.on('error', () => this.replace(slot));
    worker.on('exit', () => this.replace(slot));
    // After the listeners: adding a 'message' listener refs the worker's port again, and an
    // idle pool must not keep a CLI process alive.
    worker.unref();
    return slot;
  }

  /** A worker died on its own (out of memory, crash): its batch's files are counted unreadable. */
  private replace(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    this.slots.splice(at, 1);
    const job = this.release(slot);
    if (job && !job.search.failed) {
      // Retrying could crash again; count the batch's files as unreadable instead.
      job.search.onReply({ id: job.request.id, matches: [], skippedBinary: 0, skippedLarge: 0, unreadable: job.request.files.length });
    }
    this.dispatch();
  }

  /** Stops every worker (tests, shutdown). */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    this.queue.length = 0;
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }
}

/**
 * Content mode keeps memory bounded: only the first `need` output lines in path order can
 * ever be shown, so the lines of files sorting after them are dropped (counts stay).
 * Returns the lines still held.
 */
function keepFirstLines(matches: FileMatches[], need: number): number {
  matches.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
  let held = 0;
  for (const m of matches) {
    if (held >= need) delete m.lines;
    else held += m.lines?.length ?? 0;
  }
  return held;
}
