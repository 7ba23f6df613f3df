/**
 * scripts/ensure-claude.mjs turns a Claude Code install whose postinstall did not run (npm 11
 * without approved install scripts, or --ignore-scripts: bin/claude.exe is the placeholder)
 * into a runnable `claude`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { REPO } from './support/claude.js';

// Inside node_modules/, so the binary can be hard-linked (same file system), not copied.
const cache = join(REPO, 'node_modules', '.cache');
mkdirSync(cache, { recursive: true });
const project = mkdtempSync(join(cache, 'ace-ensure-claude-'));
afterAll(() => rmSync(project, { recursive: true, force: true }));

it('repairs a placeholder bin/claude.exe from the platform package', () => {
  const scope = join(project, 'node_modules', '@anthropic-ai');
  const wrapper = join(scope, 'claude-code');
  mkdirSync(join(wrapper, 'bin'), { recursive: true });
  for (const file of ['package.json', 'install.cjs', 'cli-wrapper.cjs']) {
    cpSync(join(REPO, 'node_modules', '@anthropic-ai', 'claude-code', file), join(wrapper, file));
  }
  writeFileSync(join(wrapper, 'bin', 'claude.exe'), '#!/bin/sh\necho "placeholder: postinstall did not run" >&2\nexit 1\n', { mode: 0o755 });
  const { optionalDependencies } = JSON.parse(readFileSync(join(wrapper, 'package.json'), 'utf8')) as {
    optionalDependencies: Record<string, string>;
  };
  // The platform packages npm installed for this machine (one of the optional dependencies).
  for (const pkg of Object.keys(optionalDependencies)) {
    const installed = join(REPO, 'node_modules', pkg);
    if (existsSync(installed)) symlinkSync(installed, join(project, 'node_modules', pkg));
  }
  mkdirSync(join(project, 'scripts'));
  cpSync(join(REPO, 'scripts', 'ensure-claude.mjs'), join(project, 'scripts', 'ensure-claude.mjs'));
  writeFileSync(join(project, 'package.json'), '{ "name": "fresh-clone", "private": true }\n');

  const bin = execFileSync(process.execPath, [join(project, 'scripts', 'ensure-claude.mjs')], { encoding: 'utf8' }).trim();
  expect(bin.startsWith(project)).toBe(true);
  expect(execFileSync(bin, ['--version'], { encoding: 'utf8' })).toMatch(/Claude Code/);
}, 60_000);
