/**
 * Shortens a structured result until its JSON fits a byte cap, keeping its shape: only list
 * lengths and long texts change, so a result that was valid against its output schema stays
 * valid (unless the schema sets a minimum length; the caller checks).
 *
 * Each round measures the result once and shortens the part that holds the most bytes of its
 * own: a list (its leading items are kept) or a long text (its start is kept), not inside a
 * long list (that list is cut as a whole). A part holding more than the whole cap is cut to fit at once; smaller parts
 * lose half at a time, so several big lists share the room rather than the first losing all.
 */

type Json = unknown;
type Path = Array<string | number>;

export interface DataCut {
  /** Where the result was shortened and by how much, e.g. "results[0].errors: 312 of 200000 items". */
  cuts: string[];
  data: Record<string, unknown>;
}

/** A text shorter than this is never cut: it would save little and say little. */
const MIN_TEXT_CHARS = 256;
/**
 * Inside a list longer than this, nothing is cut on its own: the list is cut as a whole (cutting
 * its items' parts one by one would take a round each).
 */
const SHORT_LIST = 8;
/** Rounds before giving up: each shortens one part, and most results need one or two. */
const MAX_ROUNDS = 200;

interface Part {
  path: Path;
  kind: 'list' | 'text';
  /** JSON bytes of the part. */
  bytes: number;
  /** Its bytes less those of the parts inside it. */
  own: number;
}

function jsonBytes(value: Json): number {
  return Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');
}

function isPlainObject(value: Json): value is Record<string, Json> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Measures `root` and finds the part with the most bytes of its own. */
function survey(root: Json): { bytes: number; best: Part | undefined } {
  const path: Path = [];
  let best: Part | undefined;
  const consider = (kind: Part['kind'], bytes: number, own: number) => {
    if (!best || own > best.own) best = { path: [...path], kind, bytes, own };
  };
  /** Returns the value's JSON bytes and the bytes of the parts within it (itself included). */
  const walk = (value: Json): { bytes: number; parts: number } => {
    if (typeof value === 'string') {
      const bytes = jsonBytes(value);
      if (value.length < MIN_TEXT_CHARS) return { bytes, parts: 0 };
      consider('text', bytes, bytes);
      return { bytes, parts: bytes };
    }
    if (Array.isArray(value)) {
      if (value.length > SHORT_LIST) {
        // Nothing inside is cut on its own: measure the list in one go.
        const bytes = jsonBytes(value);
        consider('list', bytes, bytes);
        return { bytes, parts: bytes };
      }
      let bytes = 2 + Math.max(0, value.length - 1);
      let parts = 0;
      for (let i = 0; i < value.length; i++) {
        path.push(i);
        const item = walk(value[i]);
        path.pop();
        bytes += item.bytes;
        parts += item.parts;
      }
      if (value.length === 0) return { bytes, parts: 0 };
      consider('list', bytes, bytes - parts);
      return { bytes, parts: bytes };
    }
    if (isPlainObject(value)) {
      let bytes = 2;
      let parts = 0;
      let fields = 0;
      for (const [key, v] of Object.entries(value)) {
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        path.push(key);
        const field = walk(v);
        path.pop();
        bytes += jsonBytes(key) + 1 + field.bytes;
        parts += field.parts;
        fields++;
      }
      return { bytes: bytes + Math.max(0, fields - 1), parts };
    }
    return { bytes: jsonBytes(value), parts: 0 };
  };
  return { bytes: walk(root).bytes, best };
}

function getAt(root: Json, path: Path): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key];
  return node;
}

/** A copy of `root` with the value at `path` replaced, sharing everything off the path. */
function setAt(root: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const [key, ...rest] = path as [string | number, ...Path];
  if (Array.isArray(root)) {
    const copy = [...(root as Json[])];
    copy[key as number] = setAt(copy[key as number], rest, value);
    return copy;
  }
  const copy = { ...(root as Record<string, Json>) };
  copy[key] = setAt(copy[key], rest, value);
  return copy;
}

function pathText(path: Path): string {
  return path.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('') || '(result)';
}

/** The leading items of `list` whose JSON fits in `maxBytes` (always fewer than all). */
function keepItems(list: Json[], maxBytes: number): Json[] {
  let bytes = 2;
  let n = 0;
  while (n < list.length - 1) {
    const next = jsonBytes(list[n]) + (n > 0 ? 1 : 0);
    if (bytes + next > maxBytes) break;
    bytes += next;
    n++;
  }
  return list.slice(0, n);
}

/** The start of `text`, its JSON shrunk to about `maxBytes`, marked as cut. */
function keepText(text: string, jsonBytesNow: number, maxBytes: number): string {
  let chars = Math.floor((text.length * maxBytes) / jsonBytesNow);
  chars = Math.min(chars, Math.floor(text.length / 2));
  // Never end on half a surrogate pair.
  const code = text.charCodeAt(chars - 1);
  if (code >= 0xd800 && code <= 0xdbff) chars--;
  return `${text.slice(0, Math.max(0, chars))}…`;
}

/**
 * `data` unchanged when its JSON fits in `maxBytes`; otherwise a copy with lists and texts
 * shortened until it does, and where; null when it cannot be made to fit.
 */
export function boundData(data: Record<string, unknown>, maxBytes: number): DataCut | null {
  let root: Json = data;
  const cuts = new Map<string, { from: number; to: number; unit: string }>();
  for (let round = 0; ; round++) {
    const { bytes, best } = survey(root);
    if (bytes <= maxBytes) break;
    if (!best || round >= MAX_ROUNDS) return null;
    const excess = bytes - maxBytes;
    const target = Math.max(best.bytes - excess, Math.min(Math.floor(best.bytes / 2), maxBytes));
    const value = getAt(root, best.path);
    const key = pathText(best.path);
    const from = cuts.get(key)?.from;
    if (best.kind === 'list') {
      const list = value as Json[];
      const kept = keepItems(list, target);
      root = setAt(root, best.path, kept);
      cuts.set(key, { from: from ?? list.length, to: kept.length, unit: 'items' });
    } else {
      const text = value as string;
      const kept = keepText(text, best.bytes, target);
      root = setAt(root, best.path, kept);
      cuts.set(key, { from: from ?? text.length, to: kept.length - 1, unit: 'characters' });
    }
  }
  return {
    data: root as Record<string, unknown>,
    cuts: [...cuts].map(([path, c]) => `${path}: ${c.to} of ${c.from} ${c.unit}`),
  };
}
