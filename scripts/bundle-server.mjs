/**
 * Bundles `ace mcp` from dist/ with rolldown: an entry file, under `chunks/` what the server
 * imports lazily (the analysers, the report validator, YAML), and beside the entry each worker
 * thread's module (search-worker.mjs, scripts-k6-type-worker.mjs). Loading a few bundled files instead of hundreds of
 * modules, and parsing only what tools/list needs, roughly halves the time from spawn to the
 * first tools/list; the tools/list answer itself is converted here, once, and embedded
 * (src/server/tool-list-built.ts).
 *
 * Two users: `npm run build` writes dist/mcp/ (the entry exports `run`, which dist/cli.js
 * calls), and scripts/gen-claude.mjs writes plugin/ (the entry starts the server itself).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorker, replaceWorkerUrls } from './worker-entries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (...p) => join(ROOT, ...p);

/**
 * Returns file name -> code. `start`: the entry runs the server on process.argv (else it only
 * exports `run`). `banner`: a comment line put at the top of every file.
 */
export async function bundleServer({ version, start, banner }) {
  const { rolldown } = await import('rolldown');
  const entryId = '\0ace-mcp-entry';
  const mcp = JSON.stringify(at('dist', 'commands', 'mcp.js'));
  // tools/list as the server would convert it: the registry is fixed once built.
  const { toolListOf } = await import(at('dist', 'server', 'tool-list.js'));
  const toolList = JSON.stringify(toolListOf());
  const entry = start
    ? `import { run } from ${mcp};\nrun(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => { process.stderr.write(\`ace mcp: \${err?.message ?? err}\\n\`); process.exitCode = 1; });\n`
    : `export { run } from ${mcp};\n`;
  const bundle = await rolldown({
    input: { 'ace-mcp': entryId },
    platform: 'node',
    cwd: ROOT,
    logLevel: 'silent',
    plugins: [
      {
        name: 'ace-mcp-entry',
        resolveId: (id) => (id === entryId ? id : null),
        load(id) {
          if (id === entryId) return entry;
          // version.js reads ../package.json relative to itself at run time; the bundle lives elsewhere.
          if (id === at('dist', 'version.js')) return `export const ACE_VERSION = ${JSON.stringify(version)};\n`;
          if (id === at('dist', 'server', 'tool-list-built.js')) return `export const BUILT_TOOL_LIST = JSON.parse(${JSON.stringify(toolList)});\n`;
          return null;
        },
      },
      workerEntries(banner),
    ],
  });
  const { output } = await bundle.generate({
    format: 'esm',
    minify: true,
    entryFileNames: '[name].mjs',
    chunkFileNames: 'chunks/[name].mjs',
    comments: { legal: false, annotation: false, jsdoc: false },
    // `require` stays a plain identifier, bound once per file below, where CommonJS dependencies call it.
    polyfillRequire: false,
    postBanner: (chunk) =>
      [
        ...(chunk.isEntry && start ? ['#!/usr/bin/env node'] : []),
        `// ${banner}`,
        "import { createRequire as __aceCreateRequire } from 'node:module';",
        'const require = __aceCreateRequire(import.meta.url);',
      ].join('\n'),
  });
  await bundle.close();
  const files = new Map();
  for (const file of output) {
    files.set(file.fileName, file.type === 'asset' ? String(file.source) : file.code.replace(/\/\/#region .*\n|\/\/#endregion.*\n/g, ''));
  }
  if (!files.has('ace-mcp.mjs')) throw new Error('rolldown produced no ace-mcp.mjs entry');
  return files;
}

/** Each worker a module starts (see worker-entries.mjs) becomes a file of the bundle. */
function workerEntries(banner) {
  return {
    name: 'ace-worker-entries',
    transform(code, id) {
      return replaceWorkerUrls(code, id, async (entry, name) => {
        const source = `// ${banner}\n${await bundleWorker(entry, { minify: true })}`;
        const ref = this.emitFile({ type: 'asset', fileName: `${name}.mjs`, source });
        return `new URL(import.meta.ROLLUP_FILE_URL_${ref})`;
      });
    },
  };
}

/** Writes the bundle dist/cli.js serves `ace mcp` from into dist/mcp/, replacing any earlier one. */
export async function writeDistBundle() {
  const version = JSON.parse(readFileSync(at('package.json'), 'utf8')).version;
  const files = await bundleServer({ version, start: false, banner: `Ace ${version} MCP server bundled by npm run build (scripts/bundle-server.mjs)` });
  const dir = at('dist', 'mcp');
  if (existsSync(dir)) rmSync(dir, { recursive: true });
  for (const [name, code] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), code);
  }
}
