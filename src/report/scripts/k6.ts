/** Renders a LoadTestSpec as a complete k6 script (ES module). */
import type { Endpoint, LoadTestSpec, Scenario, Threshold } from './spec.js';

const str = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const endpointFunction = (e: Endpoint) => `${e.method.toLowerCase()}${camel(`_${e.name}`)}`;

function scenarioBlock(s: Scenario): string[] {
  const lines = [`    ${s.name}: {`, `      executor: ${str(s.executor)},`];
  if (s.startTime) lines.push(`      startTime: ${str(s.startTime)},`);
  const stages = (stages: Array<{ duration: string; target: number }>) => [
    '      stages: [',
    ...stages.map((st) => `        { duration: ${str(st.duration)}, target: ${st.target} },`),
    '      ],',
  ];
  switch (s.executor) {
    case 'constant-vus':
      lines.push(`      vus: ${s.vus},`, `      duration: ${str(s.duration)},`);
      break;
    case 'ramping-vus':
      lines.push(`      startVUs: ${s.startVUs},`, ...stages(s.stages), `      gracefulRampDown: '30s',`);
      break;
    case 'constant-arrival-rate':
      lines.push(
        `      rate: ${s.rate},`,
        `      timeUnit: ${str(s.timeUnit)},`,
        `      duration: ${str(s.duration)},`,
        `      preAllocatedVUs: ${s.preAllocatedVUs},`,
      );
      if (s.maxVUs) lines.push(`      maxVUs: ${s.maxVUs},`);
      break;
    case 'ramping-arrival-rate':
      lines.push(`      startRate: ${s.startRate},`, `      timeUnit: ${str(s.timeUnit)},`, `      preAllocatedVUs: ${s.preAllocatedVUs},`);
      if (s.maxVUs) lines.push(`      maxVUs: ${s.maxVUs},`);
      lines.push(...stages(s.stages));
      break;
  }
  lines.push(`      tags: { scenario_kind: ${str(s.kind ?? s.name)} },`, '    },');
  return lines;
}

function thresholdLine(t: Threshold): string {
  const items = t.expressions.map((e) =>
    typeof e === 'string'
      ? str(e)
      : `{ threshold: ${str(e.threshold)}, abortOnFail: ${e.abortOnFail}${e.delayAbortEval ? `, delayAbortEval: ${str(e.delayAbortEval)}` : ''} }`,
  );
  const key = /^[A-Za-z_][A-Za-z0-9_]*$/.test(t.metric) ? t.metric : str(t.metric);
  return `    ${key}: [${items.join(', ')}],`;
}

function endpointBlock(e: Endpoint): string[] {
  const headers = { ...(e.body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...(e.headers ?? {}) };
  const headerText = Object.keys(headers).length
    ? `headers: { ${Object.entries(headers)
        .map(([k, v]) => `${str(k)}: ${str(v)}`)
        .join(', ')} }, `
    : '';
  const params = `{ ${headerText}tags: { name: ${str(e.name)} } }`;
  const url = `\`\${BASE_URL}${e.path}\``;
  const body = e.body === undefined ? 'null' : `JSON.stringify(${JSON.stringify(e.body)})`;
  const call =
    e.method === 'GET' ? `http.get(${url}, ${params})` : `http.${e.method === 'DELETE' ? 'del' : e.method.toLowerCase()}(${url}, ${body}, ${params})`;
  const checks = [`    ${str(`${e.name} status ${e.expectStatus}`)}: (r) => r.status === ${e.expectStatus},`];
  if (e.maxDurationMs !== undefined) {
    checks.push(`    ${str(`${e.name} duration < ${e.maxDurationMs}ms`)}: (r) => r.timings.duration < ${e.maxDurationMs},`);
  }
  return [`function ${endpointFunction(e)}() {`, `  const res = ${call};`, '  check(res, {', ...checks, '  });', '}', ''];
}

export function renderK6(spec: LoadTestSpec): string {
  return [
    `import http from 'k6/http';`,
    `import { check, sleep } from 'k6';`,
    '',
    `const BASE_URL = __ENV.BASE_URL || ${str(spec.baseUrl.replace(/\/$/, ''))};`,
    '',
    `/** @type {import('k6/options').Options} */`,
    'export const options = {',
    '  scenarios: {',
    ...spec.scenarios.flatMap(scenarioBlock),
    '  },',
    '  thresholds: {',
    ...spec.thresholds.map(thresholdLine),
    '  },',
    '};',
    '',
    ...spec.endpoints.flatMap(endpointBlock),
    '/** Each iteration calls one endpoint, picked by weight. */',
    'const ENDPOINTS = [',
    ...spec.endpoints.map((e) => `  { weight: ${e.weight}, call: ${endpointFunction(e)} },`),
    '];',
    'const TOTAL_WEIGHT = ENDPOINTS.reduce((sum, e) => sum + e.weight, 0);',
    '',
    'export default function () {',
    '  let pick = Math.random() * TOTAL_WEIGHT;',
    '  for (const endpoint of ENDPOINTS) {',
    '    pick -= endpoint.weight;',
    '    if (pick < 0) {',
    '      endpoint.call();',
    '      break;',
    '    }',
    '  }',
    `  sleep(${spec.thinkTimeSeconds});`,
    '}',
    '',
  ].join('\n');
}
