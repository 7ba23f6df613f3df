/**
 * Runs appended to one raw file. A JMeter listener that writes to an existing file appends the
 * next run to it, so one JTL can hold several tests hours apart; merged, they would read as one
 * run of half a day at a trickle. A new run starts where the samples stop for longer than
 * RUN_GAP_MS, or where a sample ended before the current run had begun (timestamps jump back:
 * files concatenated). A sample out of order within its own thread beyond the tolerance is a
 * row the tool could not have written.
 */
import { RawAccumulator } from './model.js';
import { LineError } from './errors.js';

/** Silence between two samples that separates two runs (no test idles this long between samples). */
export const RUN_GAP_MS = 5 * 60_000;
/**
 * How far a sample's end may precede the start of an earlier sample of its thread: JMeter's
 * timestamps are milliseconds and a parent sample (a Transaction Controller) is written after
 * its children, starting before them but ending after them; a second of slack covers clocks.
 */
export const THREAD_ORDER_SLACK_MS = 1000;
export const MAX_RUNS_PER_FILE = 20;
const MAX_THREADS_TRACKED = 100_000;

export class RunSplitter {
  readonly runs: RawAccumulator[] = [new RawAccumulator()];
  private firstStart = Infinity;
  private maxEnd = -Infinity;
  private threads = new Map<string, number>();
  /** Why each run after the first began, for the notes. */
  readonly breaks: string[] = [];

  get current(): RawAccumulator {
    return this.runs[this.runs.length - 1]!;
  }

  /**
   * The run a sample belongs to; null when it is out of order within its thread (a bad row).
   * Samples without a timestamp all go to the current run.
   */
  place(startMs: number | undefined, elapsedMs: number, thread: string | undefined, lineNo: number): RawAccumulator | null {
    if (startMs === undefined) return this.current;
    const end = startMs + elapsedMs;
    if (this.maxEnd > -Infinity) {
      const gap = startMs - this.maxEnd;
      if (gap > RUN_GAP_MS) this.newRun(`line ${lineNo}: ${Math.round(gap / 1000)} s without a sample`);
      else if (end < this.firstStart - THREAD_ORDER_SLACK_MS)
        this.newRun(`line ${lineNo}: timestamps jump back ${Math.round((this.firstStart - startMs) / 1000)} s, before the run began`);
    }
    if (thread !== undefined) {
      const prev = this.threads.get(thread);
      if (prev !== undefined && end + THREAD_ORDER_SLACK_MS < prev) return null;
      if (prev !== undefined || this.threads.size < MAX_THREADS_TRACKED) this.threads.set(thread, Math.max(prev ?? -Infinity, startMs));
    }
    if (startMs < this.firstStart) this.firstStart = startMs;
    if (end > this.maxEnd) this.maxEnd = end;
    return this.current;
  }

  /** A header line again in the middle of the file: files were concatenated. */
  restart(lineNo: number): void {
    if (this.maxEnd > -Infinity) this.newRun(`line ${lineNo}: a header line again`);
  }

  private newRun(why: string): void {
    if (this.runs.length >= MAX_RUNS_PER_FILE) throw new LineError(null, `${why}: more than ${MAX_RUNS_PER_FILE} runs appended in one file; split it`);
    this.runs.push(new RawAccumulator());
    this.breaks.push(why);
    this.firstStart = Infinity;
    this.maxEnd = -Infinity;
    this.threads = new Map();
  }

  /** Runs that hold samples. */
  filled(): RawAccumulator[] {
    return this.runs.filter((r) => r.endpoints.size > 0);
  }
}
