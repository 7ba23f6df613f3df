/**
 * Escape attempts through the k6 script check (TypeScript compiler), on a temporary tree:
 *
 *   <base>/app          the project root
 *   <base>/outside      a canary: config.js (a string constant), secret.d.ts and index.d.ts
 *                       (global declarations whose type is the canary)
 *
 * Every script would quote the canary in a type error if the compiler read the file (`k.zzz`
 * on a string literal type names the literal). No issue may contain it, and the issues for a
 * script must be byte-identical with the canary present and deleted: whether a path exists
 * cannot be told.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkK6Script, closeK6TypeCheck } from '../src/report/scripts/check-k6.js';
import { connectAce, type ConnectedAce } from './support/client.js';
import { addToTree, makeTree, removeTree } from './support/files-tree.js';

const CANARY = `CANARY-${randomUUID()}`;
const REFUSAL = /^k6 scripts may import only k6 modules and remote https modules; ".*" is not checked$/;

let base: string;
let outside: string;
let previousCwd: string;
/** Attack scripts by name; they spell the canary's host path, known once the tree exists. */
let SCRIPTS: Record<string, string>;

function plantCanary(): Promise<void> {
  const globals = `declare const OUTSIDE_SECRET: "${CANARY}";\n`;
  return addToTree(base, {
    'outside/config.js': `export const k = "${CANARY}";\n`,
    'outside/config.d.ts': `export declare const k: "${CANARY}";\n`,
    'outside/secret.d.ts': globals,
    'outside/index.d.ts': globals,
    'outside/package.json': '{ "name": "outside", "types": "index.d.ts" }\n',
  });
}

/** The canary's config.js, spelled every way that could reach it. */
function configSpecifiers(): Record<string, string> {
  const abs = path.join(outside, 'config.js');
  return {
    absolute: abs,
    'absolute, no extension': abs.replace(/\.js$/, ''),
    'relative climb to /': `../../../../../../../../../..${abs}`,
    'relative sibling': '../outside/config.js',
    'through k6/..': `k6/../../../../../../../../../..${abs}`,
    // The test runs with <base> as its working directory (see beforeAll).
    'through /proc/self/cwd': '/proc/self/cwd/outside/config.js',
    'through /proc/<pid>/cwd': `/proc/${process.pid}/cwd/outside/config.js`,
    'file: URL': `file://${abs}`,
  };
}

/** One script per specifier, reaching it through every form of import k6 scripts can write. */
function importScripts(): Record<string, string> {
  const scripts: Record<string, string> = {};
  for (const [name, spec] of Object.entries(configSpecifiers())) {
    const s = JSON.stringify(spec);
    scripts[`static import, ${name}`] = `import { k } from ${s};\nexport default function () { k.zzz; }\n`;
    scripts[`import() ${name}`] = `export default async function () { const m = await import(${s}); m.k.zzz; }\n`;
    scripts[`require() ${name}`] = `const m = require(${s});\nexport default function () { m.k.zzz; }\n`;
    scripts[`export from, ${name}`] = `export { k } from ${s};\nexport default function () {}\n`;
    scripts[`JSDoc import type, ${name}`] = `/** @type {import(${s}).k} */\nlet v;\nexport default function () { v.zzz; }\n`;
  }
  return scripts;
}

function referenceScripts(): Record<string, string> {
  const use = 'export default function () { OUTSIDE_SECRET.zzz; }\n';
  return {
    'reference path, absolute': `/// <reference path="${path.join(outside, 'secret.d.ts')}" />\n${use}`,
    'reference path, relative climb': `/// <reference path="../../../../../../../../../..${path.join(outside, 'secret.d.ts')}" />\n${use}`,
    'reference types, absolute directory': `/// <reference types="${outside}" />\n${use}`,
    'reference types, relative': `/// <reference types="../outside" />\n${use}`,
    'reference types, package name': `/// <reference types="outside" />\n${use}`,
  };
}

beforeAll(async () => {
  base = await makeTree({ 'app/README.md': '# app\n' }, 'ace-checkers-');
  outside = path.join(base, 'outside');
  await plantCanary();
  // A forked test process may change directory; the checker's worker thread shares it.
  previousCwd = process.cwd();
  process.chdir(base);
  SCRIPTS = { ...importScripts(), ...referenceScripts() };
});

afterAll(async () => {
  process.chdir(previousCwd);
  await closeK6TypeCheck();
  await removeTree(base);
});

describe('the k6 type check sees nothing but the script', () => {
  const present = new Map<string, string>();

  it('never quotes the canary, and refuses each outside import with the one fixed message', async () => {
    for (const [name, script] of Object.entries(SCRIPTS)) {
      const inWorker = await checkK6Script(script);
      const text = JSON.stringify(inWorker);
      expect(text, name).not.toContain(CANARY);
      const refusals = inWorker.issues.filter((i) => i.kind === 'import');
      expect(refusals.length, name).toBeGreaterThan(0);
      for (const r of refusals) expect(r.message, name).toMatch(REFUSAL);
      present.set(name, text);
    }
  });

  it('answers byte for byte the same once the canary is deleted: existence cannot be told', async () => {
    expect(present.size).toBe(Object.keys(SCRIPTS).length);
    await removeTree(outside);
    try {
      for (const [name, script] of Object.entries(SCRIPTS)) {
        expect(JSON.stringify(await checkK6Script(script)), name).toBe(present.get(name));
      }
    } finally {
      await plantCanary();
    }
  });
});

describe('validate_report over MCP', () => {
  let ace: ConnectedAce;
  beforeAll(async () => {
    ace = await connectAce(path.join(base, 'app'));
  });
  afterAll(async () => {
    await ace.close();
  });

  const report = () =>
    [
      '# Performance report',
      '',
      '## Load test',
      '',
      '```javascript',
      "import http from 'k6/http';",
      `import { k } from ${JSON.stringify(path.join(outside, 'config.js'))};`,
      `/// <reference path="${path.join(outside, 'secret.d.ts')}" />`,
      'export const options = { vus: 1, duration: "10s" };',
      'export default function () { http.get("https://example.com/" + k.zzz + OUTSIDE_SECRET.zzz); }',
      '```',
      '',
    ].join('\n');

  async function validate(): Promise<string> {
    const result = await ace.call('validate_report', { markdown: report(), language: 'en' });
    expect(result.isError).toBeFalsy();
    const answer = JSON.stringify({ content: result.content, structured: result.structuredContent });
    expect(answer).not.toContain(CANARY);
    return answer;
  }

  it('never quotes the canary, and says the same whether or not it exists', async () => {
    const withCanary = await validate();
    expect(withCanary).toContain(`may import only k6 modules and remote https modules; \\"${path.join(outside, 'config.js')}\\" is not checked`);
    await removeTree(outside);
    try {
      expect(await validate()).toBe(withCanary);
    } finally {
      await plantCanary();
    }
  });
});
