/**
 * Capacity models.
 * - Little's law: L = λ · W (concurrency = throughput × time in system).
 * - Universal Scalability Law (Gunther): X(N) = λN / (1 + σ(N − 1) + κN(N − 1)), with
 *   σ contention, κ coherency, λ single-user throughput. Peak concurrency N* = √((1 − σ)/κ).
 *   Fitted by Gauss–Newton (Levenberg–Marquardt damping) on the throughput residuals, started
 *   from the linearised fit of Gunther's transform (N/X(N) · λ − 1 against N − 1).
 */
import { UserInputError } from '../errors.js';

export interface LittleInput {
  throughput?: number; // req/s
  latencySeconds?: number; // mean time in system
  concurrency?: number;
}

/** Solves Little's law for whichever of the three is missing. */
export function littlesLaw(input: LittleInput): { concurrency: number; throughput: number; latency_seconds: number; solved_for: string } {
  const { throughput: x, latencySeconds: w, concurrency: l } = input;
  const given = [x, w, l].filter((v) => v !== undefined).length;
  if (given !== 2) throw new UserInputError("Little's law needs exactly two of throughput, latency and concurrency");
  if (l === undefined) return { concurrency: x! * w!, throughput: x!, latency_seconds: w!, solved_for: 'concurrency' };
  if (x === undefined) {
    if (!(w! > 0)) throw new UserInputError('latency must be > 0');
    return { concurrency: l, throughput: l / w!, latency_seconds: w!, solved_for: 'throughput' };
  }
  if (!(x > 0)) throw new UserInputError('throughput must be > 0');
  return { concurrency: l, throughput: x, latency_seconds: l / x, solved_for: 'latency' };
}

export interface Point {
  n: number;
  x: number;
}

export interface UslFit {
  sigma: number;
  kappa: number;
  lambda: number;
  /** Concurrency of peak throughput; null when κ = 0 (no retrograde region). */
  peak_concurrency: number | null;
  max_throughput: number;
  r_squared: number;
  points: number;
  /** Model throughput at chosen concurrencies. */
  projections: { n: number; x: number }[];
}

export function uslThroughput(n: number, p: { sigma: number; kappa: number; lambda: number }): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

function solve3(a: number[][], b: number[]): number[] | null {
  // Gaussian elimination with partial pivoting on a 3×3 system.
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    if (Math.abs(m[piv]![c]!) < 1e-300) return null;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return [m[0]![3]! / m[0]![0]!, m[1]![3]! / m[1]![1]!, m[2]![3]! / m[2]![2]!];
}

function sse(points: Point[], p: { sigma: number; kappa: number; lambda: number }): number {
  let s = 0;
  for (const { n, x } of points) s += (x - uslThroughput(n, p)) ** 2;
  return s;
}

/** Linearised start: with λ ≈ X(1) (or the best X/N), y = N·λ/X − 1 = σ(N−1) + κN(N−1). */
function initialGuess(points: Point[]): { sigma: number; kappa: number; lambda: number } {
  const one = points.find((p) => p.n === 1);
  const lambda = one ? one.x : Math.max(...points.map((p) => p.x / p.n));
  let s11 = 0,
    s12 = 0,
    s22 = 0,
    b1 = 0,
    b2 = 0;
  for (const { n, x } of points) {
    if (n <= 1) continue;
    const y = (n * lambda) / x - 1;
    const a1 = n - 1;
    const a2 = n * (n - 1);
    s11 += a1 * a1;
    s12 += a1 * a2;
    s22 += a2 * a2;
    b1 += a1 * y;
    b2 += a2 * y;
  }
  const det = s11 * s22 - s12 * s12;
  let sigma = 0.05,
    kappa = 0.0001;
  if (Math.abs(det) > 1e-12) {
    sigma = (b1 * s22 - b2 * s12) / det;
    kappa = (s11 * b2 - s12 * b1) / det;
  }
  return { sigma: Math.min(Math.max(sigma, 0), 0.999), kappa: Math.max(kappa, 0), lambda };
}

export function fitUsl(points: Point[], projectAt: number[] = []): UslFit {
  const pts = points.filter((p) => p.n > 0 && p.x > 0 && Number.isFinite(p.n) && Number.isFinite(p.x));
  if (pts.length < 3) throw new UserInputError('a USL fit needs at least 3 points with concurrency > 0 and throughput > 0');
  if (new Set(pts.map((p) => p.n)).size < 3) throw new UserInputError('a USL fit needs at least 3 distinct concurrency levels');
  let p = initialGuess(pts);
  let cost = sse(pts, p);
  let mu = 1e-3;
  for (let iter = 0; iter < 200; iter++) {
    // Jacobian of the model with respect to (σ, κ, λ).
    const jtj = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const jtr = [0, 0, 0];
    for (const { n, x } of pts) {
      const d = 1 + p.sigma * (n - 1) + p.kappa * n * (n - 1);
      const f = (p.lambda * n) / d;
      const g = [(-f * (n - 1)) / d, (-f * n * (n - 1)) / d, n / d];
      const r = x - f;
      for (let i = 0; i < 3; i++) {
        jtr[i]! += g[i]! * r;
        for (let j = 0; j < 3; j++) jtj[i]![j]! += g[i]! * g[j]!;
      }
    }
    let improved = false;
    for (let tries = 0; tries < 20 && !improved; tries++) {
      const a = jtj.map((row, i) => row.map((v, j) => (i === j ? v * (1 + mu) : v)));
      const step = solve3(a, jtr);
      if (!step) break;
      const next = {
        sigma: Math.min(Math.max(p.sigma + step[0]!, 0), 1),
        kappa: Math.max(p.kappa + step[1]!, 0),
        lambda: Math.max(p.lambda + step[2]!, 1e-12),
      };
      const c = sse(pts, next);
      if (c < cost) {
        const rel = (cost - c) / (cost || 1);
        p = next;
        cost = c;
        mu = Math.max(mu / 10, 1e-12);
        improved = true;
        if (rel < 1e-12) iter = 200;
      } else mu *= 10;
    }
    if (!improved) break;
  }
  const mean = pts.reduce((s, q) => s + q.x, 0) / pts.length;
  const sst = pts.reduce((s, q) => s + (q.x - mean) ** 2, 0);
  const r2 = sst > 0 ? 1 - cost / sst : 1;
  const peak = p.kappa > 0 ? Math.sqrt((1 - p.sigma) / p.kappa) : null;
  const maxN = Math.max(...pts.map((q) => q.n));
  const maxX = peak !== null ? uslThroughput(peak, p) : p.sigma > 0 ? p.lambda / p.sigma : uslThroughput(maxN, p);
  const at = projectAt.length ? projectAt : [1, 2, 4, 8, 16, 32, 64, 128, 256].filter((n) => n <= Math.max(4 * maxN, peak ?? 0));
  return {
    sigma: p.sigma,
    kappa: p.kappa,
    lambda: p.lambda,
    peak_concurrency: peak,
    max_throughput: maxX,
    r_squared: r2,
    points: pts.length,
    projections: at.map((n) => ({ n, x: uslThroughput(n, p) })),
  };
}

/** Averages throughput per distinct concurrency (history rows at the same user count). */
export function pointsFromHistory(rows: { users: number; rps: number }[], skipFirstPerLevel = 1): Point[] {
  const by = new Map<number, number[]>();
  let prev = -1;
  let seenAtLevel = 0;
  for (const r of rows) {
    if (r.users !== prev) {
      prev = r.users;
      seenAtLevel = 0;
    }
    seenAtLevel++;
    if (r.users <= 0 || r.rps <= 0) continue;
    if (seenAtLevel <= skipFirstPerLevel) continue; // the first second after a ramp step is transient
    const list = by.get(r.users) ?? [];
    list.push(r.rps);
    by.set(r.users, list);
  }
  return [...by.entries()].sort((a, b) => a[0] - b[0]).map(([n, xs]) => ({ n, x: xs.reduce((s, v) => s + v, 0) / xs.length }));
}

/**
 * The concurrency levels of a history as the capacity fit reads them: steady seconds only (the
 * first second after each change skipped) when at least 3 levels have some, else every second,
 * ramp seconds included (`steady` false: a rough reading).
 */
export function levelsFromHistory(rows: { users: number; rps: number }[]): { points: Point[]; steady: boolean } {
  const steady = pointsFromHistory(rows);
  return steady.length >= 3 ? { points: steady, steady: true } : { points: pointsFromHistory(rows, 0), steady: false };
}
