/**
 * ace.config.json at the project root: deny-list changes and limits. It is read by the
 * sandbox's own rules (no link, no special file, a size cap) and, when present but unusable,
 * stops start-up: running without the user's deny rules would be worse. Its messages name
 * the file, what is wrong and how to fix it, and quote nothing of its content (a hostile
 * tree can make the "config" any file it likes).
 */
import { z } from 'zod';
import { UserInputError } from '../errors.js';
import { readSmallFile, type SmallFileProblem } from './open.js';
import { absoluteOf } from './paths.js';
import { patternCostProblem } from './pattern.js';

export const CONFIG_FILE = 'ace.config.json';
/** A configuration is a few lines; anything larger is not one. */
export const CONFIG_MAX_BYTES = 256 * 1024;

const pattern = z.string().min(1).max(500);

/** Where a Prometheus source's URL may point: http(s), no user:password (credentials go in headers_from_env). */
function isPrometheusUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** A Prometheus HTTP API that metrics_query may read. Tools name it; no URL ever comes from the model. */
export const prometheusSourceSchema = z
  .object({
    /** What tools call it by: "prod", "staging". */
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, { message: 'name must be 1..64 letters, digits, "_", "." or "-"' }),
    /** The server's base URL, e.g. http://prometheus:9090 (the API lives under /api/v1/). */
    url: z
      .string()
      .max(2000)
      .refine(isPrometheusUrl, { message: 'url must be an http:// or https:// URL without user:password (put credentials in headers_from_env)' }),
    /** Request headers whose values are read from environment variables at each call: {"Authorization": "PROM_AUTH"}. */
    headers_from_env: z
      .record(
        z.string().regex(/^[A-Za-z0-9-]{1,100}$/, { message: 'a header name is letters, digits and "-"' }),
        z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, { message: 'an environment variable name is letters, digits and "_"' }),
      )
      .optional(),
    /** Deadline for one HTTP request, in milliseconds (default 10000). */
    timeout_ms: z.number().int().min(100).max(120_000).optional(),
  })
  .strict();

export type PrometheusSource = z.infer<typeof prometheusSourceSchema>;

export const aceConfigSchema = z
  .object({
    /** Extra .gitignore-style patterns no tool may read, list or search. */
    deny: z.array(pattern).optional(),
    /** .gitignore-style patterns that lift the built-in deny-list (never `deny` above). */
    allow: z.array(pattern).optional(),
    /** Budgets for `ace check`, in k6's thresholds form: {"http_req_duration{name:/items}": ["p(95)<300"]}. */
    thresholds: z
      .record(
        z.string().min(1).max(200),
        z
          .array(z.union([z.string().min(1).max(200), z.object({ threshold: z.string().min(1).max(200) }).passthrough()]))
          .min(1)
          .max(20),
      )
      .optional(),
    limits: z
      .object({
        /** Deadline for one grep call, in milliseconds. */
        grepTimeoutMs: z.number().int().min(100).max(600_000).optional(),
      })
      .strict()
      .optional(),
    /** Prometheus HTTP APIs the metrics tools may query, each under a unique name. */
    prometheus: z
      .array(prometheusSourceSchema)
      .max(20)
      .refine((sources) => new Set(sources.map((s) => s.name)).size === sources.length, { message: 'two prometheus sources share a name' })
      .optional(),
  })
  .strict();

export type AceConfig = z.infer<typeof aceConfigSchema>;

const KNOWN_KEYS = new Set(['deny', 'allow', 'thresholds', 'limits', 'grepTimeoutMs', 'prometheus', 'name', 'url', 'headers_from_env', 'timeout_ms']);
/** How one Prometheus source is written; tools' "nothing configured" messages show it too. */
export const PROMETHEUS_SHAPE = '{"name": "prod", "url": "http://prometheus:9090", "headers_from_env": {"Authorization": "PROM_AUTH"}}';
const SHAPE = `{"deny": ["<pattern>", ...], "allow": ["<pattern>", ...], "thresholds": {"<k6 metric>": ["<k6 threshold>", ...]}, "limits": {"grepTimeoutMs": <100..600000>}, "prometheus": [${PROMETHEUS_SHAPE}, ...]}`;

function configError(what: string, fix: string): UserInputError {
  return new UserInputError(`${CONFIG_FILE} ${what}: ${fix}`);
}

const UNREADABLE: Record<Exclude<SmallFileProblem, 'absent'>, string> = {
  'symbolic link': 'is a symbolic link, which the sandbox never follows',
  'not a regular file': 'is not a regular file (a FIFO, device, socket or directory)',
  'too large': `is larger than ${CONFIG_MAX_BYTES / 1024} KiB`,
  unreadable: 'cannot be read (permission denied, or it changed while being read)',
};

/** Where in the config an issue lies, from schema keys and array indices only (never the file's own words). */
function whereOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the top level';
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : typeof p === 'string' && KNOWN_KEYS.has(p) ? `.${p}` : '.?'))
    .join('')
    .replace(/^\./, '');
}

/** An issue in our own words: zod's may quote the offending value or key. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const where = whereOf(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      return `${where}: expected ${issue.expected}`;
    case 'unrecognized_keys':
      return `${where}: unknown key(s) (allowed: deny, allow, thresholds, limits, prometheus; in limits: grepTimeoutMs; in a prometheus source: name, url, headers_from_env, timeout_ms)`;
    case 'too_small':
      return `${where}: too small (minimum ${String(issue.minimum)})`;
    case 'too_big':
      return `${where}: too big (maximum ${String(issue.maximum)})`;
    // Only our own refinements raise these, with messages we wrote (they quote nothing of the file).
    case 'custom':
      return `${where}: ${issue.message}`;
    case 'invalid_format':
      return issue.format === 'regex' ? `${where}: ${issue.message}` : `${where}: invalid value`;
    default:
      return `${where}: invalid value`;
  }
}

/** Parses the text of ace.config.json; a malformed file is the user's to fix, so it stops start-up. */
export function parseConfig(text: string): AceConfig {
  const json = text.replace(/^\uFEFF/, '');
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    // JSON.parse's message quotes the text: say only what to do.
    throw configError('is not valid JSON', `fix its syntax; the expected shape is ${SHAPE}`);
  }
  const parsed = aceConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map(describeIssue).join('; ');
    throw configError(`is invalid (${issues})`, `fix it to the shape ${SHAPE}`);
  }
  for (const key of ['deny', 'allow'] as const) {
    parsed.data[key]?.forEach((p, i) => {
      const problem = patternCostProblem(p);
      if (problem) throw configError(`is invalid (${key}[${i}]: ${problem})`, 'simplify that pattern');
    });
  }
  return parsed.data;
}

/**
 * The configuration of the project at `root` (a real directory): {} when it has no
 * ace.config.json; throws UserInputError when it has one that cannot be used.
 */
export function loadConfig(root: string): AceConfig {
  const read = readSmallFile(absoluteOf(root, CONFIG_FILE), CONFIG_MAX_BYTES);
  if ('text' in read) return parseConfig(read.text);
  if (read.problem === 'absent') return {};
  throw configError(UNREADABLE[read.problem], 'replace it with a regular JSON file at the project root, or remove it to use the defaults');
}
