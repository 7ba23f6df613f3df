/**
 * What Locust's response-time buckets do to the percentiles it reports, from Locust's source
 * (locust/stats.py, StatsEntry._log_response_time, Locust 2.12.1 as Debian ships it): every
 * response time is counted under a rounded key, and percentiles are read back from those keys.
 */
export const LOCUST_ROUNDING = [
  'Locust keeps no raw samples: each response time is counted under a rounded key (Python `round`, ties to even): below 100 ms to the nearest 1 ms, from 100 ms to the nearest 10 ms, from 1,000 ms to the nearest 100 ms, from 10,000 ms to the nearest 1,000 ms (2 significant digits from 100 ms on).',
  'Its percentiles are the key at which the cumulative count reaches the rank: a percentile is a rounded value, up to 5 % off just above 100 ms, 1,000 ms and 10,000 ms (half a step), about 0.5 % just below them, and up to 0.5 ms below 100 ms.',
  'Workers send these counts to the master, which adds them up: the merge itself loses nothing more, so a distributed run is exactly as precise as a single process. Count, failures, min, max and mean are exact.',
  "Ace reports a Locust run from the master's CSV (run_stats.csv) as Locust wrote it: the same rounded percentiles, marked not mergeable. For exact percentiles across runners, use k6 (raw NDJSON per runner) or a JTL.",
] as const;
