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
    // The scanners' classes (secret-names.ts), case-insensitively.
    'id_dsa',
    'id_ecdsa',
    'id_ecdsa_sk',
    'id_ed25519_sk',
    'deploy_rsa',
    'keys/github_ed25519',
    'putty.ppk',
    '.ssh/identity',
    '.ssh/authorized_keys',
    '.git-credentials',
    '.gitconfig',
    '.yarnrc.yml',
    '.pypirc',
    'pip.conf',
    '.gem/credentials',
    '.cargo/credentials.toml',
    '.composer/auth.json',
    'auth.json',
    '.nuget/NuGet/NuGet.Config',
    'settings-security.xml',
    '.m2/settings.xml',
    '.gradle/gradle.properties',
    '.docker/config.json',
    '.dockercfg',
    'kubeconfig',
    'ci/prod.kubeconfig',
    '.kube/config',
    '.aws/config',
    '.azure/msal_token_cache.json',
    '.config/gcloud/credentials.db',
    '.config/gcloud/legacy_credentials/me/adc.json',
    'application_default_credentials.json',
    '.boto',
    '.s3cfg',
    '.vault-token',
    '.terraformrc',
    'terraform.rc',
    'credentials.tfrc.json',
    'infra/terraform.tfstate',
    'infra/terraform.tfstate.backup',
    'infra/prod.tfvars',
    'infra/prod.auto.tfvars.json',
    'my-service-account.json',
    'gcp_service_account_key.json',
    'client_secret_123.apps.googleusercontent.com.json',
    'release.jks',
    'app.keystore',
    'AuthKey_ABC.p8',
    'vault.kdbx',
    'office.ovpn',
    '.gnupg/pubring.kbx',
    '.htpasswd',
    '.envrc',
    'docker.env',
    '.env-prod',
    '.env_staging',
    '.env.bak',
    '_netrc',
    '.my.cnf',
    'credentials',
    'aws/credentials',
    'jenkins/credentials.xml',
    'config/secrets.yml',
    '.ENV',
    '.Env.Local',
    'ID_RSA',
    'Secret.PEM',
    '.SSH/config',
    '.NPMRC',
    'Terraform.TFSTATE',
  ])('denies %s', (rel) => expect(policy.isDenied(rel)).toBe(true));

  it.each([
    '.env.example',
    '.env.sample',
    '.env.local.example',
    '.env.template',
    '.env.dist',
    '.env.defaults',
    '.ENV.EXAMPLE',
    'sample.env',
    '.npmrc.example',
    'credentials.json.dist',
    'README.md',
    '.gitignore',
    '.github/workflows/ci.yml',
    'src/keys.ts',
    'src/credentials.ts',
    'src/secrets/index.ts',
    'environment.ts',
    'env.ts',
    '.envrc.d/x',
    'known_hosts',
    'NuGet.Config',
    'settings.xml',
    'gradle.properties',
    'config.json',
    'k8s/serviceaccount.yaml',
    'src/auth.json',
    'main.tf',
    'cert.crt',
    'release.asc',
  ])('allows %s', (rel) => expect(policy.isDenied(rel)).toBe(false));

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
