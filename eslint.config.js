// The house rules that are checked, not remembered: the layers' import directions
// (cli → commands → agent | audit → server → tools → analysers → report → sandbox) and
// "only the sandbox touches the disk". typescript-eslint's recommended rules, no type info
// (fast enough to run on every `npm test`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const FS = ['fs', 'node:fs', 'fs/promises', 'node:fs/promises'];
const fsRule = { name: '', message: 'Only src/sandbox/ (and the commands and agent that write output files) may touch the disk: go through the Sandbox.' };
const noFs = FS.map((name) => ({ ...fsRule, name }));

/** A layer may not import the layers above it. */
const above = (layers) =>
  layers.map((layer) => ({
    group: [`**/${layer}/*`, `**/${layer}/**`, `**/${layer}.js`],
    message: `imports go down the layers (cli → commands → agent | audit → server → tools → analysers → report → sandbox): this module may not import ${layer}/`,
  }));

/** Modules below that a layer must reach through the tools, not import. */
const throughTools = (modules) =>
  modules.map((module) => ({
    group: [`**/${module}/*`, `**/${module}/**`, `**/${module}.js`],
    message: `this layer calls the tools (src/server/typed-client.ts) instead of importing ${module}/; take types from the tools' output schemas`,
  }));

const restrict = (files, { fs = false, layers = [], below = [] }) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': ['error', { paths: fs ? noFs : [], patterns: [...above(layers), ...throughTools(below)] }],
  },
});

export default tseslint.config(
  { ignores: ['dist/**', 'plugin/**', 'node_modules/**', 'coverage/**', 'test/fixtures/**', 'examples/**/results/**', '.claude/**', 'skills/**/templates/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
        performance: 'readonly',
        TextDecoder: 'readonly',
        TextEncoder: 'readonly',
        AbortController: 'readonly',
        AbortSignal: 'readonly',
        structuredClone: 'readonly',
        fetch: 'readonly',
        queueMicrotask: 'readonly',
      },
    },
    rules: {
      // Byte sniffing matches control characters on purpose (NUL, ESC, C0 ranges).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  // Test doubles parse arbitrary JSON from real processes.
  { files: ['test/**/*.ts', 'src/**/*.test.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  restrict(['src/sandbox/**/*.ts'], { layers: ['report', 'analysers', 'tools', 'server', 'audit', 'agent', 'commands', 'session'] }),
  restrict(['src/report/**/*.ts'], { fs: true, layers: ['analysers', 'tools', 'server', 'audit', 'agent', 'commands', 'session'] }),
  // The Prometheus client (beside the analysers) talks HTTP, never the disk, and knows nothing of tools.
  restrict(['src/prometheus/**/*.ts'], { fs: true, layers: ['analysers', 'tools', 'server', 'audit', 'agent', 'commands', 'session'] }),
  // Distributed-run generators sit between the tools and the analysers (they read the budgets' grammar).
  restrict(['src/distributed/**/*.ts'], { fs: true, layers: ['tools', 'server', 'audit', 'agent', 'commands', 'session'] }),
  restrict(['src/analysers/**/*.ts'], { fs: true, layers: ['tools', 'server', 'audit', 'agent', 'commands', 'session'] }),
  restrict(['src/session/**/*.ts'], { fs: true, layers: ['tools', 'server', 'audit', 'agent', 'commands'] }),
  restrict(['src/tools/**/*.ts'], { fs: true, layers: ['server', 'audit', 'agent', 'commands'] }),
  restrict(['src/server/**/*.ts'], { fs: true, layers: ['audit', 'agent', 'commands'] }),
  // The audit does a tool's job only through the tool: no analyser, no validator (types come from the tools' schemas).
  restrict(['src/audit/**/*.ts'], { fs: true, layers: ['agent', 'commands'], below: ['analysers', 'prometheus', 'report/validate'] }),
  // The audit's command too: it writes its output files, and does the audit's work only through the tools.
  restrict(['src/commands/audit.ts'], { below: ['analysers', 'prometheus', 'report/validate'] }),
  restrict(['src/agent/**/*.ts'], { layers: ['audit', 'commands'] }),
);
