/**
 * Every Kubernetes document Ace generates for a distributed run validates against the vendored
 * schemas (the k6-operator CRD's openAPIV3Schema, the Kubernetes API's definitions), and the
 * pieces agree with each other: names, volumes, the runner's output file, the budgets.
 */
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { kubernetesValidator } from '../../test/support/kubernetes-schemas.js';
import { sampleSpec } from '../../test/fixtures/k6-spec.js';
import { parseBudgets } from '../analysers/compare/budgets.js';
import { checkK6Script } from '../report/scripts/check-k6.js';
import { distributedRun, DistributedOptionsSchema } from './index.js';

const options = DistributedOptionsSchema.parse({ runners: 4, namespace: 'perf', storage_class: 'nfs-client' });
const run = distributedRun(sampleSpec(), options);
const file = (path: string) => run.files.find((f) => f.path === path)!.content;
const docs = (path: string) => parseAllDocuments(file(path)).map((d) => d.toJS() as Record<string, any>);
const validator = kubernetesValidator();

describe('generated manifests against the vendored schemas', () => {
  const manifests = ['k6-operator/testrun.yaml', 'k6-operator/results-reader.yaml', 'locust/kubernetes.yaml', 'locust/results-reader.yaml'];

  it.each(manifests)('%s: every document is valid for its kind', (path) => {
    const all = docs(path);
    expect(all.length).toBeGreaterThan(0);
    for (const doc of all) expect(validator.errors(doc), `${doc.kind} ${doc.metadata?.name}`).toEqual([]);
  });

  it('covers the kinds the issue names: TestRun, ConfigMap, PersistentVolumeClaim, Deployment, Service (and Job, Pod)', () => {
    const kinds = new Set(manifests.flatMap((p) => docs(p).map((d) => d.kind)));
    expect([...kinds].sort()).toEqual(['ConfigMap', 'Deployment', 'Job', 'PersistentVolumeClaim', 'Pod', 'Service', 'TestRun']);
  });

  it('the validators have teeth: a misspelt field, a wrong type, a missing required field are errors', () => {
    const testRun = docs('k6-operator/testrun.yaml').find((d) => d.kind === 'TestRun')!;
    const misspelt = structuredClone(testRun);
    misspelt.spec.paralelism = 2;
    expect(validator.errors(misspelt).join()).toMatch(/paralelism/);
    const wrongType = structuredClone(testRun);
    wrongType.spec.parallelism = '4';
    expect(validator.errors(wrongType).join()).toMatch(/parallelism must be integer/);
    const noClaim = structuredClone(testRun);
    delete noClaim.spec.runner.volumes[0].persistentVolumeClaim.claimName;
    expect(validator.errors(noClaim).join()).toMatch(/claimName/);
    const deployment = structuredClone(docs('locust/kubernetes.yaml').find((d) => d.kind === 'Deployment')!);
    deployment.spec.template.spec.containers[0].argz = [];
    expect(validator.errors(deployment).join()).toMatch(/argz/);
    const service = structuredClone(docs('locust/kubernetes.yaml').find((d) => d.kind === 'Service')!);
    service.spec.ports[0].port = 'http';
    expect(validator.errors(service).join()).toMatch(/port must be integer/);
  });
});

describe('the k6-operator TestRun', () => {
  const all = docs('k6-operator/testrun.yaml');
  const [configMap, claim, testRun] = [
    all.find((d) => d.kind === 'ConfigMap')!,
    all.find((d) => d.kind === 'PersistentVolumeClaim')!,
    all.find((d) => d.kind === 'TestRun')!,
  ];

  it('runs the per-runner script from its ConfigMap on `runners` runners, one per node, in the namespace', () => {
    expect(testRun.spec).toMatchObject({ parallelism: 4, separate: true, script: { configMap: { name: configMap.metadata.name, file: 'script.js' } } });
    expect(configMap.data['script.js']).toBe(file('k6-operator/script.js'));
    for (const d of all) expect(d.metadata.namespace).toBe('perf');
    expect(testRun.spec.runner.resources).toEqual({ requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } });
  });

  it("keeps every runner's raw NDJSON on a ReadWriteMany volume, one file per runner pod", () => {
    expect(claim.spec).toMatchObject({ accessModes: ['ReadWriteMany'], storageClassName: 'nfs-client', resources: { requests: { storage: '5Gi' } } });
    const runner = testRun.spec.runner;
    expect(runner.volumes).toEqual([{ name: 'results', persistentVolumeClaim: { claimName: claim.metadata.name } }]);
    expect(runner.volumeMounts).toEqual([{ name: 'results', mountPath: '/results' }]);
    const names = runner.env.map((e: { name: string }) => e.name);
    // Kubernetes expands $(POD_NAME) in K6_OUT only when POD_NAME is defined before it.
    expect(names.indexOf('POD_NAME')).toBeLessThan(names.indexOf('K6_OUT'));
    expect(runner.env.find((e: { name: string }) => e.name === 'K6_OUT').value).toBe('json=/results/$(POD_NAME).json');
    expect(testRun.spec.arguments).toBeUndefined();
    const reader = docs('k6-operator/results-reader.yaml')[0]!;
    expect(reader.spec.volumes[0].persistentVolumeClaim.claimName).toBe(claim.metadata.name);
  });

  it('the runner script has no thresholds, says why and what a segment must not assume, and type-checks against @types/k6', async () => {
    const script = file('k6-operator/script.js');
    expect(script).toMatch(/thresholds: \{\n {2}\},/);
    expect(script.slice(script.indexOf('export const options'))).not.toMatch(/abortOnFail|p\(95\)/);
    expect(script).toMatch(/ace check --budgets budgets\.json results\/k6/);
    expect(script).toMatch(/__VU and exec\.vu\.idInInstance restart at 1 on every runner/);
    expect(script).toMatch(/setup\(\) and teardown\(\) run on every runner/);
    const check = await checkK6Script(script);
    expect(check.issues).toEqual([]);
  });
});

describe('budgets.json', () => {
  it("holds the spec's thresholds in k6's form, as `ace check` reads them; those it cannot check are named", () => {
    const budgets = JSON.parse(file('budgets.json'));
    expect(budgets).toEqual({
      thresholds: {
        http_req_duration: ['p(95)<200', 'p(99)<500'],
        http_req_failed: ['rate<0.01'],
        'http_req_duration{name:list_products}': ['p(95)<150'],
      },
    });
    expect(parseBudgets(budgets)).toHaveLength(4);
    expect(run.leftOut).toHaveLength(1);
    expect(run.leftOut[0]).toMatch(/^checks: rate>0\.99 /);
    expect(file('RUNBOOK.md')).toContain('- checks: rate>0.99');
  });
});
