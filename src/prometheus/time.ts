/**
 * Times and durations as Prometheus writes them ("5m", "1h30m", RFC 3339, Unix seconds), plus
 * "now" and "now-1h", resolved to Unix seconds on our side so every provenance names absolute times.
 */
import { UserInputError } from '../errors.js';

const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;

/** Seconds in a Prometheus duration ("90s", "1h30m") or a plain number of seconds. */
export function parseDuration(text: string | number, what: string): number {
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text > 0) return text;
    throw new UserInputError(`${what} must be a positive number of seconds or a duration such as "5m"`);
  }
  const trimmed = text.trim();
  if (/^\d+(?:\.\d+)?$/.test(trimmed) && Number(trimmed) > 0) return Number(trimmed);
  if (!DURATION.test(trimmed)) throw new UserInputError(`${what} "${trimmed}" is not a duration: write it as Prometheus does, e.g. "30s", "5m", "1h30m", "7d"`);
  let seconds = 0;
  for (const [, n, unit] of trimmed.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)) seconds += Number(n) * UNIT_SECONDS[unit!]!;
  if (seconds <= 0) throw new UserInputError(`${what} must be longer than zero`);
  return seconds;
}

/** The shortest Prometheus duration for whole seconds ("1h30m"), or "<n>ms" below one second. */
export function formatDuration(seconds: number): string {
  if (!Number.isInteger(seconds)) return `${Math.round(seconds * 1000)}ms`;
  let rest = seconds;
  let out = '';
  for (const [unit, size] of [
    ['d', 86_400],
    ['h', 3600],
    ['m', 60],
    ['s', 1],
  ] as const) {
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out || '0s';
}

/** Unix seconds for "now", "now-1h", Unix seconds or an RFC 3339 date. */
export function parseTime(text: string | number | undefined, what: string, now: number): number {
  if (text === undefined) return now;
  if (typeof text === 'number') {
    if (Number.isFinite(text) && text >= 0) return text;
    throw new UserInputError(`${what} must be Unix seconds, an RFC 3339 date, "now" or "now-<duration>"`);
  }
  const trimmed = text.trim();
  if (trimmed === 'now') return now;
  const relative = /^now-(.+)$/.exec(trimmed);
  if (relative) return now - parseDuration(relative[1]!, what);
  if (/^\d+(?:\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const ms = Date.parse(trimmed);
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed) && Number.isFinite(ms)) return ms / 1000;
  throw new UserInputError(`${what} "${trimmed}" is not a time: give Unix seconds, an RFC 3339 date (2026-12-01T20:00:00Z), "now" or "now-1h"`);
}

/** RFC 3339 in UTC, to the millisecond only when it has one. */
export function formatTime(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  return iso.endsWith('.000Z') ? iso.replace('.000Z', 'Z') : iso;
}
