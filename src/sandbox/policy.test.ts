import { describe, expect, it } from 'vitest';
import { DenyPolicy } from './policy.js';

describe('DenyPolicy (built-in list)', () => {
  const policy = new DenyPolicy();
  it.each([
    '.env',
    '.env.local',
    '.env.production',
    'app/.env',
    'keys/server.pem',
    'tls.key',
    'id_rsa',
    'id_rsa.pub',
    'home/id_ed25519',
    'cert.p12',
    'cert.pfx',
    '.npmrc',
    '.netrc',
    '.pgpass',
    '.aws/credentials',
    '.ssh/config',
    '.ssh',
    '.git',
    '.git/config',
    'sub/.git/HEAD',
  ])('denies %s', (rel) => expect(policy.isDenied(rel)).toBe(true));

  it.each(['.env.example', '.env.sample', '.env.local.example', 'README.md', '.gitignore', '.github/workflows/ci.yml', 'credentials', 'aws/credentials', 'src/keys.ts', 'environment.ts', '.envrc.d/x'])(
    'allows %s',
    (rel) => expect(policy.isDenied(rel)).toBe(false),
  );

  it('checks a walked entry by its name only', () => {
    expect(policy.isEntryDenied('.aws', 'credentials', false)).toBe(true);
    expect(policy.isEntryDenied('src', '.env', false)).toBe(true);
    expect(policy.isEntryDenied('.', '.git', true)).toBe(true);
    expect(policy.isEntryDenied('src', 'index.ts', false)).toBe(false);
  });
});

describe('DenyPolicy (ace.config.json)', () => {
  it('adds patterns with deny and lifts built-in ones with allow', () => {
    const policy = new DenyPolicy({ deny: ['secrets/', '*.sqlite'], allow: ['fixtures/*.pem', '.env.test'] });
    expect(policy.isDenied('secrets/a.txt')).toBe(true);
    expect(policy.isDenied('secrets', true)).toBe(true);
    expect(policy.isDenied('db/app.sqlite')).toBe(true);
    expect(policy.isDenied('fixtures/test.pem')).toBe(false);
    expect(policy.isDenied('other/test.pem')).toBe(true);
    expect(policy.isDenied('.env.test')).toBe(false);
    expect(policy.isDenied('.env')).toBe(true);
  });

  it('opens a denied directory when the directory is allowed', () => {
    const policy = new DenyPolicy({ allow: ['.ssh/'] });
    expect(policy.isDenied('.ssh', true)).toBe(false);
    expect(policy.isEntryDenied('.', '.ssh', true)).toBe(false);
    expect(policy.isDenied('.ssh/known_hosts')).toBe(false);
  });

  it('never lets allow override an explicit deny', () => {
    const policy = new DenyPolicy({ deny: ['*.pem'], allow: ['*.pem'] });
    expect(policy.isDenied('a.pem')).toBe(true);
  });
});
