/**
 * `ace run` end to end: the built CLI, the real Anthropic SDK over real HTTP, a scripted model.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PHASE_HEADINGS, PHASES, TABLE_IDS, TABLES } from '../../src/report/headings.js';
import { chartsFromLoadTest } from '../../src/report/html/view.js';
import { connectAce } from '../support/client.js';
import { type ScriptedApi, reply, startScriptedApi } from '../support/scripted-api/index.js';
import { SHOP_API, TARGET, fullRun } from './script.js';
import { type OutDir, PLACEHOLDER_KEY, outDir, runAce, runEnv, spawnAce } from './support.js';

let api: ScriptedApi | undefined;
let out: OutDir | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
  out?.remove();
  out = undefined;
});

const args = (o: OutDir, ...more: string[]) => [TARGET, '--root', SHOP_API, '--out', o.path, ...more];

/** What every run must leave: the three files, and the key nowhere in them. */
function expectFilesWithoutKey(o: OutDir): void {
  for (const name of ['report.md', 'report.json', 'transcript.jsonl']) expect(o.exists(name), name).toBe(true);
  expect(o.everything()).not.toContain(PLACEHOLDER_KEY);
}

describe('ace run', { timeout: 120_000 }, () => {
  it('runs a whole session to a valid report: report.md, report.json, transcript.jsonl; exit 0', async () => {
    api = await startScriptedApi({ steps: fullRun() });
    out = outDir();
    const run = await runAce(args(out, '--json', '--lang', 'en'), runEnv(api.url));
    api.assertNoFailures();
    expect(run.code, run.stderr).toBe(0);
    expect(api.remaining()).toBe(0);

    // report.md is what assemble_report gave the model (the same code path), with every phase and table.
    const report = out.file('report.md');
    expect(report).toBe(api.scripted()[7]!.toolResults()[0]!.text);
    for (const phase of PHASES) expect(report).toContain(`${PHASE_HEADINGS[phase].en}\n`);
    for (const table of TABLES) expect(report).toContain(`### ${table.name.en}\n`);
    const json = out.json('report.json');
    expect(json.tables.map((t: { id: string }) => t.id)).toEqual([...TABLE_IDS]);
    expect(json.missing).toEqual([]);
    expect(json.validation).toMatchObject({ ok: true, errors: 0 });
    expect(json.run).toMatchObject({ stop: { kind: 'finished' }, turns: 9, complete: true });
    // report.html draws what the session's loadtest_summary and slo_math calls returned.
    const html = out.file('report.html');
    const view = JSON.parse(/<script type="application\/json" id="ace-data">([\s\S]*?)<\/script>/.exec(html)![1]!);
    const ace = await connectAce(SHOP_API);
    const { results } = await ace.tool('loadtest_summary', { paths: ['results/k6-baseline.json'] });
    await ace.close();
    expect(Object.keys(view.charts).sort()).toEqual(['slo', 'spectrum']);
    expect(view.charts.spectrum).toEqual(chartsFromLoadTest(results[0]!).spectrum);
    expect(view.charts.slo).toMatchObject({ objective: 99.9, windowDays: 30, errorRatio: results[0]!.overall.error_rate.value / 100 });
    const metrics = json.tables[0];
    expect(metrics.sources[0]).toEqual({ at: 'rows[0].current', source: { kind: 'measured', ref: 'results/k6-baseline.json:12' } });

    // The transcript has every request and every answer; the key reached the API but not the files.
    const transcript = out.transcript();
    expect(transcript.filter((e) => e.kind === 'request')).toHaveLength(9);
    expect(transcript.filter((e) => e.kind === 'message')).toHaveLength(9);
    const recorded = transcript.find((e) => e.kind === 'request')!.headers;
    expect(recorded.authorization ?? recorded['x-api-key']).toBe('[redacted]');
    const sent = api.messages()[0]!.headers;
    expect(sent['x-api-key'] ?? sent.authorization).toContain(PLACEHOLDER_KEY);
    expectFilesWithoutKey(out);

    // The tools offered are the server's, and the persona is the `ace` prompt with the target.
    const first = api.messages()[0]!;
    expect(first.toolNames()).toEqual(expect.arrayContaining(['read', 'glob', 'start_report', 'emit_current_metrics', 'validate_report']));
    expect(first.model).toBe('claude-opus-5-5');
    expect(first.stream).toBe(true);
    expect(first.lastUserText()).toContain(TARGET);
    expect(first.system()).toMatch(/running headless/);
    expect(first.system()).toMatch(/Write the whole report in English/);

    // Progress: each tool call with its arguments; the JSON summary on stdout.
    expect(run.stderr).toMatch(/read path="src\/cache\.js"/);
    expect(run.stderr).toMatch(/read → error/);
    expect(run.stderr).toMatch(/turn 9 +\S+ tokens/);
    expect(JSON.parse(run.stdout)).toMatchObject({ exitCode: 0, valid: true, turns: 9, stop: { kind: 'finished' } });
  });

  it('retries a 529 and a 429 with back-off, and a turn whose stream broke off, then succeeds', async () => {
    const [first, ...rest] = fullRun();
    api = await startScriptedApi({
      steps: [
        () => reply.error(529, { retryAfter: 0.01 }),
        () => reply.error(429, { retryAfter: 0.01 }),
        first!,
        // Overloaded in the middle of the second answer: the SDK cannot retry that; the runner sends the turn again.
        () => reply.error(529, { midStream: true }),
        ...rest,
      ],
    });
    out = outDir();
    const run = await runAce(args(out), runEnv(api.url));
    api.assertNoFailures();
    expect(run.code, run.stderr).toBe(0);
    expect(
      api
        .messages()
        .map((r) => r.status)
        .slice(0, 3),
    ).toEqual([529, 429, 200]);
    expect(run.stderr).toMatch(/API answered 529/);
    expect(run.stderr).toMatch(/API answered 429/);
    expect(run.stderr).toMatch(/the answer broke off \(Overloaded\); sending turn 2 again/);
    expect(out.json('report.json').run.turns).toBe(9);
    const statuses = out
      .transcript()
      .filter((e) => e.kind === 'response')
      .map((e) => e.status);
    expect(statuses.slice(0, 3)).toEqual([529, 429, 200]);
    expectFilesWithoutKey(out);
  });

  it('stops at the turn budget, writes what was emitted, exits 4', async () => {
    api = await startScriptedApi({ steps: fullRun() });
    out = outDir();
    // Turn 4 emits the first four tables; its calls still run before the stop.
    const run = await runAce(args(out, '--max-turns', '4'), runEnv(api.url));
    api.assertNoFailures();
    expect(run.code, run.stderr).toBe(4);
    expect(run.stderr).toMatch(/budget exhausted: turns limit 4/);
    expect(api.messages()).toHaveLength(4);
    const json = out.json('report.json');
    expect(json.run).toMatchObject({ stop: { kind: 'budget', which: 'turns', limit: 4 }, complete: false });
    expect(json.tables.map((t: { id: string }) => t.id)).toEqual(['current_metrics', 'slos', 'findings', 'bottleneck_map']);
    expect(json.missing).toHaveLength(10);
    expect(json.validation.ok).toBe(false);
    expect(out.file('report.md')).toContain('## Phase 1: Baseline & Current Metrics');
    expectFilesWithoutKey(out);
  });

  it('stops at the token budget the same way', async () => {
    api = await startScriptedApi({ steps: fullRun() });
    out = outDir();
    // Each request of this session is well over 10k tokens (the tool definitions alone).
    const run = await runAce(args(out, '--max-tokens', '10000'), runEnv(api.url));
    api.assertNoFailures();
    expect(run.code, run.stderr).toBe(4);
    expect(api.messages()).toHaveLength(1);
    const json = out.json('report.json');
    expect(json.run.stop).toEqual({ kind: 'budget', which: 'tokens', limit: 10000 });
    expect(json.run.tokens).toBeGreaterThanOrEqual(10000);
    expectFilesWithoutKey(out);
  });

  it('on SIGINT mid-run writes what was emitted so far and exits 130', async () => {
    let held!: () => void;
    const heldRequest = new Promise<void>((resolve) => (held = resolve));
    const steps = fullRun().slice(0, 5);
    // The sixth answer never comes: the test interrupts the run while the API holds it.
    steps.push(() => {
      held();
      return new Promise(() => {});
    });
    api = await startScriptedApi({ steps });
    out = outDir();
    const ace = spawnAce(args(out), runEnv(api.url));
    await heldRequest;
    ace.child.kill('SIGINT');
    const run = await ace.done;
    api.assertNoFailures();
    expect(run.code, run.stderr).toBe(130);
    expect(run.stderr).toMatch(/interrupted; writing what was emitted so far/);
    const json = out.json('report.json');
    expect(json.run.stop).toEqual({ kind: 'interrupted' });
    expect(json.tables).toHaveLength(8);
    expect(out.file('report.md')).toContain('### Current metrics');
    expectFilesWithoutKey(out);
  });
});
