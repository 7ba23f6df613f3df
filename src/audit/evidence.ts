/** Finding the evidence under the target: load-test results and CPU profiles, by sniffing. */
import { detectLoadTestFormat } from '../analysers/loadtest/detect.js';
import { detectProfileFormat } from '../analysers/profile/index.js';
import type { Sandbox } from '../sandbox/sandbox.js';

/** Files worth sniffing, and how many at most. */
const CANDIDATES = ['**/*.{json,csv,jtl,xml,txt,ndjson,log,gz,cpuprofile,pb,pprof,prof,folded,collapsed}'];
const MAX_CANDIDATES = 400;
const HEAD = 64 * 1024;

export interface Evidence {
  loadtests: string[];
  profiles: string[];
}

export async function findEvidence(sandbox: Sandbox): Promise<Evidence> {
  const entries = (await sandbox.list({ patterns: CANDIDATES, onlyFiles: true })).slice(0, MAX_CANDIDATES);
  const loadtests: string[] = [];
  const profiles: string[] = [];
  for (const entry of entries) {
    let head: Buffer;
    try {
      head = await sandbox.readHead(await sandbox.resolve(entry.rel, 'file'), HEAD);
    } catch {
      continue; // denied, special or vanished: not evidence
    }
    if (detectLoadTestFormat(entry.rel, head)) loadtests.push(entry.rel);
    else if (detectProfileFormat(entry.rel, head) && !/\.(json|txt|csv|log)$/.test(entry.rel.replace(/\.cpuprofile$/, ''))) profiles.push(entry.rel);
    else if (/\.cpuprofile$/.test(entry.rel)) profiles.push(entry.rel);
  }
  return { loadtests: loadtests.sort(), profiles: profiles.sort() };
}
