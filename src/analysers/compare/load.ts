/**
 * Was the load the same on both sides? Compares the fields both descriptors know (VUs,
 * arrival rate, duration, think time); a field differs when |after / before − 1| exceeds the
 * tolerance (default 10 %: a 60 s run against a 62 s one is the same test, 50 users against 100
 * is not). A field known on one side only is not a difference, but it is named in a note.
 */
import type { LoadDescriptor, LoadDifference } from './types.js';

export const DEFAULT_LOAD_TOLERANCE = 0.1;

const FIELDS: readonly (keyof LoadDescriptor)[] = ['vus', 'arrival_rate', 'duration_s', 'think_time_ms'];
const LABELS: Record<keyof LoadDescriptor, string> = {
  vus: 'users (VUs)',
  arrival_rate: 'arrival rate',
  duration_s: 'duration',
  think_time_ms: 'think time',
};
const UNITS: Record<keyof LoadDescriptor, string> = { vus: '', arrival_rate: ' /s', duration_s: ' s', think_time_ms: ' ms' };

export interface LoadCheck {
  differences: LoadDifference[];
  /** Fields known on one side only. */
  oneSided: (keyof LoadDescriptor)[];
}

export function compareLoad(before: LoadDescriptor | undefined, after: LoadDescriptor | undefined, tolerance = DEFAULT_LOAD_TOLERANCE): LoadCheck {
  const differences: LoadDifference[] = [];
  const oneSided: (keyof LoadDescriptor)[] = [];
  for (const field of FIELDS) {
    const b = before?.[field];
    const a = after?.[field];
    const known = (x: number | undefined): x is number => typeof x === 'number' && Number.isFinite(x);
    if (!known(b) && !known(a)) continue;
    if (!known(b) || !known(a)) {
      oneSided.push(field);
      continue;
    }
    if (a === b) continue;
    const change = b === 0 ? Infinity : a / b - 1;
    if (Math.abs(change) > tolerance) differences.push({ field, before: b, after: a, change_pct: 100 * change });
  }
  return { differences, oneSided };
}

/** "users (VUs) 50 → 100 (+100 %)". */
export function describeLoadDifference(d: LoadDifference): string {
  const u = UNITS[d.field];
  const pct = Number.isFinite(d.change_pct) ? ` (${d.change_pct > 0 ? '+' : ''}${d.change_pct.toFixed(0)} %)` : '';
  return `${LABELS[d.field]} ${d.before}${u} → ${d.after}${u}${pct}`;
}

export function describeLoadField(field: keyof LoadDescriptor): string {
  return LABELS[field];
}
