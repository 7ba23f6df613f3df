/**
 * Requests started and users active, second by second, in a raw run: the load-over-time
 * history a capacity fit needs, from the tool's own user count (k6's `vus` gauge, JMeter's
 * `allThreads` column) and the requests' timestamps.
 */
import type { HistoryPoint } from './model.js';

/** Longer spans are not tracked second by second (a week). */
export const TIMELINE_MAX_SECONDS = 7 * 86_400;

export class Timeline {
  /** Epoch second of index 0, set by the first timestamp. */
  private base: number | null = null;
  private requests: number[] = [];
  /** Highest user count reported in each second; -1 where none was. */
  private users: number[] = [];
  /** A timestamp fell outside the tracked span (or it grew past TIMELINE_MAX_SECONDS). */
  overflow = false;

  private slot(ms: number): number {
    const second = Math.floor(ms / 1000);
    if (this.base === null) this.base = second;
    if (second < this.base) {
      // Out-of-order data before the first second: shift everything right.
      const shift = this.base - second;
      if (this.requests.length + shift > TIMELINE_MAX_SECONDS) {
        this.overflow = true;
        return -1;
      }
      this.requests = new Array<number>(shift).fill(0).concat(this.requests);
      this.users = new Array<number>(shift).fill(-1).concat(this.users);
      this.base = second;
    }
    const i = second - this.base;
    if (i >= TIMELINE_MAX_SECONDS) {
      this.overflow = true;
      return -1;
    }
    while (this.requests.length <= i) {
      this.requests.push(0);
      this.users.push(-1);
    }
    return i;
  }

  /** A request started at `ms` (epoch milliseconds). */
  request(ms: number): void {
    const i = this.slot(ms);
    if (i >= 0) this.requests[i]!++;
  }

  /** The tool reported `n` active users at `ms`. */
  activeUsers(ms: number, n: number): void {
    if (!(n >= 0)) return;
    const i = this.slot(ms);
    if (i >= 0 && n > this.users[i]!) this.users[i] = n;
  }

  get hasUsers(): boolean {
    return this.users.some((u) => u >= 0);
  }

  /** Users per second with the last report carried over seconds that had none (0 before the first). */
  private carriedUsers(): number[] {
    let last = 0;
    return this.users.map((u) => (u >= 0 ? (last = u) : last));
  }

  /** Adds another runner's timeline of the same run: requests add up, and so do users. */
  add(other: Timeline): void {
    if (other.base === null) return;
    if (this.hasUsers) this.users = this.carriedUsers(); // a runner's count holds until its next report
    const users = other.hasUsers ? other.carriedUsers() : null;
    other.requests.forEach((count, j) => {
      const i = this.slot((other.base! + j) * 1000);
      if (i < 0) return;
      this.requests[i]! += count;
      if (users) this.users[i] = Math.max(this.users[i]!, 0) + users[j]!;
    });
    this.overflow ||= other.overflow;
  }

  /**
   * One point per whole second, `t` counted from the run's first second. The first and the last
   * second are left out: the run started and stopped inside them, so their request counts are
   * cut short. Empty when the tool reported no user count.
   */
  history(): HistoryPoint[] {
    if (!this.hasUsers) return [];
    const users = this.carriedUsers();
    const points: HistoryPoint[] = [];
    for (let t = 1; t < this.requests.length - 1; t++) points.push({ t, users: users[t]!, rps: this.requests[t]!, p95_ms: null });
    return points;
  }
}
