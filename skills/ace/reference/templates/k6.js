// k6 load test template (Ace). Replace BASE_URL, the endpoints and the thresholds with the
// target's own; keep the stages in line with the scenarios table.
import http from 'k6/http';
import { check, sleep } from 'k6';

const BASE_URL = __ENV.BASE_URL || 'http://localhost:3000';

export const options = {
  stages: [
    { duration: '2m', target: 100 }, // ramp up
    { duration: '5m', target: 100 }, // steady state
    { duration: '2m', target: 500 }, // stress
    { duration: '5m', target: 500 }, // sustain stress
    { duration: '2m', target: 0 }, // ramp down
  ],
  thresholds: {
    http_req_duration: ['p(95)<200', 'p(99)<500'],
    http_req_failed: ['rate<0.01'],
  },
};

export default function () {
  const res = http.get(`${BASE_URL}/api/endpoint`);
  check(res, {
    'status 200': (r) => r.status === 200,
    'duration < 200ms': (r) => r.timings.duration < 200,
  });
  sleep(1);
}
