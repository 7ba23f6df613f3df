/**
 * Load-test scripts are concrete and executable (format rule 4): the report carries a
 * k6, Locust or Gatling script. A k6 script goes through the same check as Ace's script
 * generator (checkK6Script: acorn parse as an ES module, k6's threshold grammar, and a
 * type-check against @types/k6 off the main thread under a deadline, reported as warnings). A Locust script is checked by a
 * light heuristic only (a user class and a task); a Gatling one only has to be there.
 * Checking costs far more than reading, so only the first MAX_CHECKED_SCRIPTS scripts are
 * checked, each up to MAX_SCRIPT_CHARS, with a warning for what was left unchecked.
 */
import { checkK6Script, type ScriptCheck } from '../scripts/check-k6.js';
import type { Placed, ReportDoc } from './doc.js';
import type { CodeBlock } from './markdown.js';
import type { Violation } from './types.js';

type Kind = 'k6' | 'locust' | 'gatling';

const JS_LANGS = new Set(['js', 'javascript', 'mjs', 'es6', 'k6', 'ts', 'typescript']);

/** What kind of load-test script a code block is, if any. */
export function scriptKind(block: CodeBlock): Kind | undefined {
  const text = block.text;
  if (/from\s+['"]k6(?:\/[\w/-]+)?['"]|require\(\s*['"]k6/.test(text)) return 'k6';
  if (/\b(?:from|import)\s+locust\b/.test(text)) return 'locust';
  if (/io\.gatling|extends\s+Simulation\b|@gatling\.io|\bscenario\s*\(/.test(text) && /gatling|Simulation|setUp\s*\(/.test(text)) return 'gatling';
  if (JS_LANGS.has(block.lang) && /export\s+(?:const|let)\s+options\b/.test(text)) return 'k6';
  return undefined;
}

/** Scripts checked per report: a report carries one or a few (load, stress, soak). */
export const MAX_CHECKED_SCRIPTS = 10;
/** Characters of one script checked (a generated k6 script is a few KB). */
export const MAX_SCRIPT_CHARS = 64 * 1024;

/** Recent script checks by source: a model re-validating its report re-sends the same script. */
const recent = new Map<string, Promise<ScriptCheck>>();
const RECENT_LIMIT = 16;

function checkCached(source: string): Promise<ScriptCheck> {
  let result = recent.get(source);
  if (!result) {
    result = checkK6Script(source);
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
    recent.set(source, result);
    result.catch(() => recent.delete(source));
  }
  return result;
}

async function checkK6(block: Placed<CodeBlock>, out: Violation[]): Promise<void> {
  let result: ScriptCheck;
  try {
    result = await checkCached(block.text);
  } catch (err) {
    out.push({
      rule: 'load-script-types',
      line: block.line,
      severity: 'warning',
      message: `the k6 script could not be checked (${(err as Error).message}): check it with \`k6 inspect\``,
    });
    return;
  }
  for (const issue of result.issues) {
    const line = block.line + issue.line;
    if (issue.kind === 'parse') {
      out.push({ rule: 'load-script-parse', line, severity: 'error', message: `the k6 script does not parse as an ES module: ${issue.message}` });
    } else if (issue.kind === 'threshold') {
      out.push({ rule: 'k6-threshold', line, severity: 'error', message: issue.message });
    } else if (issue.kind !== 'type') {
      // The type check stopped (its deadline): the script is not known to be wrong.
      out.push({ rule: 'load-script-types', line: block.line, severity: 'warning', message: `the k6 script was not fully type-checked: ${issue.message}` });
    } else {
      // Type errors against @types/k6 are worth a look, but valid k6 scripts can have some
      // (xk6 extension modules, untyped JSON access): a warning, not a failure.
      out.push({ rule: 'load-script-types', line, severity: 'warning', message: `@types/k6: ${issue.message.split('\n')[0]}` });
    }
  }
}

function checkLocust(block: Placed<CodeBlock>, out: Violation[]): void {
  const missing: string[] = [];
  if (!/^[ \t]*class[ \t]+\w+[ \t]*\(\s*(?:(?:Fast)?HttpUser|User\b)/m.test(block.text)) missing.push('a class extending HttpUser');
  if (!/@task\b|\btasks\s*=/.test(block.text)) missing.push('a @task');
  if (missing.length > 0) {
    out.push({
      rule: 'load-script-parse',
      line: block.line,
      severity: 'error',
      message: `the Locust script is not runnable: it lacks ${missing.join(' and ')}`,
    });
  }
}

/** A warning for a script left unchecked: over the size cap, or past the count cap. */
function unchecked(block: Placed<CodeBlock>, kind: Kind, why: string): Violation {
  return { rule: 'load-script-types', line: block.line, severity: 'warning', message: `this ${kind} script was not checked: ${why}` };
}

export async function checkLoadScripts(doc: ReportDoc): Promise<Violation[]> {
  const out: Violation[] = [];
  const scripts = doc.blocks
    .filter((b): b is Placed<CodeBlock> => b.kind === 'code')
    .map((b) => ({ block: b, kind: scriptKind(b) }))
    .filter((s): s is { block: Placed<CodeBlock>; kind: Kind } => s.kind !== undefined);
  if (scripts.length === 0) {
    const phase3 = doc.phaseHeadings.find((p) => p.phase === 3)?.heading.line ?? 1;
    out.push({
      rule: 'missing-load-script',
      line: phase3,
      severity: 'error',
      message: 'no load-test script: phase 3 needs a concrete k6 (```javascript, importing k6/http), Locust or Gatling script',
    });
  }
  const checked = scripts.slice(0, MAX_CHECKED_SCRIPTS);
  for (const { block, kind } of checked) {
    if (block.text.length > MAX_SCRIPT_CHARS) {
      out.push(
        unchecked(
          block,
          kind,
          `it has ${block.text.length} characters and at most ${MAX_SCRIPT_CHARS} are checked; keep the report's script short (scenarios, thresholds, one request per endpoint)`,
        ),
      );
    } else if (kind === 'k6') await checkK6(block, out);
    else if (kind === 'locust') checkLocust(block, out);
  }
  const rest = scripts.slice(MAX_CHECKED_SCRIPTS);
  const first = rest[0];
  if (first) {
    out.push(
      unchecked(
        first.block,
        first.kind,
        `only the first ${MAX_CHECKED_SCRIPTS} load-test scripts of a report are checked, and ${rest.length} more follow from here: keep the scripts the plan runs and remove the others`,
      ),
    );
  }
  return out;
}
