import { z } from 'zod';
import { UserInputError } from '../../errors.js';
import { defineTool } from '../define.js';
import { profileAnalyser } from './load.js';
import { asUserError, fmt, HEAD_BYTES } from './shared.js';

export const PROFILE_LIMIT_DEFAULT = 15;

const FunctionRow = z.object({
  function: z.string(),
  location: z.string().nullable().describe('file:line of the function, when the profile records it'),
  self: z.number().describe('time (or samples) with the function on top of the stack, in `unit`'),
  total: z.number().describe('time (or samples) with the function anywhere on the stack, in `unit`'),
  self_share: z.number().describe('self / profile total, 0..1'),
  total_share: z.number().describe('total / profile total, 0..1'),
});

const input = z.object({
  path: z.string().min(1).describe('Profile file relative to the project root: .cpuprofile (node --cpu-prof, Chrome DevTools), pprof (.pb.gz, .pprof), or folded stacks ("a;b;c 12" per line).'),
  limit: z.number().int().min(1).max(100).optional().describe(`Functions per list (default ${PROFILE_LIMIT_DEFAULT}).`),
  value_type: z.string().optional().describe('pprof only: the sample type to rank by, e.g. "cpu", "alloc_space" (default: the profile\'s default).'),
});

const output = z.object({
  path: z.string(),
  format: z.enum(['cpuprofile', 'pprof', 'folded']),
  unit: z.string().describe('"ms" for time profiles, "samples", "bytes", ...'),
  total: z.number(),
  samples: z.number().int(),
  functions: z.number().int().describe('distinct functions in the profile'),
  sample_type: z.string().optional(),
  sample_types: z.array(z.string()).optional(),
  by_self: z.array(FunctionRow),
  by_total: z.array(FunctionRow),
  notes: z.array(z.string()),
});

export const profileTopTool = defineTool({
  name: 'profile_top',
  title: 'Top functions of a CPU profile',
  description: `Rank the functions of a profile by self time (on top of the stack) and by total time (anywhere on the stack, once per sample), with file:line and their share of the profile.
Reads V8/Chrome .cpuprofile (node --cpu-prof), pprof protobuf (gzipped or not: Go, pprof-compatible agents; pick value_type for heap profiles) and folded stacks (stackcollapse, py-spy raw, async-profiler collapsed). Returns at most 'limit' functions per list (default ${PROFILE_LIMIT_DEFAULT}, max 100). Use it for the hot-path table; the shares are exact sums over the samples.`,
  group: 'analyse',
  input,
  output,
  async handle({ sandbox }, params) {
    const file = await sandbox.resolve(params.path, 'file');
    const head = await sandbox.readHead(file, HEAD_BYTES);
    const { analyseProfile, detectProfileFormat } = await profileAnalyser();
    const format = detectProfileFormat(file.rel, head);
    if (!format) throw new UserInputError(`${file.rel}: not a recognised profile (.cpuprofile JSON, pprof protobuf, folded stacks)`);
    const r = await analyseProfile(format, sandbox.openRead(file), { limit: params.limit ?? PROFILE_LIMIT_DEFAULT, valueType: params.value_type }).catch(asUserError);
    const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
    const list = (rows: typeof r.by_self, key: 'self' | 'total') =>
      rows.map((f, i) => `${i + 1}. ${f.function}${f.location ? ` (${f.location})` : ''} — ${key} ${fmt(f[key])} ${r.unit} ${pct(key === 'self' ? f.self_share : f.total_share)}`).join('\n');
    const text = [
      `${file.rel}: ${format}${r.sample_type ? ` ${r.sample_type}` : ''}, total ${fmt(r.total)} ${r.unit} over ${r.samples} samples, ${r.functions} functions`,
      'by self:',
      list(r.by_self, 'self'),
      'by total:',
      list(r.by_total, 'total'),
      ...r.notes.map((n) => `note: ${n}`),
    ].join('\n');
    return { data: { path: file.rel, ...r }, text };
  },
});
