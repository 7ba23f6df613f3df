/**
 * Reading the load-test files found through `loadtest_summary`, so that no single file can stop
 * the audit: the files are read together (raw files of one run merge, a Locust run's files
 * combine); when that fails, each unit (one file, or one Locust run's files) is read alone to
 * find the ones that fail, and those are set aside with the tool's message.
 */
import type { LoadTestResult } from './types.js';
import type { AuditContext } from './context.js';
import type { SkippedFile } from './evidence.js';

/** loadtest_summary takes at most this many paths per call. */
const PATHS_PER_CALL = 50;
/** Endpoints per result: enough for per-endpoint rows. */
const ENDPOINTS_PER_RESULT = 50;

const LOCUST_PART = /_(stats|stats_history|failures|exceptions)\.csv$/;

/** Files read together: a Locust run's files (same prefix), else one file each. */
export function readingUnits(paths: readonly string[]): string[][] {
  const units = new Map<string, string[]>();
  for (const p of paths) {
    const key = LOCUST_PART.test(p) ? `locust:${p.replace(LOCUST_PART, '')}` : `file:${p}`;
    units.set(key, [...(units.get(key) ?? []), p]);
  }
  return [...units.values()];
}

/** Units packed into calls of at most PATHS_PER_CALL paths, a unit never split. */
function batches(units: readonly string[][]): string[][][] {
  const out: string[][][] = [];
  let current: string[][] = [];
  let size = 0;
  for (const u of units) {
    if (size + u.length > PATHS_PER_CALL && current.length > 0) {
      out.push(current);
      current = [];
      size = 0;
    }
    current.push(u);
    size += u.length;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/** The tool's message without the "loadtest_summary: " prefix the caller adds. */
const message = (err: unknown) => (err as Error).message.replace(/^loadtest_summary: /, '');

export interface LoadTestReading {
  results: LoadTestResult[];
  skipped: SkippedFile[];
}

/** Reads every file it can; `formats` names the format sniffed for each path (for the skip notes). */
export async function readLoadTests(ctx: AuditContext, paths: readonly string[], formats: (path: string) => string | null): Promise<LoadTestReading> {
  const summary = (files: readonly string[]) => ctx.ace.tool('loadtest_summary', { paths: [...files], limit: ENDPOINTS_PER_RESULT }).then((r) => r.results);
  const results: LoadTestResult[] = [];
  const skipped: SkippedFile[] = [];
  const skip = (file: string, err: unknown) => skipped.push({ path: file, tried: formats(file), reason: message(err) });

  /** The files of a unit that can be read: each alone, a Locust failures file with its stats file. */
  const usable = async (unit: readonly string[]): Promise<string[]> => {
    try {
      await summary(unit);
      return [...unit];
    } catch (err) {
      if (unit.length === 1) {
        skip(unit[0]!, err);
        return [];
      }
    }
    const main = unit.filter((p) => /_stats(_history)?\.csv$/.test(p));
    const good: string[] = [];
    for (const p of main) {
      try {
        await summary([p]);
        good.push(p);
      } catch (err) {
        skip(p, err);
      }
    }
    for (const p of unit.filter((x) => !main.includes(x))) {
      if (good.length === 0) {
        skip(p, new Error(`the run's stats file could not be read, and a ${/_failures/.test(p) ? 'failures' : 'exceptions'} file alone has no request counts`));
        continue;
      }
      try {
        await summary([...good, p]);
        good.push(p);
      } catch (err) {
        skip(p, err);
      }
    }
    return good;
  };

  for (const batch of batches(readingUnits(paths))) {
    try {
      results.push(...(await summary(batch.flat())));
      continue;
    } catch {
      // One or more units fail: find them, then read the others together.
    }
    const good: string[][] = [];
    for (const unit of batch) {
      const files = await usable(unit);
      if (files.length > 0) good.push(files);
    }
    if (good.length === 0) continue;
    try {
      results.push(...(await summary(good.flat())));
    } catch {
      // Every unit reads alone but not together: report them apart rather than lose them.
      for (const unit of good) results.push(...(await summary(unit).catch(() => [])));
    }
  }
  return { results, skipped };
}
