import { describe, expect, it } from 'vitest';
import { Timeline, TIMELINE_MAX_SECONDS } from './timeline.js';

const T0 = 1_700_000_000_000;

describe('Timeline', () => {
  it('counts requests per whole second and carries the last user count over silent seconds', () => {
    const t = new Timeline();
    t.activeUsers(T0, 2);
    for (const ms of [0, 100, 900, 1500, 3200, 4100]) t.request(T0 + ms);
    t.activeUsers(T0 + 1400, 3); // the highest count of a second
    t.activeUsers(T0 + 1600, 2);
    t.activeUsers(T0 + 3000, 5);
    // Seconds 0 and 4 (the run starts and stops inside them) are left out.
    expect(t.history()).toEqual([
      { t: 1, users: 3, rps: 1, p95_ms: null },
      { t: 2, users: 3, rps: 0, p95_ms: null },
      { t: 3, users: 5, rps: 1, p95_ms: null },
    ]);
  });

  it('takes a timestamp before the first one (rows out of order)', () => {
    const t = new Timeline();
    t.activeUsers(T0 + 3000, 1);
    t.request(T0 + 3000);
    t.request(T0 + 2000);
    t.request(T0);
    expect(t.history().map((p) => [p.t, p.rps, p.users])).toEqual([
      [1, 0, 0],
      [2, 1, 0],
    ]);
  });

  it('adds runners of one run: requests and users sum second by second', () => {
    const a = new Timeline();
    const b = new Timeline();
    a.activeUsers(T0, 2);
    for (const ms of [0, 1000, 2000, 3000]) a.request(T0 + ms); // a reports users only once: still 2
    b.activeUsers(T0 + 1000, 4);
    for (const ms of [1000, 1500, 2000, 3000]) b.request(T0 + ms);
    const all = new Timeline();
    all.add(a);
    all.add(b);
    // Also when the first runner's own timeline is the one merged into.
    a.add(b);
    expect(a.history()).toEqual(all.history());
    expect(all.history().map((p) => [p.t, p.rps, p.users])).toEqual([
      [1, 3, 6],
      [2, 2, 6],
    ]);
  });

  it('has no history without a user count, and stops tracking past a week', () => {
    const t = new Timeline();
    t.request(T0);
    expect(t.history()).toEqual([]);
    t.request(T0 + TIMELINE_MAX_SECONDS * 1000);
    expect(t.overflow).toBe(true);
  });
});
