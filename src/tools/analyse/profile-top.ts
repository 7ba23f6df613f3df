import { z } from 'zod';
import { CPUPROFILE_LIMITS } from '../../analysers/profile/json-scan.js';
import { InflateBudget, INFLATE_FLOOR_BYTES, INFLATE_MAX_RATIO } from '../../analysers/bytes.js';
import { EvidenceError, UserInputError } from '../../errors.js';
import { REPORT_APP_META } from '../../report/html/app-meta.js';
import { type CallNode, flameTree, flattenFlame, MAX_FLAME_NODES } from '../../report/html/flame.js';
import { RESULT_CAP_BYTES } from '../bound.js';
import { defineTool } from '../define.js';
import { profileAnalyser } from './load.js';
import { percentOf, showNumber } from '../../numbers.js';

export const PROFILE_LIMIT_DEFAULT = 15;
/** Bytes of a file's head read to detect its format (the analyser's PROFILE_SNIFF_BYTES). */
const SNIFF_BYTES = 256 * 1024;

const FunctionRow = z.object({
  function: z.string(),
  location: z.string().nullable().describe('file:line of the function, when the profile records it'),
  origin: z
    .enum(['app', 'dependency', 'runtime', 'native'])
    .describe(
      '"app": the service\'s own source files; "dependency": node_modules, Go module cache, site-packages; "runtime": node: internals, V8 pseudo-frames such as (program) and (garbage collector), Go/Java standard library; "native": builtins and C/kernel code without a source file',
    ),
  self: z.number().describe('time (or samples) with the function on top of the stack, in `unit`'),
  total: z.number().describe('time (or samples) with the function anywhere on the stack, in `unit`'),
  self_share: z.number().describe('self / busy time (idle excluded), 0..1'),
  total_share: z.number().describe('total / busy time (idle excluded), 0..1'),
});

const input = z.object({
  path: z
    .string()
    .min(1)
    .describe(
      'Profile file relative to the project root: .cpuprofile (node --cpu-prof, Chrome DevTools, older "head" layout), pprof (.pb.gz, .pprof), or folded stacks ("a;b;c 12" per line, any file name).',
    ),
  limit: z.number().int().min(1).max(100).optional().describe(`Functions per list (default ${PROFILE_LIMIT_DEFAULT}).`),
  value_type: z.string().optional().describe('pprof only: the sample type to rank by, e.g. "cpu", "alloc_space" (default: the profile\'s default).'),
  call_tree: z.boolean().optional().describe('Also return the call tree for a flame graph (its heaviest frames, small ones folded into their callers).'),
});

const CallTree = z.object({
  unit: z.string(),
  frames: z
    .array(
      z.object({
        name: z.string().describe('function and file:line'),
        parent: z.number().int().describe('index of the caller in frames; -1 for the root ("all")'),
        total: z.number().describe('weight of the frame and its callees, in unit'),
        self: z.number().describe('weight on this frame itself, in unit (folded callees included)'),
      }),
    )
    .describe('callers before callees, the root first'),
  note: z.string(),
});

const output = z.object({
  path: z.string(),
  format: z.enum(['cpuprofile', 'pprof', 'folded']),
  unit: z.string().describe('"ms" for time profiles, "samples", "bytes", ...'),
  total: z.number().describe('all samples, idle included'),
  busy: z.number().describe('total minus idle: the denominator of every share'),
  idle_share: z.number().describe('idle samples / total, 0..1 (V8 "(idle)"; 0 when the format has no idle frame)'),
  samples: z.number().int(),
  functions: z.number().int().describe('distinct functions in the profile (idle excluded)'),
  sample_type: z.string().optional(),
  sample_types: z.array(z.string()).optional(),
  app_top: z.array(FunctionRow).describe('the service\'s own functions (origin "app") by self time: read these before runtime internals'),
  by_self: z.array(FunctionRow),
  by_total: z.array(FunctionRow),
  notes: z.array(z.string()),
  call_tree: CallTree.optional().describe("with call_tree: true, the flame graph's tree"),
});

/** Room kept in the result for the registry's own fields and the JSON around the data. */
const RESULT_MARGIN_BYTES = 3_000;
/** The smallest tree worth returning, whatever the rest of the result takes. */
const CALL_TREE_MIN_BYTES = 4_000;
const FRAME_NAME_MAX = 160;

/**
 * The heaviest frames of the merged tree (idle left out) that fit in `budget` bytes of JSON:
 * the room the rest of the result leaves under the cap. The tree is pruned breadth-first,
 * heaviest first, so the frames kept for any smaller count are a prefix of the full order:
 * one pass sizes that prefix, a second prunes to it (folded weight moving to the callers' self).
 */
function callTreeOf(nodes: readonly CallNode[], unit: string, cut: boolean, budget: number): z.output<typeof CallTree> {
  const named = nodes.map((n) => (n.name.length > FRAME_NAME_MAX ? { ...n, name: `${n.name.slice(0, FRAME_NAME_MAX - 1)}…` } : n));
  const skip = new Set(['(idle)']);
  let frames = flattenFlame(flameTree(named, skip).root);
  let size = 2;
  let fit = 0;
  while (fit < frames.length && (size += JSON.stringify(frames[fit]).length + 1) <= budget) fit++;
  if (fit < frames.length) frames = flattenFlame(flameTree(named, skip, Math.max(1, fit)).root);
  const note = `${frames.length} heaviest frames of the merged call tree (same function under the same caller merged, at most ${MAX_FLAME_NODES}, as many as the result's size cap leaves room for); frames under 0.2 % of the total folded into their caller's self; idle left out${cut ? '; the profile has more distinct stacks than the tree holds (1,000,000 paths): the tails of the rest count on their deepest kept frame' : ''}`;
  return { unit, frames, note };
}

const MiB = (n: number) => `${n / 1024 / 1024} MiB`;

export const profileTopTool = defineTool({
  name: 'profile_top',
  title: 'Top functions of a CPU profile',
  description: `Rank the functions of a profile by self time (on top of the stack) and by total time (anywhere on the stack, once per sample), with file:line, their origin (app, dependency, runtime, native) and their share of BUSY time (idle samples excluded; idle_share gives the idle part). app_top lists the service's own functions first.
Reads V8/Chrome .cpuprofile (node --cpu-prof; also the older "head" layout of node <= 10 and v8-profiler), pprof protobuf (gzipped or not: Go, pprof-compatible agents; pick value_type for heap profiles) and folded stacks (stackcollapse, py-spy raw, async-profiler collapsed; detected from content, any file name). Returns at most 'limit' functions per list (default ${PROFILE_LIMIT_DEFAULT}, max 100). Use it for the hot-path table; the shares are exact sums over the samples.
Limits (a file past one is refused with a message): .cpuprofile ${MiB(128 * 1024 * 1024)} of JSON, of which ${MiB(CPUPROFILE_LIMITS.keptBytes)} (about 110,000 call-tree nodes) besides the sample arrays, 5,000,000 samples, 1,000,000 entries per array or object, 2048 nesting levels; pprof ${MiB(64 * 1024 * 1024)} decoded, 1,000,000 samples, 16,000,000 stack frames; folded stacks ${MiB(128 * 1024 * 1024)}, 100,000 frames per stack, 8 MiB per line; 500,000 distinct functions; gzip inflates to at most max(${MiB(INFLATE_FLOOR_BYTES)}, ${INFLATE_MAX_RATIO} x the compressed size).`,
  group: 'analyse',
  meta: REPORT_APP_META,
  input,
  output,
  async handle({ sandbox, signal }, params) {
    const file = await sandbox.resolve(params.path, 'file');
    const head = await sandbox.readHead(file, SNIFF_BYTES);
    const { analyseProfile, detectProfileFormat } = await profileAnalyser();
    const format = detectProfileFormat(file.rel, head);
    if (!format) throw new UserInputError(`${file.rel}: not a recognised profile (.cpuprofile JSON, pprof protobuf, folded stacks)`);
    const r = await analyseProfile(format, sandbox.openRead(file), {
      limit: params.limit ?? PROFILE_LIMIT_DEFAULT,
      valueType: params.value_type,
      signal,
      budget: new InflateBudget(),
      callTree: params.call_tree === true,
    }).catch((err: unknown) => {
      // Name the file in every complaint about its content.
      throw err instanceof EvidenceError ? err.withPath(file.rel) : err;
    });
    const { idle: _idle, callNodes, callTreeCut, ...top } = r;
    const room = Math.max(CALL_TREE_MIN_BYTES, RESULT_CAP_BYTES - RESULT_MARGIN_BYTES - JSON.stringify({ path: file.rel, ...top }).length);
    const callTree = callNodes ? callTreeOf(callNodes, r.unit, callTreeCut === true, room) : undefined;
    const data = callTree ? { ...top, call_tree: callTree } : top;
    const list = (rows: typeof r.by_self, key: 'self' | 'total') =>
      rows
        .map(
          (f, i) =>
            `${i + 1}. ${f.function}${f.location ? ` (${f.location})` : ''} [${f.origin}] — ${key} ${showNumber(f[key], 4)} ${r.unit} ${percentOf(key === 'self' ? f.self_share : f.total_share)}`,
        )
        .join('\n');
    const text = [
      `${file.rel}: ${format}${r.sample_type ? ` ${r.sample_type}` : ''}, total ${showNumber(r.total, 4)} ${r.unit} over ${r.samples} samples, ${r.functions} functions; busy ${showNumber(r.busy, 4)} ${r.unit}, idle ${percentOf(r.idle_share)}; shares are of busy time`,
      "the service's own functions by self:",
      r.app_top.length > 0 ? list(r.app_top, 'self') : '(none found: every frame is a dependency, the runtime or native)',
      'by self:',
      list(r.by_self, 'self'),
      'by total:',
      list(r.by_total, 'total'),
      ...r.notes.map((n) => `note: ${n}`),
      ...(callTree ? [`call tree: ${callTree.frames.length} frames in structuredContent.call_tree (${callTree.note})`] : []),
    ].join('\n');
    return { data: { path: file.rel, ...data }, text };
  },
});
