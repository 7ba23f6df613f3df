/**
 * The declarations the k6 type check runs against: the ES lib files of Ace's own
 * `typescript` and every file of Ace's own `@types/k6` (what scripts/gen-claude.mjs vendors
 * into the plugin). They are read once, when the checker starts, with the compiler's own
 * file reader (the compiler reading its own package, as it always does), and then held in
 * memory: the check itself never opens a file.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type TS from 'typescript';
import type { K6Declarations } from './k6-type-checker.js';

/** Where Ace's own declaration packages are; resolving loads nothing. */
export interface DeclarationPackages {
  /** The compiler's entry file (typescript/lib/typescript.js). */
  typescriptEntry: string;
  /** The directory of the ES lib .d.ts files (typescript/lib). */
  libDirectory: string;
  /** The @types/k6 package directory. */
  k6Directory: string;
}

/** Resolved from Ace's own module, on the main thread (the worker's module may have no file URL). */
export function declarationPackages(): DeclarationPackages {
  const require = createRequire(import.meta.url);
  const typescriptEntry = require.resolve('typescript');
  return { typescriptEntry, libDirectory: dirname(typescriptEntry), k6Directory: dirname(require.resolve('@types/k6/package.json')) };
}

/**
 * Reads the declarations of `packages` into memory. Runs in the worker thread too, shipped as
 * source text: it must stay self-contained.
 */
export function readK6Declarations(ts: typeof TS, packages: DeclarationPackages): K6Declarations {
  const under = (directory: string, depth: number | undefined, keep: (rel: string) => boolean) => {
    const base = `${directory.replace(/\\/g, '/').replace(/\/$/, '')}/`;
    const out: Record<string, string> = {};
    for (const file of ts.sys.readDirectory(directory, ['.d.ts'], undefined, undefined, depth)) {
      const rel = file.startsWith(base) ? file.slice(base.length) : undefined;
      const text = rel !== undefined && keep(rel) ? ts.sys.readFile(file, 'utf8') : undefined;
      if (rel !== undefined && text !== undefined) out[rel] = text;
    }
    return out;
  };
  const libs = under(packages.libDirectory, 1, (name) => /^lib\.(?:es|decorators)[\w.]*\.d\.ts$/.test(name));
  return { libs, k6: under(packages.k6Directory, undefined, () => true) };
}
