/**
 * Bundles the report's client code (src/report/html/client/) with rolldown into
 * dist/report/html/assets/: report.js (report.html), app.js (the MCP App, with ext-apps' App)
 * and report.css (ours and uPlot's). The HTML renderer inlines them: the page loads nothing.
 * Run by scripts/postbuild.mjs (npm run build, and the test suite's global setup).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const at = (...p) => join(ROOT, ...p);

export async function writeReportClient() {
  const { rolldown } = await import('rolldown');
  const out = at('dist', 'report', 'html', 'assets');
  mkdirSync(out, { recursive: true });
  for (const name of ['static', 'app']) {
    const bundle = await rolldown({ input: at('src', 'report', 'html', 'client', `${name}.ts`), platform: 'browser', cwd: ROOT, logLevel: 'silent' });
    const { output } = await bundle.generate({ format: 'iife', minify: true, comments: { legal: false, annotation: false, jsdoc: false } });
    await bundle.close();
    // "</script" can never appear in an inline script: written as "<\/script" it means the same in JS.
    const code = output[0].code
      .replace(/<\/(script)/gi, '<\\/$1')
      .replace(/<!--/g, '<\\!--')
      // marked's error message names its issue tracker: the page references no address.
      .replaceAll('Please report this to https://github.com/markedjs/marked.', 'Please report this to marked.');
    writeFileSync(join(out, name === 'static' ? 'report.js' : 'app.js'), code);
  }
  const css = [
    readFileSync(at('node_modules', 'uplot', 'dist', 'uPlot.min.css'), 'utf8'),
    readFileSync(at('src', 'report', 'html', 'client', 'style.css'), 'utf8'),
  ].join('\n');
  writeFileSync(join(out, 'report.css'), css);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await writeReportClient();
