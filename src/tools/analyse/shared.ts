/** Schemas and helpers shared by the analyse tools. */
import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { QuantitySchema } from '../../report/quantity.js';
import type { Sandbox, ResolvedPath } from '../../sandbox/sandbox.js';
import type { LoadTestInput } from '../../analysers/loadtest/index.js';

export const MAX_INPUT_FILES = 50;
export const HEAD_BYTES = 64 * 1024;

export const NullableQuantity = QuantitySchema.nullable();

export const EndpointSchema = z.object({
  name: z.string().describe('"overall", or the endpoint: "GET /items", a JMeter label, a k6 name tag, a URL'),
  requests: QuantitySchema,
  errors: QuantitySchema,
  error_rate: QuantitySchema.describe('errors / requests, in %'),
  throughput: NullableQuantity.describe('req/s'),
  duration: NullableQuantity.describe('test duration, s'),
  latency: z.object({
    p50: NullableQuantity,
    p90: NullableQuantity,
    p95: NullableQuantity,
    p99: NullableQuantity,
    max: NullableQuantity,
    mean: NullableQuantity,
  }),
});

const GLOB_CHARS = /[*?[\]{}]/;

/** Resolves files and globs (relative to the root) to at most MAX_INPUT_FILES regular files. */
export async function resolveFiles(sandbox: Sandbox, paths: string[]): Promise<(ResolvedPath & { fromGlob: boolean })[]> {
  const out: (ResolvedPath & { fromGlob: boolean })[] = [];
  const seen = new Set<string>();
  for (const p of paths) {
    const rels = GLOB_CHARS.test(p) ? (await sandbox.list({ patterns: [p], onlyFiles: true })).map((e) => e.rel).sort() : [p];
    if (rels.length === 0) throw new UserInputError(`no file matches ${p}: check the pattern with glob`);
    for (const rel of rels) {
      const file = await sandbox.resolve(rel, 'file');
      if (seen.has(file.rel)) continue;
      seen.add(file.rel);
      out.push({ ...file, fromGlob: rels.length > 1 || rel !== p });
      if (out.length > MAX_INPUT_FILES) {
        throw new UserInputError(`more than ${MAX_INPUT_FILES} files: narrow the paths or globs`);
      }
    }
  }
  return out;
}

export async function loadTestInputs(sandbox: Sandbox, files: (ResolvedPath & { fromGlob?: boolean })[]): Promise<LoadTestInput[]> {
  return Promise.all(
    files.map(async (file) => ({
      fromGlob: file.fromGlob ?? false,
      path: file.rel,
      head: await sandbox.readHead(file, HEAD_BYTES),
      open: () => sandbox.openRead(file),
    })),
  );
}
