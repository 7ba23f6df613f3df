import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { sampleSpec } from '../../../test/fixtures/k6-spec.js';
import { renderGatling } from './gatling.js';
import { renderK6 } from './k6.js';
import { renderLocust } from './locust.js';

const spec = sampleSpec();

describe('renderK6', () => {
  const script = renderK6(spec);
  it('reads the base URL from __ENV with a default', () => {
    expect(script).toContain("const BASE_URL = __ENV.BASE_URL || 'http://localhost:3000';");
  });
  it('writes executors, stages, thresholds (with the abortOnFail form) and checks', () => {
    expect(script).toContain("executor: 'ramping-vus'");
    expect(script).toContain("{ duration: '2m', target: 100 },");
    expect(script).toContain("executor: 'constant-arrival-rate'");
    expect(script).toContain("http_req_duration: ['p(95)<200', { threshold: 'p(99)<500', abortOnFail: true, delayAbortEval: '10s' }],");
    expect(script).toContain("'http_req_duration{name:list_products}': ['p(95)<150'],");
    expect(script).toContain("'create_order status 201': (r) => r.status === 201,");
    expect(script).toContain('JSON.stringify({"productId":42,"quantity":2})');
  });
});

describe('renderLocust', () => {
  const locustfile = renderLocust(spec);
  it('compiles with python3', () => {
    expect(() =>
      // -I: isolated (no working directory on sys.path, no PYTHON* variables); ast.parse only parses.
      execFileSync('python3', ['-I', '-c', 'import ast,sys; ast.parse(sys.stdin.read())'], {
        input: locustfile,
        stdio: ['pipe', 'pipe', 'pipe'],
        timeout: 30_000,
      }),
    ).not.toThrow();
  });
  it('has a weighted task per endpoint, a stages shape and the thresholds it can check', () => {
    expect(locustfile).toContain('@task(3)\n    def list_products(self):');
    expect(locustfile).toContain('host = os.environ.get("BASE_URL", "http://localhost:3000")');
    expect(locustfile).toContain('{"end": 60, "users": 5, "spawn_rate": 5}');
    expect(locustfile).toContain('stats.get_response_time_percentile(0.95) < 200');
    expect(locustfile).toContain('stats.fail_ratio < 0.01');
  });
});

describe('renderGatling', () => {
  const simulation = renderGatling(spec);
  it('is a Java DSL simulation that a Java parser accepts (java-parser, the parser of prettier-plugin-java)', async () => {
    expect(simulation).toContain('public class AceLoadSimulation extends Simulation {');
    const { parse } = await import('java-parser');
    expect(() => parse(simulation)).not.toThrow();
    // The parser does reject what javac would: one dropped parenthesis.
    expect(() => parse(simulation.replace('.during(', '.during(('))).toThrow(/parsing errors detected/);
  }, 20_000);
  it('injects each scenario, weights endpoints to 100% and asserts the thresholds', () => {
    expect(simulation).toContain('rampConcurrentUsers(0).to(100).during(Duration.ofSeconds(120))');
    expect(simulation).toContain('percent(75.00)');
    expect(simulation).toContain('percent(25.00)');
    expect(simulation).toContain('global().responseTime().percentile(95.0).lt(200)');
    expect(simulation).toContain('global().failedRequests().percent().lt(1.00)');
    expect(simulation).toContain('System.getProperty("BASE_URL", "http://localhost:3000")');
  });
});
