/** A realistic load-test spec shared by the script tests. */
import { type LoadTestSpec, LoadTestSpecSchema } from './spec.js';

export function sampleSpec(): LoadTestSpec {
  return LoadTestSpecSchema.parse({
    baseUrl: 'http://localhost:3000',
    scenarios: [
      { name: 'smoke', kind: 'smoke', executor: 'constant-vus', vus: 5, duration: '1m' },
      {
        name: 'load',
        kind: 'load',
        executor: 'ramping-vus',
        startTime: '1m',
        stages: [
          { duration: '2m', target: 100 },
          { duration: '5m', target: 100 },
          { duration: '3m', target: 0 },
        ],
      },
      {
        name: 'arrivals',
        executor: 'constant-arrival-rate',
        rate: 50,
        timeUnit: '1s',
        duration: '2m',
        preAllocatedVUs: 20,
        maxVUs: 80,
        startTime: '11m',
      },
    ],
    endpoints: [
      { name: 'list_products', method: 'GET', path: '/api/products', weight: 3, maxDurationMs: 200 },
      {
        name: 'create_order',
        method: 'POST',
        path: '/api/orders',
        body: { productId: 42, quantity: 2 },
        headers: { Authorization: 'Bearer load-test' },
        expectStatus: 201,
      },
    ],
    thresholds: [
      { metric: 'http_req_duration', expressions: ['p(95)<200', { threshold: 'p(99)<500', abortOnFail: true, delayAbortEval: '10s' }] },
      { metric: 'http_req_failed', expressions: ['rate<0.01'] },
      { metric: 'http_req_duration{name:list_products}', expressions: ['p(95)<150'] },
      { metric: 'checks', expressions: ['rate>0.99'] },
    ],
  });
}
