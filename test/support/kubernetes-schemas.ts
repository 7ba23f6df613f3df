/**
 * Validators for generated Kubernetes documents, from the vendored schemas
 * (test/fixtures/schemas/README.md): the Kubernetes API's own definitions for the core kinds,
 * and the k6-operator CRD's openAPIV3Schema for TestRun. Objects that list their properties
 * are closed, as `kubectl apply --validate=strict` treats them: a misspelt field is an error.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

const dir = fileURLToPath(new URL('../fixtures/schemas/', import.meta.url));

/** Adds additionalProperties: false wherever an object schema lists its properties. */
function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(schema))
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)])) : closed(v);
  if ('properties' in out && !('additionalProperties' in out) && !out['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

interface Swagger {
  info: { version: string };
  definitions: Record<string, Record<string, unknown>>;
}

function kubernetesDefinitions(): Swagger {
  const swagger = JSON.parse(readFileSync(`${dir}kubernetes-v1.13.4-definitions.json`, 'utf8')) as Swagger;
  const definitions = closed(swagger.definitions) as Swagger['definitions'];
  // Swagger 2.0 can only say "string, format int-or-string"; the API server takes both.
  definitions['io.k8s.apimachinery.pkg.util.intstr.IntOrString'] = { anyOf: [{ type: 'string' }, { type: 'integer' }] };
  return { ...swagger, definitions };
}

function testRunSchema(): Record<string, unknown> {
  const crd = parse(readFileSync(`${dir}k6.io_testruns.extract.yaml`, 'utf8')) as {
    spec: { versions: Array<{ name: string; schema: { openAPIV3Schema: Record<string, unknown> } }> };
  };
  return closed(crd.spec.versions.find((v) => v.name === 'v1alpha1')!.schema.openAPIV3Schema) as Record<string, unknown>;
}

/** apiVersion/kind → the definition that validates it. */
const KINDS: Record<string, string> = {
  'v1/ConfigMap': 'io.k8s.api.core.v1.ConfigMap',
  'v1/PersistentVolumeClaim': 'io.k8s.api.core.v1.PersistentVolumeClaim',
  'v1/Service': 'io.k8s.api.core.v1.Service',
  'v1/Pod': 'io.k8s.api.core.v1.Pod',
  'apps/v1/Deployment': 'io.k8s.api.apps.v1.Deployment',
  'batch/v1/Job': 'io.k8s.api.batch.v1.Job',
};

export interface KubernetesValidator {
  /** The errors of one document ([] when valid); throws on a kind it has no schema for. */
  errors(doc: { apiVersion?: unknown; kind?: unknown }): string[];
}

export function kubernetesValidator(): KubernetesValidator {
  // strict: false ignores the x-kubernetes-* keywords (and x-ace-pruned); formats are not checked.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ $id: 'k8s', definitions: kubernetesDefinitions().definitions });
  const validators = new Map<string, ValidateFunction>();
  for (const [kind, definition] of Object.entries(KINDS)) validators.set(kind, ajv.compile({ $ref: `k8s#/definitions/${definition}` }));
  validators.set('k6.io/v1alpha1/TestRun', ajv.compile(testRunSchema()));
  return {
    errors(doc) {
      const key = `${String(doc.apiVersion)}/${String(doc.kind)}`;
      const validate = validators.get(key);
      if (!validate) throw new Error(`no schema for ${key}`);
      if (validate(doc)) return [];
      return (validate.errors ?? []).map(
        (e) =>
          `${key} ${e.instancePath || '/'} ${e.message ?? ''}${e.params && 'additionalProperty' in e.params ? `: ${String(e.params.additionalProperty)}` : ''}`,
      );
    },
  };
}
