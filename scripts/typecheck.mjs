// `node scripts/typecheck.mjs OUT`: type-checks sources and tests (no emit) and writes the
// diagnostics to OUT ('' when clean), atomically, so a reader never sees half a file. A crash of
// the compiler is written there too, so the reader fails with it instead of waiting.
import { renameSync, writeFileSync } from 'node:fs';

const out = process.argv[2];
if (!out) throw new Error('usage: node scripts/typecheck.mjs OUT');
let text;
try {
  const { compile } = await import('./compile.mjs');
  text = compile({ emit: false }).text;
} catch (err) {
  text = `the type-check crashed: ${err?.stack ?? err}`;
}
writeFileSync(`${out}.part`, text);
renameSync(`${out}.part`, out);
