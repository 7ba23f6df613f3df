/**
 * One TypeScript pass over sources and tests: type-checks everything under tsconfig.json and
 * emits the build (src/, tests excluded) into dist/ exactly as `tsc -p tsconfig.build.json`
 * would. `npm run build` (scripts/build.mjs) and the test suite's global setup use it, so the
 * compiler runs once. Returns the diagnostics as formatted text ('' when clean), and whether
 * the build's own files (the sources, tests aside) are free of them. `emit: false` only type-checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

function parsedConfig(file) {
  const read = ts.readConfigFile(join(ROOT, file), ts.sys.readFile);
  if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, '\n'));
  return ts.parseJsonConfigFileContent(read.config, ts.sys, ROOT);
}

const isBuildFile = (abs) => {
  const rel = relative(ROOT, abs).split(sep).join('/');
  return rel.startsWith('src/') && rel.endsWith('.ts') && !rel.endsWith('.test.ts') && !rel.endsWith('.d.ts');
};

/** dist/src/x.js (the common root of src and test is the project) becomes dist/x.js. */
function buildPath(outDir, emitted) {
  const rel = relative(join(outDir, 'src'), emitted);
  return rel.startsWith('..') ? null : join(outDir, rel);
}

export function compile({ emit = true } = {}) {
  const config = parsedConfig('tsconfig.json');
  const outDir = config.options.outDir ?? join(ROOT, 'dist');
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const writeFile = (name, text) => {
    const target = buildPath(outDir, name);
    if (!target) return;
    if (target.endsWith('.map')) {
      // One directory less between the map and its source.
      const map = JSON.parse(text);
      map.sources = map.sources.map((s) => s.replace(/^\.\.\//, ''));
      text = JSON.stringify(map);
    }
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  };
  if (emit) {
    for (const file of program.getSourceFiles()) {
      if (isBuildFile(file.fileName)) program.emit(file, writeFile);
    }
  }
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const text = ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  });
  return { text, sourcesClean: diagnostics.every((d) => d.file && !isBuildFile(d.file.fileName)) };
}
