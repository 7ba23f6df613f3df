/**
 * Checks a k6 script the way k6 would: it must parse as an ES module (acorn), type-check
 * against @types/k6 (TypeScript compiler API, in-memory host, program reused between calls)
 * and every threshold of `options.thresholds` must follow k6's grammar.
 */
import * as acorn from 'acorn';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type TS from 'typescript';
import { checkK6Threshold } from './thresholds.js';

export interface ScriptIssue {
  kind: 'parse' | 'type' | 'threshold';
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

const require = createRequire(import.meta.url);
const K6_TYPES = dirname(require.resolve('@types/k6/package.json'));
const SCRIPT = '/__ace_k6__/script.js';

/**
 * The compiler takes ~1 s to load: it is required on the first check, not when the server
 * starts (most sessions list tools long before they emit a script, if they ever do).
 */
let tsModule: typeof TS | undefined;
function typescript(): typeof TS {
  return (tsModule ??= require('typescript') as typeof TS);
}

let options: TS.CompilerOptions | undefined;
function compilerOptions(ts: typeof TS): TS.CompilerOptions {
  return (options ??= {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    lib: ['lib.es2022.d.ts'],
    types: [],
    paths: { k6: [join(K6_TYPES, 'index.d.ts')], 'k6/*': [join(K6_TYPES, '*')] },
    skipLibCheck: true,
  });
}

const cache = new Map<string, TS.SourceFile>();
let host: TS.CompilerHost | undefined;
let previous: TS.Program | undefined;
let current = '';

function compilerHost(ts: typeof TS): TS.CompilerHost {
  if (host) return host;
  const base = ts.createCompilerHost(compilerOptions(ts));
  host = {
    ...base,
    fileExists: (f) => f === SCRIPT || base.fileExists(f),
    readFile: (f) => (f === SCRIPT ? current : base.readFile(f)),
    getSourceFile(fileName, languageVersion) {
      if (fileName === SCRIPT) return ts.createSourceFile(SCRIPT, current, languageVersion, true, ts.ScriptKind.JS);
      let sf = cache.get(fileName);
      if (!sf) {
        sf = base.getSourceFile(fileName, languageVersion);
        if (sf) cache.set(fileName, sf);
      }
      return sf;
    },
    writeFile: () => {},
  };
  return host;
}

/** Global k6 declarations (__ENV, __VU, open ...) come with the script as a root file. */
const GLOBALS = join(K6_TYPES, 'global.d.ts');

function typeIssues(source: string): ScriptIssue[] {
  const ts = typescript();
  current = source;
  const program = ts.createProgram({ rootNames: [SCRIPT, GLOBALS], options: compilerOptions(ts), host: compilerHost(ts), oldProgram: previous });
  previous = program;
  const file = program.getSourceFile(SCRIPT)!;
  const diagnostics = [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)];
  return diagnostics.map((d) => {
    const pos = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
    return { kind: 'type', line: pos.line + 1, column: pos.character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') };
  });
}

// ---- entry point -----------------------------------------------------------------------

export function checkK6Script(source: string): ScriptCheck {
  let program: acorn.Program;
  try {
    program = acorn.parse(source, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  } catch (err) {
    const loc = (err as { loc?: { line: number; column: number } }).loc;
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, issues: [{ kind: 'parse', line: loc?.line ?? 1, column: (loc?.column ?? 0) + 1, message }] };
  }
  const issues = [...thresholdIssues(program), ...typeIssues(source)];
  return { ok: issues.length === 0, issues };
}
