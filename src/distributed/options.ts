/** What a distributed run is sized and named by, beside the load-test spec itself. */
import { z } from 'zod';

const DnsLabel = z.string().regex(/^[a-z]([-a-z0-9]{0,28}[a-z0-9])?$/, 'a Kubernetes name: lower-case letters, digits and "-", at most 30 characters');
const Quantity = z.string().regex(/^[0-9]+(\.[0-9]+)?(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/, 'a Kubernetes quantity such as "500m", "2", "1Gi"');

export const DistributedOptionsSchema = z.strictObject({
  runners: z.number().int().min(2).max(500).describe('Load generators: k6-operator `parallelism`, Locust workers (and `--processes` on one machine)'),
  name: DnsLabel.default('ace-load').describe('Prefix of every Kubernetes object and compose project'),
  namespace: DnsLabel.optional().describe('Kubernetes namespace (default: the current context)'),
  separate: z
    .boolean()
    .default(true)
    .describe('k6-operator `separate`: at most one runner per node, so runners do not share a machine (the cluster then needs as many nodes as runners)'),
  runner_cpu: Quantity.default('1').describe('CPU request and limit of each runner or worker'),
  runner_memory: Quantity.default('1Gi').describe('Memory request and limit of each runner or worker'),
  results_storage: Quantity.default('5Gi').describe(
    "Size of the volume that keeps every runner's raw results: k6's NDJSON holds about a dozen points per request, a few KB",
  ),
  storage_class: z
    .string()
    .regex(/^[a-z0-9]([-.a-z0-9]{0,61}[a-z0-9])?$/)
    .optional()
    .describe('StorageClass of the results volume; it must offer ReadWriteMany when runners land on several nodes (NFS, EFS, Filestore, Azure Files, CephFS)'),
  k6_image: z.string().min(1).max(200).default('grafana/k6:latest').describe('Runner image (pin a version in production)'),
  locust_image: z.string().min(1).max(200).default('locustio/locust:latest').describe('Locust image: its entrypoint is `locust`'),
});
export type DistributedOptions = z.output<typeof DistributedOptionsSchema>;

/** One generated file: where it goes (relative to the output folder) and its text. */
export interface GeneratedFile {
  path: string;
  content: string;
}
