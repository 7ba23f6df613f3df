/**
 * Bundles Ace from dist/ with rolldown: entry files, under `chunks/` what they share or import
 * lazily (the analysers, the report validator, YAML), and beside the entries each worker
 * thread's module (search-worker.mjs, scripts-k6-type-worker.mjs). Loading a few bundled files
 * instead of hundreds of modules roughly halves the time from spawn to the first tools/list,
 * and cuts `ace audit`'s start from about a second of module loading to a tenth; the
 * tools/list answer itself is converted here, once, and embedded (src/server/tool-list-built.ts).
 *
 * Two users: `npm run build` writes dist/bundle/, one entry per command exporting `run`, which
 * dist/cli.js calls; scripts/gen-claude.mjs writes plugin/, whose entry starts `ace mcp` itself.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { eldSubset } from './eld-subset.mjs';
import { bundleWorker, replaceWorkerUrls } from './worker-entries.mjs';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (...p) => join(ROOT, ...p);

/** The commands dist/cli.js loads from dist/bundle/ (src/commands/<name>.ts). */
const BUNDLED_COMMANDS = ['mcp', 'validate', 'run', 'audit', 'diff', 'check'];

/**
 * The plugin's server: file name -> code, the entry `ace-mcp.mjs` running `ace mcp` on
 * process.argv. `banner`: a comment line put at the top of every file.
 */
export function bundleServer({ version, banner }) {
  const mcp = JSON.stringify(at('dist', 'commands', 'mcp.js'));
  const entry = `import { run } from ${mcp};\nrun(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (err) => { process.stderr.write(\`ace mcp: \${err?.message ?? err}\\n\`); process.exitCode = 1; });\n`;
  return bundle({ version, banner, input: { 'ace-mcp': entry }, shebang: true });
}

/**
 * Returns file name -> code. `input`: entry name -> a module path under dist/, or the source
 * text of an entry module. `shebang`: the entries start with one.
 */
async function bundle({ version, banner, input, shebang }) {
  const { rolldown } = await import('rolldown');
  const virtual = new Map(); // id -> source of the entries given as text
  const entries = {};
  for (const [name, module] of Object.entries(input)) {
    if (isAbsolute(module)) entries[name] = module;
    else {
      const id = `\0ace-entry-${name}`;
      virtual.set(id, module);
      entries[name] = id;
    }
  }
  // tools/list as the server would convert it: the registry is fixed once built.
  const { toolListOf } = await import(at('dist', 'server', 'tool-list.js'));
  const toolList = JSON.stringify(toolListOf());
  const { REPORT_LANGUAGES } = await import(at('dist', 'report', 'table.js'));
  const bundle = await rolldown({
    input: entries,
    platform: 'node',
    cwd: ROOT,
    logLevel: 'silent',
    plugins: [
      {
        name: 'ace-mcp-entry',
        resolveId: (id) => (virtual.has(id) ? id : null),
        load(id) {
          if (virtual.has(id)) return virtual.get(id);
          // version.js reads ../package.json relative to itself at run time; the bundle lives elsewhere.
          if (id === at('dist', 'version.js')) return `export const ACE_VERSION = ${JSON.stringify(version)};\n`;
          if (id === at('dist', 'server', 'tool-list-built.js')) return `export const BUILT_TOOL_LIST = JSON.parse(${JSON.stringify(toolList)});\n`;
          return null;
        },
      },
      workerEntries(banner),
      eldSubset(REPORT_LANGUAGES),
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
        ...(chunk.isEntry && shebang ? ['#!/usr/bin/env node'] : []),
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
  for (const name of Object.keys(input)) if (!files.has(`${name}.mjs`)) throw new Error(`rolldown produced no ${name}.mjs entry`);
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

/** Writes the bundle dist/cli.js runs its commands from into dist/bundle/, replacing any earlier one. */
export async function writeDistBundle() {
  const version = JSON.parse(readFileSync(at('package.json'), 'utf8')).version;
  const input = Object.fromEntries(BUNDLED_COMMANDS.map((name) => [name, at('dist', 'commands', `${name}.js`)]));
  const files = await bundle({ version, banner: `Ace ${version} bundled by npm run build (scripts/bundle-server.mjs)`, input, shebang: false });
  for (const old of ['mcp', 'bundle']) if (existsSync(at('dist', old))) rmSync(at('dist', old), { recursive: true });
  const dir = at('dist', 'bundle');
  for (const [name, code] of files) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), code);
  }
}
