import { describe, expect, it } from 'vitest';
import { formatDuration, formatTime, parseDuration, parseTime } from './time.js';

describe('Prometheus durations and times', () => {
  it('reads durations as Prometheus writes them, or plain seconds', () => {
    expect(parseDuration('90s', 'w')).toBe(90);
    expect(parseDuration('1h30m', 'w')).toBe(5400);
    expect(parseDuration('30d', 'w')).toBe(30 * 86_400);
    expect(parseDuration('250ms', 'w')).toBe(0.25);
    expect(parseDuration(12, 'w')).toBe(12);
    expect(parseDuration('12', 'w')).toBe(12);
    expect(() => parseDuration('1 hour', 'window')).toThrow(/window "1 hour" is not a duration: .*"5m"/);
    expect(() => parseDuration('0s', 'step')).toThrow(/longer than zero/);
    expect(() => parseDuration(-1, 'step')).toThrow(/positive/);
  });

  it('writes the shortest duration', () => {
    expect(formatDuration(5400)).toBe('1h30m');
    expect(formatDuration(86_400 * 30)).toBe('30d');
    expect(formatDuration(5)).toBe('5s');
    expect(formatDuration(1.5)).toBe('1500ms');
  });

  it('resolves now, now-<duration>, Unix seconds and RFC 3339 to Unix seconds', () => {
    const now = 1_800_000_000;
    expect(parseTime(undefined, 't', now)).toBe(now);
    expect(parseTime('now', 't', now)).toBe(now);
    expect(parseTime('now-1h', 't', now)).toBe(now - 3600);
    expect(parseTime('1700000000.5', 't', now)).toBe(1_700_000_000.5);
    expect(parseTime('2026-12-01T20:00:00Z', 't', now)).toBe(Date.parse('2026-12-01T20:00:00Z') / 1000);
    expect(() => parseTime('yesterday', 'start', now)).toThrow(/start "yesterday" is not a time/);
    expect(() => parseTime('Dec 1 2026', 'start', now)).toThrow(/RFC 3339/);
    expect(formatTime(1_800_000_000)).toBe('2027-01-15T08:00:00Z');
    expect(formatTime(1_800_000_000.25)).toBe('2027-01-15T08:00:00.250Z');
  });
});
