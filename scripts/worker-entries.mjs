/**
 * Worker threads start from a module file of their own, beside the module that starts them
 * and named there as `new URL('./x.js', import.meta.url)`. tsc emits x.js beside its starter
 * in dist/. The server bundles (scripts/bundle-server.mjs) and the tests, which run the
 * TypeScript sources (vitest.config.ts), point that URL at x bundled into one self-contained
 * module by `bundleWorker`: a file of the bundle, a data: URL in the tests.
 */
import { basename, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** `new URL('./x.js', import.meta.url)`; the group is './x.js'. */
const WORKER_URL = /new URL\(['"](\.\/[\w-]+\.js)['"],\s*import\.meta\.url\)/g;

/**
 * Replaces each worker URL in `code` (the module at `path`) with `urlOf(entry, name)`'s
 * expression, awaited; null when there is none. `entry` is the worker's file (x.ts beside a
 * TypeScript module), `name` a file name for it (search/worker.js: search-worker).
 */
export async function replaceWorkerUrls(code, path, urlOf) {
  const found = [...code.matchAll(WORKER_URL)];
  if (found.length === 0) return null;
  let out = '';
  let from = 0;
  for (const m of found) {
    let entry = fileURLToPath(new URL(m[1], pathToFileURL(path)));
    if (path.endsWith('.ts')) entry = entry.replace(/\.js$/, '.ts');
    const name = `${basename(dirname(entry))}-${basename(entry).replace(/\.[jt]s$/, '')}`;
    out += code.slice(from, m.index) + (await urlOf(entry, name));
    from = m.index + m[0].length;
  }
  return out + code.slice(from);
}

/** The worker module at `entry` (JavaScript or TypeScript) and all it imports but node built-ins, as one ES module. */
export async function bundleWorker(entry, { minify = false } = {}) {
  const { rolldown } = await import('rolldown');
  const bundle = await rolldown({
    input: entry,
    platform: 'node',
    logLevel: 'silent',
    // TypeScript sources import each other as './x.js'.
    resolve: { extensionAlias: { '.js': ['.ts', '.js'] } },
  });
  const { output } = await bundle.generate({ format: 'esm', minify, comments: { legal: false, annotation: false, jsdoc: false } });
  await bundle.close();
  if (output.length !== 1) throw new Error(`worker ${entry} bundled into ${output.length} files, not one`);
  return output[0].code;
}

/** The vite plugin for vitest: each worker a source module starts runs from its current source. */
export function workerEntriesForTests() {
  const SRC = fileURLToPath(new URL('../src/', import.meta.url));
  return {
    name: 'ace-worker-entries',
    enforce: 'pre',
    transform(code, id) {
      if (!id.startsWith(SRC) || id.endsWith('.test.ts')) return null;
      return replaceWorkerUrls(code, id, async (entry) => {
        const url = `data:text/javascript;base64,${Buffer.from(await bundleWorker(entry)).toString('base64')}`;
        return `new URL(${JSON.stringify(url)})`;
      });
    },
  };
}
