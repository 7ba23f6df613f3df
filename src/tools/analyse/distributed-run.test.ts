import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { sampleSpec } from '../../../test/fixtures/k6-spec.js';
import { connectAce, type ConnectedAce } from '../../../test/support/client.js';

let dir: string;
let ace: ConnectedAce;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ace-distributed-'));
  ace = await connectAce(dir);
});
afterAll(async () => {
  await ace.close();
  await rm(dir, { recursive: true, force: true });
});

describe('distributed_run', () => {
  it('returns the k6-operator and Locust files, the budgets and the runbook for a given spec', async () => {
    const result = await ace.tool('distributed_run', { spec: sampleSpec(), runners: 6, separate: false });
    expect(result.runners).toBe(6);
    expect(result.files.map((f) => f.path)).toEqual([
      'RUNBOOK.md',
      'budgets.json',
      'k6-operator/script.js',
      'k6-operator/testrun.yaml',
      'k6-operator/results-reader.yaml',
      'locust/locustfile.py',
      'locust/compose.yaml',
      'locust/kubernetes.yaml',
      'locust/results-reader.yaml',
    ]);
    const testRun = parseAllDocuments(result.files.find((f) => f.path === 'k6-operator/testrun.yaml')!.content)
      .map((d) => d.toJS() as { kind: string; spec: { parallelism: number; separate: boolean } })
      .find((d) => d.kind === 'TestRun')!;
    expect(testRun.spec).toMatchObject({ parallelism: 6, separate: false });
    expect(result.thresholds_not_checked).toEqual([expect.stringMatching(/^checks: rate>0\.99/)]);
  });

  it('`part` keeps one engine (with the runbook and budgets)', async () => {
    const result = await ace.tool('distributed_run', { spec: sampleSpec(), runners: 2, part: 'locust' });
    expect(result.files.map((f) => f.path)).toEqual([
      'RUNBOOK.md',
      'budgets.json',
      'locust/locustfile.py',
      'locust/compose.yaml',
      'locust/kubernetes.yaml',
      'locust/results-reader.yaml',
    ]);
  });

  it('without a spec, takes the test script emitted in the session; before one, says what to do', async () => {
    const none = await ace.call('distributed_run', { runners: 2 });
    expect(none.isError).toBe(true);
    expect(ace.text(none)).toMatch(/no spec: pass `spec`.*or emit the test script first/);
    const spec = { ...sampleSpec(), baseUrl: 'http://orders.internal:9000' };
    expect((await ace.call('emit_test_script', spec)).isError).toBeFalsy();
    const result = await ace.tool('distributed_run', { runners: 2 });
    expect(result.files.find((f) => f.path === 'k6-operator/testrun.yaml')!.content).toContain('value: http://orders.internal:9000');
    expect(result.in_report).toBe(true);
    // The report's phase 3 has the distributed run under the test script.
    const { markdown } = await ace.tool('assemble_report', {});
    const section = markdown.slice(markdown.indexOf('### Test script'), markdown.indexOf('\n## Phase 4'));
    expect(section).toContain('**Distributed run (2 generators)**:');
    expect(section).toContain('kubectl apply -f k6-operator/testrun.yaml');
    expect(section).toContain('ace check --budgets budgets.json results/k6');
    expect(section).toMatch(/locust .*--master.*--expect-workers 2/);
    // A spec given explicitly may be another test: the report's script is left as it is.
    const other = await ace.tool('distributed_run', { spec: sampleSpec(), runners: 3 });
    expect(other.in_report).toBe(false);
    expect((await ace.tool('assemble_report', {})).markdown).toContain('**Distributed run (2 generators)**:');
  });

  it('refuses what Kubernetes would refuse: one runner, a name that is not a DNS label', async () => {
    expect((await ace.call('distributed_run', { spec: sampleSpec(), runners: 1 })).isError).toBe(true);
    expect((await ace.call('distributed_run', { spec: sampleSpec(), runners: 3, name: 'Load_Test' })).isError).toBe(true);
  });
});
