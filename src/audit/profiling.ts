/**
 * Phase 2 from the CPU profiles: where busy CPU time goes. Shares are of busy time (samples
 * where the process was idle left out, the idle share stated), and the service's own frames
 * come before runtime internals (node:*, node_modules, native code).
 */
import type { AuditContext } from './context.js';
import type { SkippedFile } from './evidence.js';
import type { FunctionCost, ProfileTop } from './types.js';
import { percentOf, significant } from '../numbers.js';
import { inLanguage } from '../report/headings.js';

/** V8's pseudo-frame for samples where the process waited. */
const IDLE = '(idle)';

/** What profile_top returns; busy/idle time and frame origins are read when the tool gives them. */
type ProfileTopOut = ProfileTop;
type Cost = Pick<FunctionCost, 'function' | 'location' | 'self'> & { origin?: string };

/** A frame of the service itself: the tool's `app` origin, else a source location outside the runtime and dependencies. */
export function isServiceFrame(f: Omit<Cost, 'self'>): boolean {
  if (f.origin !== undefined) return f.origin === 'app';
  if (f.function.startsWith('(') && f.function !== '(anonymous)') return false;
  if (!f.location) return false;
  return !/^(node:|internal\/|native |wasm:|\[)/.test(f.location) && !/(^|[\\/])node_modules[\\/]/.test(f.location);
}

export interface BusyShare {
  fn: Cost;
  /** Self time over busy time, 0..1. */
  share: number;
  service: boolean;
}

export interface BusyReading {
  /** Idle samples over the whole profile, 0..1 (0 when the profile records no idle frame). */
  idleShare: number;
  /** Busy time (or samples), in the profile's unit. */
  busy: number;
  /** Service frames first, then runtime frames; V8 pseudo-frames left out. */
  top: BusyShare[];
}

export function busyShares(p: { total: number; by_self: readonly Cost[]; idle_share?: number; busy?: number }, perGroup = 3): BusyReading {
  const idle = p.by_self.find((f) => f.function === IDLE);
  const idleShare = p.idle_share ?? (idle ? idle.self / p.total : 0);
  const busy = p.busy ?? p.total * (1 - idleShare);
  const rows = p.by_self
    .filter((f) => f.function !== IDLE && f.self > 0)
    .map((fn) => ({ fn, share: busy > 0 ? fn.self / busy : 0, service: isServiceFrame(fn) }));
  const service = rows.filter((r) => r.service).slice(0, perGroup);
  const runtime = rows.filter((r) => !r.service && !r.fn.function.startsWith('(')).slice(0, perGroup);
  return { idleShare, busy, top: [...service, ...runtime] };
}

export interface ProfileReading {
  /** Formats of the profiles read (e.g. "cpuprofile"). */
  formats: string[];
  used: string[];
  skipped: SkippedFile[];
}

/** Emits nothing: returns the findings rows and what was read; the caller emits all findings at once. */
export async function readProfiles(
  ctx: AuditContext,
  profiles: readonly string[],
  formats: (path: string) => string | null,
): Promise<ProfileReading & { findings: Record<string, unknown>[] }> {
  const { language } = ctx;
  const findings: Record<string, unknown>[] = [];
  const reading: ProfileReading = { formats: [], used: [], skipped: [] };
  for (const rel of profiles) {
    let top: ProfileTopOut;
    try {
      top = await ctx.ace.tool('profile_top', { path: rel, limit: 60 });
    } catch (err) {
      reading.skipped.push({ path: rel, tried: formats(rel), reason: (err as Error).message.replace(/^profile_top: /, '') });
      continue;
    }
    reading.formats.push(top.format);
    reading.used.push(rel);
    const b = busyShares(top);
    const idleNote =
      b.idleShare > 0
        ? inLanguage(language, {
            fr: `, le processus etant inactif ${percentOf(b.idleShare)} des ${significant(top.total, 4)} ${top.unit} profiles`,
            en: `; the process was idle ${percentOf(b.idleShare)} of the ${significant(top.total, 4)} ${top.unit} profiled`,
          })
        : '';
    for (const s of b.top) {
      const where = s.fn.location ? ` (${s.fn.location.replace(/^.*[\\/]/, '')})` : '';
      const whose = s.service ? inLanguage(language, { fr: 'code du service', en: 'service code' }) : 'runtime';
      findings.push({
        layer: 'application',
        finding: inLanguage(language, {
          fr: `${s.fn.function}${where}, ${whose} : ${percentOf(s.share)} du temps CPU actif (${significant(s.fn.self, 4)} ${top.unit} sur ${significant(b.busy, 4)}${idleNote})`,
          en: `${s.fn.function}${where}, ${whose}: ${percentOf(s.share)} of busy CPU time (${significant(s.fn.self, 4)} of ${significant(b.busy, 4)} ${top.unit}${idleNote})`,
        }),
        evidence: `${rel}:1`,
        cost: { value: significant(s.fn.self, 6), unit: top.unit === 'ms' ? 'ms' : 'count', source: { kind: 'measured', ref: rel } },
      });
    }
    const first = b.top[0];
    ctx.log.push(
      `profile ${rel}: ${top.format}, idle ${percentOf(b.idleShare)}; top ${first?.service ? 'service' : 'runtime'} function ${first ? `${first.fn.function} (${percentOf(first.share)} of busy time)` : '-'}`,
    );
  }
  return { ...reading, findings };
}
