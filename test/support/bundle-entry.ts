/** Test code bundled with rolldown from an entry given as source text (a browser host page, a module under test). */
import type { OutputOptions, Plugin } from 'rolldown';

const ROOT = new URL('../..', import.meta.url).pathname;

/** `source` and what it imports (resolved from the repository), with `plugins`, as one file of `format`. */
export async function bundleEntry(
  source: string,
  { platform, format, plugins = [], minify = false }: { platform: 'node' | 'browser'; format: OutputOptions['format']; plugins?: Plugin[]; minify?: boolean },
): Promise<string> {
  const { rolldown } = await import('rolldown');
  const entry = '\0ace-test-entry';
  const entryPlugin: Plugin = { name: 'ace-test-entry', resolveId: (id) => (id === entry ? id : null), load: (id) => (id === entry ? source : null) };
  const bundle = await rolldown({ input: entry, platform, cwd: ROOT, logLevel: 'silent', plugins: [entryPlugin, ...plugins] });
  try {
    const { output } = await bundle.generate({ format, minify });
    return output[0].code;
  } finally {
    await bundle.close();
  }
}
