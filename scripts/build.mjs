// `npm run build`: one compiler pass (compile.mjs) type-checks sources and tests and emits the
// sources into dist/, then postbuild.mjs bundles and stamps it. What the type-check found is
// kept in dist/ (dist-stamp.mjs), so the test suite reports it without compiling again. The
// build fails, as `tsc -p tsconfig.build.json` did, when the sources themselves have errors.
import { compile } from './compile.mjs';
import { recordTypeCheck } from './dist-stamp.mjs';

const { text, sourcesClean } = compile();
recordTypeCheck(text);
if (text) process.stderr.write(text);
if (!sourcesClean) {
  process.stderr.write('build: the sources have type errors\n');
  process.exit(1);
}
await import('./postbuild.mjs');
