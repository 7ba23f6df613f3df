import { describe, expect, it } from 'vitest';
import { edit, fixture, lineOf } from '../../../test/fixtures/reports/load.js';
import { validateReport } from './index.js';

const en = fixture('clean.en.md');
const of = async (md: string, rule: string) => (await validateReport(md)).violations.filter((v) => v.rule === rule);
const script = /```javascript\nimport http[\s\S]*?```\n/;

describe('load-test script', () => {
  it('flags a report with no script', async () => {
    const md = edit(en, script, 'We will write the script later.\n');
    expect(await of(md, 'missing-load-script')).toMatchObject([{ line: lineOf(md, '## Phase 3') }]);
  });

  it('flags a k6 script that does not parse', async () => {
    const md = edit(en, '  sleep(1);\n}\n', '  sleep(1);\n');
    const v = await of(md, 'load-script-parse');
    expect(v).toHaveLength(1);
    expect(v[0]?.message).toContain('does not parse');
  });

  it.each(['p95 < 200', 'p(95)<'])('flags the threshold "%s" with k6\'s accepted forms', async (bad) => {
    const md = edit(en, "'p(95)<200'", `'${bad}'`);
    const v = await of(md, 'k6-threshold');
    expect(v).toHaveLength(1);
    expect(v[0]?.line).toBe(lineOf(md, 'http_req_duration: ['));
    expect(v[0]?.message).toContain('p(95)<200');
  });

  it('accepts a Locust script with a user class and a task, and flags one without', async () => {
    const good =
      '```python\nfrom locust import HttpUser, task\n\nclass Shopper(HttpUser):\n    @task\n    def search(self):\n        self.client.get("/api/products")\n```\n';
    expect(await of(edit(en, script, good), 'missing-load-script')).toEqual([]);
    expect(await of(edit(en, script, good), 'load-script-parse')).toEqual([]);
    const bad = '```python\nfrom locust import HttpUser\n\ndef search(client):\n    client.get("/api/products")\n```\n';
    expect(await of(edit(en, script, bad), 'load-script-parse')).toHaveLength(1);
  });
});
