/**
 * Per-request samples of one raw run, bounded while they are read. Requests are kept 1 in
 * `stride` in arrival order; when the buffer passes its cap every other kept sample is dropped
 * and the stride doubles, so the kept ones stay evenly spread over the run (systematic
 * thinning, deterministic) and memory never exceeds the cap. Exact counts are kept besides.
 * Endpoint names are folded into route templates (ids → {id}) as loadtest_summary groups them,
 * at most MAX_ENDPOINTS of them, the rest under OTHER_ENDPOINTS.
 */
import type { RawSample } from '../compare/types.js';
import { MAX_ENDPOINTS, OTHER_ENDPOINTS } from './model.js';
import { routeTemplate } from './route.js';

const NAME_CACHE_MAX = 10_000;

export class SampleBuffer {
  samples: RawSample[] = [];
  /** One kept request in `stride`. */
  stride = 1;
  private seen = 0;
  /** Exact counts over every request read, thinned or not. */
  requests = 0;
  errors = 0;
  firstStartMs = Infinity;
  lastEndMs = -Infinity;
  /** Start of the last request: the load's duration is first to last start (latency apart). */
  lastStartMs = -Infinity;
  /** Highest active-user count the tool reported (k6 `vus`, JMeter allThreads); 0 when none. */
  maxUsers = 0;
  /** Requests without a timestamp: their file order stands in for time. */
  untimed = 0;
  private readonly templates = new Set<string>();
  private readonly cache = new Map<string, string>();

  constructor(readonly cap: number) {}

  /** The route template of a raw name, or OTHER_ENDPOINTS once MAX_ENDPOINTS are kept. */
  endpointOf(name: string): string {
    const hit = this.cache.get(name);
    if (hit !== undefined) return hit;
    let template = routeTemplate(name);
    if (!this.templates.has(template)) {
      if (this.templates.size >= MAX_ENDPOINTS) template = OTHER_ENDPOINTS;
      else this.templates.add(template);
    }
    if (this.cache.size >= NAME_CACHE_MAX) this.cache.clear();
    this.cache.set(name, template);
    return template;
  }

  record(name: string, latencyMs: number, ok: boolean, startMs: number | undefined): void {
    this.requests++;
    if (!ok) this.errors++;
    let t = startMs;
    if (t === undefined || !Number.isFinite(t)) {
      t = this.untimed++;
    } else {
      if (t < this.firstStartMs) this.firstStartMs = t;
      if (t + latencyMs > this.lastEndMs) this.lastEndMs = t + latencyMs;
      if (t > this.lastStartMs) this.lastStartMs = t;
    }
    if (this.seen++ % this.stride !== 0) return;
    this.samples.push({ t_ms: t, latency_ms: latencyMs, ok, endpoint: this.endpointOf(name) });
    if (this.samples.length > this.cap) {
      this.samples = this.samples.filter((_, i) => i % 2 === 0);
      this.stride *= 2;
    }
  }

  activeUsers(n: number): void {
    if (n > this.maxUsers) this.maxUsers = n;
  }

  /** Time span of the timed requests, epoch ms; nulls without timestamps. */
  span(): { firstStartMs: number | null; lastEndMs: number | null } {
    return this.lastEndMs >= this.firstStartMs ? { firstStartMs: this.firstStartMs, lastEndMs: this.lastEndMs } : { firstStartMs: null, lastEndMs: null };
  }

  /** Adds another file of the same run (distributed runners), re-thinned to the cap. */
  add(other: SampleBuffer): void {
    this.requests += other.requests;
    this.errors += other.errors;
    this.firstStartMs = Math.min(this.firstStartMs, other.firstStartMs);
    this.lastEndMs = Math.max(this.lastEndMs, other.lastEndMs);
    this.lastStartMs = Math.max(this.lastStartMs, other.lastStartMs);
    this.maxUsers += other.maxUsers; // distributed runners: their users add up
    this.untimed += other.untimed;
    const all = this.samples.concat(other.samples).sort((a, b) => a.t_ms - b.t_ms);
    const k = Math.ceil(all.length / this.cap);
    this.samples = k > 1 ? all.filter((_, i) => i % k === 0) : all;
    this.stride = Math.max(this.stride, other.stride) * k;
  }
}
