/**
 * Load-test scripts are concrete and executable (format rule 4): the report carries a
 * k6, Locust or Gatling script. A k6 script goes through the same check as Ace's script
 * generator (checkK6Script: acorn parse as an ES module, k6's threshold grammar, and a
 * type-check against @types/k6, reported as warnings). A Locust script is checked by a
 * light heuristic only (a user class and a task); a Gatling one only has to be there.
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

/** Recent script checks by source: a model re-validating its report re-sends the same script. */
const recent = new Map<string, ScriptCheck>();
const RECENT_LIMIT = 16;

function checkCached(source: string): ScriptCheck {
  let result = recent.get(source);
  if (!result) {
    result = checkK6Script(source);
    if (recent.size >= RECENT_LIMIT) recent.delete(recent.keys().next().value as string);
    recent.set(source, result);
  }
  return result;
}

function checkK6(block: Placed<CodeBlock>, out: Violation[]): void {
  const result = checkCached(block.text);
  for (const issue of result.issues) {
    const line = block.line + issue.line;
    if (issue.kind === 'parse') {
      out.push({ rule: 'load-script-parse', line, severity: 'error', message: `the k6 script does not parse as an ES module: ${issue.message}` });
    } else if (issue.kind === 'threshold') {
      out.push({ rule: 'k6-threshold', line, severity: 'error', message: issue.message });
    } else {
      // Type errors against @types/k6 are worth a look, but valid k6 scripts can have some
      // (xk6 extension modules, untyped JSON access): a warning, not a failure.
      out.push({ rule: 'load-script-types', line, severity: 'warning', message: `@types/k6: ${issue.message.split('\n')[0]}` });
    }
  }
}

function checkLocust(block: Placed<CodeBlock>, out: Violation[]): void {
  const missing: string[] = [];
  if (!/^\s*class\s+\w+\s*\(\s*(?:Fast)?HttpUser|^\s*class\s+\w+\s*\(\s*User\b/m.test(block.text)) missing.push('a class extending HttpUser');
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

export function checkLoadScripts(doc: ReportDoc): Violation[] {
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
  for (const { block, kind } of scripts) {
    if (kind === 'k6') checkK6(block, out);
    else if (kind === 'locust') checkLocust(block, out);
  }
  return out;
}
