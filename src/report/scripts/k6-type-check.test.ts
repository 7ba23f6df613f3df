import { afterAll, describe, expect, it } from 'vitest';
import { sampleSpec } from '../../../test/fixtures/k6-spec.js';
import { checkK6Script, closeK6TypeCheck, K6_SCRIPT_MAX_BYTES } from './check-k6.js';
import { renderK6 } from './k6.js';

const generated = renderK6(sampleSpec());

/**
 * A small script whose type check takes minutes: a recursive JSDoc typedef whose instances
 * double at each step, compared (and printed) 40 levels deep.
 */
const SLOW = [
  "/** @template {unknown[]} T @template {number} N @typedef {T['length'] extends N ? T : Build<[...T, T], N>} Build */",
  '/** @type {Build<[], 40>} */ let a;',
  '/** @type {Build<[], 41>} */ let b = a;',
  'export default function () {}',
].join('\n');

afterAll(closeK6TypeCheck);

describe('checkK6Script', () => {
  it('passes a correct script', async () => {
    expect(await checkK6Script(generated)).toEqual({ ok: true, issues: [] });
  });

  it('reports a real type error against @types/k6 with its position', async () => {
    const result = await checkK6Script("import http from 'k6/http';\n\nexport default function () {\n  http.get(42);\n}\n");
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ kind: 'type', line: 4, column: 12, message: expect.stringMatching(/'number' is not assignable/) }]);
  });

  it("checks the types a script's JSDoc declares", async () => {
    const result = await checkK6Script("/** @type {number} */\nconst retries = 'three';\nexport default function () {}\n");
    expect(result.issues).toEqual([{ kind: 'type', line: 2, column: 7, message: "Type 'string' is not assignable to type 'number'." }]);
  });

  it('types remote https modules as any, as k6 runs them', async () => {
    const script = [
      "import { randomItem } from 'https://jslib.k6.io/k6-utils/1.4.0/index.js';",
      "import http from 'k6/http';",
      "export default function () { http.get(randomItem(['https://example.com'])); }",
    ].join('\n');
    expect(await checkK6Script(script)).toEqual({ ok: true, issues: [] });
  });

  it('follows every k6 module @types/k6 declares, and nothing that only starts like one', async () => {
    const ok = [
      "import { check, sleep } from 'k6';",
      "import grpc from 'k6/net/grpc';",
      "import { browser } from 'k6/browser';",
      "import exec from 'k6/execution';",
    ];
    expect(await checkK6Script(`${ok.join('\n')}\nexport default function () { sleep(1); }\n`)).toEqual({ ok: true, issues: [] });

    const refused = ['k6/../k6/http', 'k6/http.js', 'k6/nope', 'k6/x/sql', 'k6//http', 'K6/http'];
    const script = `${refused.map((s, i) => `import m${i} from '${s}';`).join('\n')}\nexport default function () {}\n`;
    const result = await checkK6Script(script);
    expect(result.issues).toEqual(
      refused.map((s, i) => ({
        kind: 'import',
        line: i + 1,
        column: expect.any(Number),
        message: `k6 scripts may import only k6 modules and remote https modules; "${s}" is not checked`,
      })),
    );
  });

  it(`refuses a script over ${K6_SCRIPT_MAX_BYTES / 1024} KB without compiling it`, async () => {
    const big = `export default function () {}\n${'// padding padding padding\n'.repeat(K6_SCRIPT_MAX_BYTES / 20)}`;
    const result = await checkK6Script(big);
    expect(result.ok).toBe(false);
    expect(result.issues).toEqual([{ kind: 'limit', line: 1, column: 1, message: expect.stringMatching(/KB, over the 256 KB the check accepts/) }]);
  });

  it('stops a type check past its deadline with a clear issue, and serves the next script', async () => {
    const started = Date.now();
    const result = await checkK6Script(SLOW, { deadlineMs: 500 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(result).toEqual({
      ok: false,
      issues: [{ kind: 'limit', line: 1, column: 1, message: 'k6 type check stopped after 0.5 s: script too large or too complex' }],
    });
    expect(await checkK6Script(generated)).toEqual({ ok: true, issues: [] });
  });

  it("counts a job's own work against its deadline, not the time it waited in the queue", async () => {
    // The second script waits for the first to time out (1.5 s) and for a fresh worker: longer
    // than its own 1.5 s, which is still plenty for its work.
    const [slow, queued] = await Promise.all([checkK6Script(SLOW, { deadlineMs: 1_500 }), checkK6Script(generated, { deadlineMs: 1_500 })]);
    expect(slow.issues[0]?.kind).toBe('limit');
    expect(queued).toEqual({ ok: true, issues: [] });
  });
});
