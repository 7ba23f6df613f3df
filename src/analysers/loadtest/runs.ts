/**
 * Which raw files are one run. Files written by distributed runners of one test overlap in
 * time and merge into one result; files whose time spans do not overlap are separate runs (last
 * week's and today's), whose merge would invent a test that lasted days. Files are joined as
 * they are read, so only one merged accumulator per run is ever kept in memory.
 */

/** A file, or a run of files, with its time span in epoch milliseconds (null: no timestamps). */
export interface TimedPart {
  firstStartMs: number | null;
  lastEndMs: number | null;
}

/**
 * k6's CSV output has whole-second timestamps: spans that miss each other by less than this
 * still count as overlapping.
 */
export const OVERLAP_SLACK_MS = 1000;

function timed(p: TimedPart): p is { firstStartMs: number; lastEndMs: number } {
  return p.firstStartMs !== null && p.lastEndMs !== null;
}

function overlap(a: TimedPart, b: TimedPart): boolean {
  if (!timed(a) || !timed(b)) return false;
  return a.firstStartMs <= b.lastEndMs + OVERLAP_SLACK_MS && b.firstStartMs <= a.lastEndMs + OVERLAP_SLACK_MS;
}

/**
 * Adds `part` to `runs` (no two of which overlap): it joins every run it overlaps, which become
 * one (the earliest in the list, `merge(into, from)` moving the data); a part without
 * timestamps joins the other untimed ones.
 */
export function addToRuns<T extends TimedPart>(runs: T[], part: T, merge: (into: T, from: T) => void): void {
  const joined = runs.filter((r) => (timed(part) ? overlap(r, part) : !timed(r)));
  if (joined.length === 0) {
    runs.push(part);
    return;
  }
  const [into, ...others] = joined as [T, ...T[]];
  for (const from of [part, ...others]) {
    if (timed(into) && timed(from)) {
      into.firstStartMs = Math.min(into.firstStartMs, from.firstStartMs);
      into.lastEndMs = Math.max(into.lastEndMs, from.lastEndMs);
    }
    merge(into, from);
    if (from !== part) runs.splice(runs.indexOf(from), 1);
  }
}

/** Runs in the order they started; untimed ones last. */
export function byStart<T extends TimedPart>(runs: readonly T[]): T[] {
  return [...runs].sort((a, b) => (a.firstStartMs ?? Infinity) - (b.firstStartMs ?? Infinity));
}
