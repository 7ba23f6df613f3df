/**
 * Checks a k6 script the way k6 would: it must parse as an ES module (acorn), type-check
 * against @types/k6 (TypeScript compiler API on a closed in-memory host, k6-type-checker.ts,
 * in a worker thread under a deadline) and every threshold of `options.thresholds` must
 * follow k6's grammar. Scripts over K6_SCRIPT_MAX_BYTES are refused unchecked.
 */
import * as acorn from 'acorn';
import { K6TypeCheckStopped, K6TypeThread } from './k6-type-thread.js';
import { checkK6Threshold } from './thresholds.js';

export interface ScriptIssue {
  /**
   * 'import': an import or reference the type check does not follow (only k6 modules and
   * remote https modules are); 'limit': the script was too large, or its type check ran out
   * of time, and was not (fully) checked.
   */
  kind: 'parse' | 'type' | 'threshold' | 'import' | 'limit';
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export interface ScriptCheck {
  ok: boolean;
  issues: ScriptIssue[];
}

// ---- parse + thresholds ----------------------------------------------------------------

type Node = acorn.Node & Record<string, unknown>;

function keyName(node: Node): string | undefined {
  const key = node.key as Node | undefined;
  if (!key) return undefined;
  if (key.type === 'Identifier') return key.name as string;
  if (key.type === 'Literal' && typeof key.value === 'string') return key.value;
  return undefined;
}

function property(obj: Node, name: string): Node | undefined {
  const props = (obj.properties as Node[] | undefined) ?? [];
  return (props.find((p) => p.type === 'Property' && keyName(p) === name)?.value as Node | undefined) ?? undefined;
}

function exportedOptions(program: acorn.Program): Node | undefined {
  for (const stmt of program.body as Node[]) {
    if (stmt.type !== 'ExportNamedDeclaration') continue;
    const decl = stmt.declaration as Node | null;
    if (decl?.type !== 'VariableDeclaration') continue;
    for (const d of decl.declarations as Node[]) {
      const id = d.id as Node;
      if (id.type === 'Identifier' && id.name === 'options' && (d.init as Node | null)?.type === 'ObjectExpression') return d.init as Node;
    }
  }
  return undefined;
}

function thresholdIssues(program: acorn.Program): ScriptIssue[] {
  const options = exportedOptions(program);
  const thresholds = options && property(options, 'thresholds');
  if (thresholds?.type !== 'ObjectExpression') return [];
  const issues: ScriptIssue[] = [];
  for (const prop of thresholds.properties as Node[]) {
    const metric = keyName(prop);
    const list = prop.value as Node;
    if (!metric || list.type !== 'ArrayExpression') continue;
    for (const item of list.elements as Node[]) {
      const literal = item.type === 'ObjectExpression' ? property(item, 'threshold') : item;
      if (literal?.type !== 'Literal' || typeof literal.value !== 'string') continue;
      const result = checkK6Threshold(metric, literal.value);
      if (!result.ok) {
        const loc = (literal.loc as acorn.SourceLocation).start;
        issues.push({ kind: 'threshold', line: loc.line, column: loc.column + 1, message: result.message });
      }
    }
  }
  return issues;
}

// ---- type-check against @types/k6 ------------------------------------------------------

/** Over this size a script is refused before it is parsed: the type check's cost grows with it. */
export const K6_SCRIPT_MAX_BYTES = 256 * 1024;
/**
 * Work time one type check may take in the worker (start-up and queueing excluded): a script
 * k6 users write checks in well under a second once the compiler is warm.
 */
export const K6_TYPE_CHECK_DEADLINE_MS = 5_000;

let thread: K6TypeThread | undefined;
const k6TypeThread = () => (thread ??= new K6TypeThread());

// ---- entry points ----------------------------------------------------------------------

function sizeIssue(source: string): ScriptIssue | undefined {
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes <= K6_SCRIPT_MAX_BYTES) return undefined;
  return {
    kind: 'limit',
    line: 1,
    column: 1,
    message: `the k6 script is ${Math.ceil(bytes / 1024)} KB, over the ${K6_SCRIPT_MAX_BYTES / 1024} KB the check accepts: it was not checked`,
  };
}

/** The parse and threshold issues, or the one issue that stops the check before the compiler. */
function syntaxIssues(source: string): { issues: ScriptIssue[]; stop: boolean } {
  const tooLarge = sizeIssue(source);
  if (tooLarge) return { issues: [tooLarge], stop: true };
  let program: acorn.Program;
  try {
    program = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const message = err instanceof Error ? err.message : String(err);
    return { issues: [{ kind: 'parse', line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, message }], stop: true };
  }
  return { issues: thresholdIssues(program), stop: false };
}

function result(issues: ScriptIssue[]): ScriptCheck {
  return { ok: issues.length === 0, issues };
}

export interface K6CheckOptions {
  /** Work time the type check may take; K6_TYPE_CHECK_DEADLINE_MS by default. */
  deadlineMs?: number;
}

/**
 * Checks a k6 script with the type check in a worker thread under a deadline: a script the
 * compiler cannot finish in time ends with a 'limit' issue, never a hang.
 */
export async function checkK6Script(source: string, options: K6CheckOptions = {}): Promise<ScriptCheck> {
  const syntax = syntaxIssues(source);
  if (syntax.stop) return result(syntax.issues);
  try {
    const types = await k6TypeThread().check(source, options.deadlineMs ?? K6_TYPE_CHECK_DEADLINE_MS);
    return result([...syntax.issues, ...types]);
  } catch (err) {
    if (!(err instanceof K6TypeCheckStopped)) throw err;
    return result([...syntax.issues, { kind: 'limit', line: 1, column: 1, message: err.message }]);
  }
}

/** Stops the type-check worker (tests, shutdown); the next check starts a new one. */
export async function closeK6TypeCheck(): Promise<void> {
  const closing = thread;
  thread = undefined;
  await closing?.close();
}
