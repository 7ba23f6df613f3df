/**
 * The TypeScript check of a k6 script, against a closed, in-memory world: the script, the
 * ES lib declarations and @types/k6. The compiler host answers every lookup from that set
 * and never reaches the file system, so a script cannot make the compiler read, quote or
 * probe any other file: every import, require, import() or triple-slash reference that is
 * not a k6 module or a remote https module gets one fixed message, whatever the path.
 * It runs in a worker thread (k6-type-worker.ts), with the compiler passed in.
 */
import type TS from 'typescript';

/** Declaration files by path relative to their package directory ('lib.es5.d.ts', 'http/index.d.ts'). */
export interface K6Declarations {
  /** TypeScript's ES lib files (typescript/lib/lib.es*.d.ts, lib.decorators*.d.ts). */
  libs: Record<string, string>;
  /** Every .d.ts file of @types/k6. */
  k6: Record<string, string>;
}

export interface TypeIssue {
  /** 'import': a module or reference the check refuses to follow. */
  kind: 'type' | 'import';
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  message: string;
}

export type K6TypeChecker = (source: string) => TypeIssue[];

export function createK6TypeChecker(ts: typeof TS, declarations: K6Declarations): K6TypeChecker {
  const ROOT = '/k6-check';
  const SCRIPT = `${ROOT}/script.js`;
  const LIB_DIR = `${ROOT}/lib`;
  const K6_DIR = `${ROOT}/k6`;
  /** k6 runs remote modules; their types are unknown, so they are `any`, as k6 scripts use them. */
  const REMOTE_MODULES = `${ROOT}/remote-modules.d.ts`;
  const K6_GLOBALS = `${K6_DIR}/global.d.ts`;
  const SPECIFIER_SHOWN_CHARS = 120;
  /** Compiler messages about a module or reference that was not found: replaced by our own. */
  const NOT_FOUND_CODES = new Set([2307, 2792, 2688, 2726, 2727, 6053, 6231, 7016]);

  const files = new Map<string, string>();
  for (const [rel, text] of Object.entries(declarations.libs)) files.set(`${LIB_DIR}/${rel}`, text);
  for (const [rel, text] of Object.entries(declarations.k6)) files.set(`${K6_DIR}/${rel}`, text);
  files.set(REMOTE_MODULES, "declare module 'https://*';\n");

  const directories = new Set<string>();
  for (const file of files.keys()) {
    for (let at = file.lastIndexOf('/'); at > 0; at = file.lastIndexOf('/', at - 1)) directories.add(file.slice(0, at));
  }
  directories.add('/');

  const options: TS.CompilerOptions = {
    allowJs: true,
    checkJs: true,
    noEmit: true,
    strict: false,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2022.d.ts'],
    types: [],
    typeRoots: [],
    skipLibCheck: true,
    libReplacement: false,
  };

  function refusal(specifier: string): string {
    const shown = specifier.length > SPECIFIER_SHOWN_CHARS ? `${specifier.slice(0, SPECIFIER_SHOWN_CHARS)}…` : specifier;
    return `k6 scripts may import only k6 modules and remote https modules; "${shown}" is not checked`;
  }

  /** Resolves '.' and '..' segments of an absolute path; never climbs above '/'. */
  function normalise(path: string): string {
    const out: string[] = [];
    for (const part of path.split('/')) {
      if (part === '' || part === '.') continue;
      if (part === '..') out.pop();
      else out.push(part);
    }
    return `/${out.join('/')}`;
  }

  function declarationFile(base: string): string | undefined {
    const stem = base.replace(/\.(?:d\.ts|js|ts)$/, '');
    for (const candidate of [`${stem}.d.ts`, `${stem}/index.d.ts`]) if (files.has(candidate)) return candidate;
    return undefined;
  }

  /** `k6` and `k6/<module>` where the module is one @types/k6 declares; plain segments only. */
  function k6Module(specifier: string): string | undefined {
    if (specifier === 'k6') return `${K6_DIR}/index.d.ts`;
    const match = /^k6\/([a-z0-9-]+(?:\/[a-z0-9-]+)*)$/.exec(specifier);
    return match ? declarationFile(`${K6_DIR}/${match[1]}`) : undefined;
  }

  /** What a shipped declaration file imports: k6 modules, or relative paths that stay among the k6 declarations. */
  function declarationImport(specifier: string, containingFile: string): string | undefined {
    if (!specifier.startsWith('.')) return k6Module(specifier);
    const target = normalise(`${containingFile.slice(0, containingFile.lastIndexOf('/'))}/${specifier}`);
    return target.startsWith(`${K6_DIR}/`) ? declarationFile(target) : undefined;
  }

  interface Refused {
    specifier: string;
    position: number;
  }
  let refused: Refused[] = [];

  function refuse(specifier: string, position: number): void {
    if (!refused.some((r) => r.specifier === specifier)) refused.push({ specifier, position });
  }

  function resolvedTo(fileName: string | undefined): TS.ResolvedModuleWithFailedLookupLocations {
    if (fileName === undefined) return { resolvedModule: undefined };
    return { resolvedModule: { resolvedFileName: fileName, extension: ts.Extension.Dts, isExternalLibraryImport: false } };
  }

  function resolveModule(literal: TS.StringLiteralLike, containingFile: string, containing: TS.SourceFile): TS.ResolvedModuleWithFailedLookupLocations {
    const specifier = literal.text;
    if (containingFile !== SCRIPT) return resolvedTo(declarationImport(specifier, containingFile));
    // Unresolved on purpose: the ambient `declare module 'https://*'` types it as `any`.
    if (specifier.startsWith('https://')) return resolvedTo(undefined);
    const module = k6Module(specifier);
    if (!module) refuse(specifier, literal.getStart(containing));
    return resolvedTo(module);
  }

  const parsed = new Map<string, TS.SourceFile>();
  let script: TS.SourceFile | undefined;

  /** The script's triple-slash references are refused, and dropped before the compiler follows them. */
  function withoutReferences(file: TS.SourceFile): TS.SourceFile {
    const mutable = file as { -readonly [K in keyof TS.SourceFile]: TS.SourceFile[K] };
    for (const ref of [...file.referencedFiles, ...file.typeReferenceDirectives, ...file.libReferenceDirectives]) refuse(ref.fileName, ref.pos);
    mutable.referencedFiles = [];
    mutable.typeReferenceDirectives = [];
    mutable.libReferenceDirectives = [];
    mutable.hasNoDefaultLib = false;
    return file;
  }

  const host: TS.CompilerHost = {
    getSourceFile(fileName, languageVersionOrOptions) {
      if (fileName === SCRIPT) return script;
      const text = files.get(fileName);
      if (text === undefined) return undefined;
      let file = parsed.get(fileName);
      if (!file) {
        file = ts.createSourceFile(fileName, text, languageVersionOrOptions, false, ts.ScriptKind.TS);
        parsed.set(fileName, file);
      }
      return file;
    },
    fileExists: (fileName) => fileName === SCRIPT || files.has(fileName),
    readFile: (fileName) => (fileName === SCRIPT ? script?.text : files.get(fileName)),
    directoryExists: (name) => directories.has(name.length > 1 ? name.replace(/\/$/, '') : name),
    getDirectories: (name) => {
      const prefix = name.endsWith('/') ? name : `${name}/`;
      return [...directories].filter((d) => d.startsWith(prefix) && !d.slice(prefix.length).includes('/')).map((d) => d.slice(prefix.length));
    },
    realpath: (name) => name,
    getCurrentDirectory: () => ROOT,
    getDefaultLibFileName: () => `${LIB_DIR}/lib.es2022.d.ts`,
    getDefaultLibLocation: () => LIB_DIR,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    getEnvironmentVariable: () => undefined,
    writeFile: () => {},
    resolveModuleNameLiterals: (literals, containingFile, _redirect, _options, containing) =>
      literals.map((literal) => resolveModule(literal, containingFile, containing)),
    resolveTypeReferenceDirectiveReferences: (references) => references.map(() => ({ resolvedTypeReferenceDirective: undefined })),
    // As tsc parses: JSDoc in the .d.ts files is skipped (it cannot change a type error), the script's
    // is read (in a JS file it carries types). Loading the declarations takes about half the time.
    jsDocParsingMode: ts.JSDocParsingMode.ParseForTypeErrors,
  };

  return function check(source: string): TypeIssue[] {
    refused = [];
    script = withoutReferences(ts.createSourceFile(SCRIPT, source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.JS));
    try {
      const program = ts.createProgram({ rootNames: [SCRIPT, K6_GLOBALS, REMOTE_MODULES], options, host });
      const file = program.getSourceFile(SCRIPT)!;
      const position = (at: number) => ts.getLineAndCharacterOfPosition(file, at);
      const issues: TypeIssue[] = [];
      for (const d of [...program.getSyntacticDiagnostics(file), ...program.getSemanticDiagnostics(file)]) {
        if (NOT_FOUND_CODES.has(d.code)) continue;
        const at = d.file === file && d.start !== undefined ? position(d.start) : { line: 0, character: 0 };
        issues.push({ kind: 'type', line: at.line + 1, column: at.character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
      }
      for (const r of refused) {
        const at = position(r.position);
        issues.push({ kind: 'import', line: at.line + 1, column: at.character + 1, message: refusal(r.specifier) });
      }
      return issues.sort((a, b) => a.line - b.line || a.column - b.column);
    } finally {
      script = undefined;
    }
  };
}
