/**
 * Checks `measured` sources and evidence references against the sandbox: the file must
 * exist (through the sandbox, never node:fs) and, for `path:line`, the line too.
 */
import { UserInputError } from '../errors.js';
import type { Sandbox } from '../sandbox/sandbox.js';

export interface EvidenceRef {
  path: string;
  /** 1-based; both set for a line, `end` > `start` for a range. */
  start?: number;
  end?: number;
}

/** Splits `path`, `path:12` or `path:12-18`. */
export function parseRef(ref: string): EvidenceRef {
  const m = /^(.+?):(\d+)(?:-(\d+))?$/.exec(ref.trim());
  if (!m) return { path: ref.trim() };
  const start = Number(m[2]);
  const end = m[3] === undefined ? start : Number(m[3]);
  return { path: m[1]!, start, end };
}

/** Counts lines of a file by streaming it, stopping once `atLeast` is reached. */
async function countLines(sandbox: Sandbox, path: string, atLeast: number): Promise<number> {
  const file = await sandbox.resolve(path, 'file');
  let lines = 0;
  let last = 0x0a;
  for await (const chunk of sandbox.openRead(file) as AsyncIterable<Buffer>) {
    for (const byte of chunk) if (byte === 0x0a) lines++;
    if (chunk.length > 0) last = chunk[chunk.length - 1]!;
    if (lines >= atLeast) return lines;
  }
  return last === 0x0a ? lines : lines + 1;
}

/** `promql <query> @ <source> [<time>]` or `[<start>, <end>, <step>]`: the provenance the metrics tools give. */
const PROMQL_REF = /^promql (.+) @ ([A-Za-z0-9][A-Za-z0-9_.-]{0,63}) \[([^\]]+)\]$/s;

/** The query, source and times of a Prometheus provenance, or null when `ref` is not one. */
export function parsePromqlRef(ref: string): { query: string; source: string; at: string } | null {
  const m = PROMQL_REF.exec(ref.trim());
  return m ? { query: m[1]!, source: m[2]!, at: m[3]! } : null;
}

/** A Prometheus provenance must be well formed and name a source ace.config.json configures. */
function checkPromqlRef(sandbox: Sandbox, ref: string, where: string): void {
  const parsed = parsePromqlRef(ref);
  if (!parsed) {
    throw new UserInputError(
      `${where}: measured source "${ref}" must read "promql <query> @ <source> [<time>]", as metrics_query and metrics_red_baseline give it: copy it from their result`,
    );
  }
  if (!sandbox.prometheus.some((s) => s.name === parsed.source)) {
    throw new UserInputError(`${where}: measured source "${ref}" names prometheus source "${parsed.source}", which ace.config.json does not configure`);
  }
}

/**
 * Throws UserInputError naming `where` when the reference does not point at an existing
 * file (and line) inside the project, or, for `promql ...`, at a configured Prometheus.
 */
export async function checkRef(sandbox: Sandbox, ref: string, where: string, requireLine = false): Promise<void> {
  if (ref.trim().startsWith('promql ') && !requireLine) return checkPromqlRef(sandbox, ref, where);
  const parsed = parseRef(ref);
  if (requireLine && parsed.start === undefined) {
    throw new UserInputError(`${where}: evidence "${ref}" must be "path:line" (a file and a line that exist)`);
  }
  try {
    if (parsed.start === undefined) {
      await sandbox.resolve(parsed.path, 'file');
      return;
    }
    const end = parsed.end ?? parsed.start;
    if (parsed.start < 1 || end < parsed.start) {
      throw new UserInputError(`${where}: "${ref}" has an invalid line range`);
    }
    const lines = await countLines(sandbox, parsed.path, end);
    if (lines < end) {
      throw new UserInputError(`${where}: "${ref}" cites line ${end} but ${parsed.path} has ${lines} line(s)`);
    }
  } catch (err) {
    if (err instanceof UserInputError && err.message.startsWith(where)) throw err;
    const why = err instanceof Error ? err.message : String(err);
    throw new UserInputError(`${where}: measured source "${ref}" refused: ${why}`);
  }
}

interface Found {
  ref: string;
  where: string;
}

/** Every `{kind: 'measured', ref}` object inside `value`, with its JSON path. */
export function findMeasuredRefs(value: unknown, path = ''): Found[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => findMeasuredRefs(v, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  const obj = value as Record<string, unknown>;
  if (obj.kind === 'measured' && typeof obj.ref === 'string') return [{ ref: obj.ref, where: path || 'source' }];
  return Object.entries(obj).flatMap(([k, v]) => findMeasuredRefs(v, path ? `${path}.${k}` : k));
}

/** Checks every measured source inside a tool's parameters. */
export async function checkMeasuredSources(sandbox: Sandbox, params: unknown): Promise<void> {
  for (const { ref, where } of findMeasuredRefs(params)) await checkRef(sandbox, ref, where);
}
