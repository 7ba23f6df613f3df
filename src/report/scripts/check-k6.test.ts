import { describe, expect, it } from 'vitest';
import { checkK6Script } from './check-k6.js';
import { sampleSpec } from '../../../test/fixtures/k6-spec.js';
import { renderK6 } from './k6.js';

const script = renderK6(sampleSpec());

describe('checkK6Script', () => {
  it('accepts the generated script: it parses and type-checks against @types/k6', async () => {
    const result = await checkK6Script(script);
    expect(result.issues).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('reports a syntax error with its line', async () => {
    const result = await checkK6Script('import http from "k6/http";\nconst x = ;\nexport default function () {}');
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ kind: 'parse', line: 2 });
  });

  it('reports a call to an API k6 does not have', async () => {
    const result = await checkK6Script(script.replace('http.get(', 'http.fetch('));
    expect(result.ok).toBe(false);
    expect(result.issues.some((i) => i.kind === 'type' && /fetch/.test(i.message))).toBe(true);
  });

  it('reports options of the wrong type', async () => {
    const result = await checkK6Script(script.replace('vus: 5,', "vus: '5',"));
    expect(result.issues.some((i) => i.kind === 'type')).toBe(true);
  });

  it('reports a threshold outside k6 grammar with the accepted forms', async () => {
    const result = await checkK6Script(script.replace("'rate<0.01'", "'p95 < 200'"));
    const issue = result.issues.find((i) => i.kind === 'threshold');
    expect(issue?.message).toMatch(/p95 < 200/);
    expect(issue?.message).toMatch(/rate/);
  });
});
