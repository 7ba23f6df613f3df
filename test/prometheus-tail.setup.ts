/**
 * The alone project's global setup: the example service and a Prometheus scraping it, started
 * with the suite instead of in the tail test's own beforeAll. Prometheus applies its targets
 * about five seconds after it starts (its discovery manager's update interval); that wait now
 * passes while the other files run, not on the suite's serial tail, where the paced test has the
 * machine to itself. Both are stopped by PID when the suite ends, and the service stops by itself
 * after SERVICE_LIFETIME_S in any case.
 */
import type { TestProject } from 'vitest/node';
import { newHarness, startPrometheus, startService, stopAll } from './support/prometheus.js';
import { isAlive } from './support/processes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The example service, and a Prometheus scraping it every second as job `calm`. */
    tailRig: { serviceUrl: string; prometheusUrl: string };
  }
}

/** Longer than the suite can take. */
const SERVICE_LIFETIME_S = 1800;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const h = newHarness();
  const service = await startService(h, SERVICE_LIFETIME_S);
  const prometheus = await startPrometheus(h, { calm: `127.0.0.1:${service.port}` });
  project.provide('tailRig', { serviceUrl: service.url, prometheusUrl: prometheus.url });
  return async () => {
    await stopAll(h);
    const alive = h.children.filter((child) => isAlive(child.pid!));
    if (alive.length > 0) throw new Error(`still running after the suite: PIDs ${alive.map((c) => c.pid).join(', ')}`);
  };
}
