import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_TOKENS, DEFAULT_MAX_TURNS, DEFAULT_MODEL, parseRunArgs } from './options.js';

const cwd = '/work/project';

describe('parseRunArgs', () => {
  it('applies the defaults: cwd as root, ./ace-report as output, the Opus model', () => {
    const parsed = parseRunArgs(['the orders API'], {}, cwd);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        target: 'the orders API',
        root: cwd,
        out: `${cwd}/ace-report`,
        model: DEFAULT_MODEL,
        maxTurns: DEFAULT_MAX_TURNS,
        maxTokens: DEFAULT_MAX_TOKENS,
        lang: undefined,
        json: false,
      },
    });
  });

  it('takes the model from ACE_MODEL, and --model over it', () => {
    const fromEnv = parseRunArgs(['x'], { ACE_MODEL: 'claude-sonnet-5-5' }, cwd);
    expect(fromEnv.kind === 'run' && fromEnv.options.model).toBe('claude-sonnet-5-5');
    const fromFlag = parseRunArgs(['x', '--model', 'claude-haiku-5-5'], { ACE_MODEL: 'claude-sonnet-5-5' }, cwd);
    expect(fromFlag.kind === 'run' && fromFlag.options.model).toBe('claude-haiku-5-5');
  });

  it('resolves --root and --out against the working directory and reads every option', () => {
    const parsed = parseRunArgs(['api', '--root', 'svc', '--out', '/tmp/r', '--max-turns', '7', '--max-tokens', '9000', '--lang', 'en', '--json'], {}, cwd);
    expect(parsed.kind === 'run' && parsed.options).toMatchObject({
      root: `${cwd}/svc`,
      out: '/tmp/r',
      maxTurns: 7,
      maxTokens: 9000,
      lang: 'en',
      json: true,
    });
  });

  it.each([
    [[], /missing <target>/],
    [['x', '--max-turns', '0'], /--max-turns must be a positive integer/],
    [['x', '--max-tokens', '1e6'], /--max-tokens must be a positive integer/],
    [['x', '--lang', 'de'], /--lang must be fr or en/],
    [['x', '--bogus'], /Unknown option '--bogus'/],
  ])('rejects %j as a usage error', (argv, message) => {
    const parsed = parseRunArgs(argv as string[], {}, cwd);
    expect(parsed.kind).toBe('error');
    expect(parsed.kind === 'error' && parsed.message).toMatch(message);
  });

  it('answers --help', () => {
    expect(parseRunArgs(['--help'], {}, cwd)).toEqual({ kind: 'help' });
  });
});
