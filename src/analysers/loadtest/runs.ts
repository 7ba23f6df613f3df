/**
 * Which raw files are one run. Files written by distributed runners of one test overlap in
 * time and merge into one result; files whose time spans do not overlap are separate runs (last
 * week's and today's), whose merge would invent a test that lasted days.
 */

/** A raw file's time span, in epoch milliseconds; `null` when it holds no timestamps. */
export interface TimedPart {
  firstStartMs: number | null;
  lastEndMs: number | null;
}

/**
 * k6's CSV output has whole-second timestamps: spans that miss each other by less than this
 * still count as overlapping.
 */
export const OVERLAP_SLACK_MS = 1000;

/**
 * Groups parts into runs, each in time order; runs in the order they started. Parts without
 * timestamps cannot be placed in time and form one group of their own, last.
 */
export function groupIntoRuns<T extends TimedPart>(parts: readonly T[]): T[][] {
  const timed = parts.filter((p) => p.firstStartMs !== null && p.lastEndMs !== null);
  const untimed = parts.filter((p) => p.firstStartMs === null || p.lastEndMs === null);
  timed.sort((a, b) => a.firstStartMs! - b.firstStartMs!);
  const runs: T[][] = [];
  let runEnd = -Infinity;
  for (const part of timed) {
    const current = runs.at(-1);
    if (current && part.firstStartMs! <= runEnd + OVERLAP_SLACK_MS) {
      current.push(part);
      runEnd = Math.max(runEnd, part.lastEndMs!);
    } else {
      runs.push([part]);
      runEnd = part.lastEndMs!;
    }
  }
  if (untimed.length > 0) runs.push(untimed);
  return runs;
}
