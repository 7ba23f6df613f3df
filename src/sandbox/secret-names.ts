/**
 * The built-in deny-list by name: files and directories that hold secrets, grounded in the
 * established scanners: gitleaks (its `pkcs12-file` path rule and `private-key` content rule),
 * GitHub secret scanning (the registry, cloud and Vault/Terraform tokens it detects, which
 * live in the files listed), and gitrob's file signatures (the usual reference for secret
 * file *names*: SSH keys, key stores, password databases, credential dot-files).
 *
 * Rule syntax, matched against lower-cased names (so `.ENV`, `ID_RSA`, `Secret.PEM` too):
 *   name          a file with that name          dir/          a directory, everything inside
 *   *.ext, *end   a file name ending so          parent/dir/   a directory inside `parent`
 *   start*        a file name starting so        parent/name   a file directly inside `parent`
 *   a*b*c         a name starting with a, ending with c, with b between
 *   /name         a file with that name at the project root
 *
 * Templates stay readable: a file whose name ends in .example, .sample, .template, .tpl,
 * .dist or .defaults, or starts with example., sample. or template. (`.env.example`,
 * `sample.env`, `credentials.json.dist`) is never denied by a file rule; a real private key
 * under such a name is still refused by its content (private-key.ts).
 */
const RULES: ReadonlyArray<readonly [source: string, rules: string]> = [
  // SSH keys of every type, default and custom names (gitrob: id_rsa, id_dsa, *_rsa, *_dsa,
  // *_ecdsa, *_ed25519, *.ppk); .ssh/ holds the rest (identity, config, authorized_keys).
  ['gitrob ssh', 'id_rsa* id_dsa* id_ecdsa* id_ed25519* id_xmss* *_rsa *_dsa *_ecdsa *_ed25519 *_ecdsa_sk *_ed25519_sk *.ppk .ssh/'],
  // Private keys and key stores (gitleaks pkcs12-file: *.p12, *.pfx; gitrob: *.pem, *.key,
  // *.jks, *.keystore, *.pkcs12), password databases (gitrob: KeePass, Password Safe, 1Password,
  // macOS keychains), GnuPG's home and secret keyring, OpenVPN profiles (inline keys).
  [
    'gitleaks, gitrob keys',
    '*.pem *.key *.p12 *.pfx *.pkcs12 *.p8 *.jks *.keystore *.kdb *.kdbx *.psafe3 *.agilekeychain *.keychain *.keychain-db *.ovpn secring.gpg .gnupg/',
  ],
  // git's stored credentials; ~/.gitconfig carries tokens in credential helpers and insteadOf
  // URLs (gitrob: .git-credentials, .gitconfig). .git/ holds remotes with tokens and history.
  ['gitrob git', '.git/ .git-credentials .gitconfig'],
  // Registry tokens GitHub secret scanning detects (npm, PyPI, RubyGems, Cargo, Packagist,
  // NuGet, Maven/Gradle repositories) live in these files. A project's own NuGet.Config,
  // settings.xml and gradle.properties are build configuration and stay readable; the
  // per-user ones (in ~/.nuget/NuGet, ~/.m2, ~/.gradle) are denied.
  [
    'GitHub secret scanning registries',
    '.npmrc .yarnrc .yarnrc.yml .pypirc pip.conf pip.ini .gem/credentials .cargo/credentials .cargo/credentials.toml .composer/auth.json composer/auth.json /auth.json nuget/nuget.config settings-security.xml .m2/settings.xml .gradle/gradle.properties',
  ],
  // Container and Kubernetes credentials (gitrob: .dockercfg, kubeconfig; GitHub: Docker tokens).
  ['gitrob, GitHub containers', '.docker/config.json .dockercfg kubeconfig *.kubeconfig .kube/'],
  // Cloud CLIs (gitrob: .aws/credentials, .s3cfg, .boto; GitHub: AWS, Azure and Google Cloud
  // credentials): the whole CLI directory, and the Google key files by their documented names.
  ['gitrob, GitHub cloud', '.aws/ .azure/ .config/gcloud/ application_default_credentials.json .boto .s3cfg'],
  // Vault and Terraform (GitHub: Vault and Terraform Cloud tokens; gitrob: *.tfstate, terraform.tfvars):
  // state files hold every secret of the infrastructure, variable files usually its passwords.
  ['GitHub, gitrob vault terraform', '.vault-token .terraformrc terraform.rc credentials.tfrc.json *.tfstate *.tfstate.backup *.tfvars *.tfvars.json'],
  // Service-account key files (GitHub: google_cloud_service_account_credentials) by their usual names.
  ['GitHub service accounts', '*service-account*.json *service_account*.json *serviceaccount*.json client_secret*.json'],
  // Credential files by common names (gitrob: .htpasswd, .netrc, .pgpass, .my.cnf, credentials*, secrets.*).
  [
    'gitrob credentials',
    '.htpasswd .netrc _netrc .pgpass .my.cnf .mylogin.cnf credentials credentials.json credentials.xml credentials.yml credentials.yaml credentials.toml secrets.json secrets.yml secrets.yaml secrets.toml',
  ],
  // dotenv files and look-alikes (gitrob: .env; direnv's .envrc runs and exports secrets).
  ['gitrob env', '.env .env.* .env-* .env_* *.env .envrc'],
];

const TEMPLATE_ENDINGS = ['.example', '.sample', '.template', '.tpl', '.dist', '.defaults'];
const TEMPLATE_STARTS = ['example.', 'sample.', 'template.'];

/** A name pattern with `*` wildcards, as its literal pieces. */
type Pieces = readonly string[];

interface Table {
  exact: Set<string>;
  /** `*.ext` rules with a single dot, by extension. */
  extensions: Set<string>;
  wildcard: Pieces[];
  inParent: Set<string>;
  atRoot: Set<string>;
  dirs: Set<string>;
  dirsInParent: Set<string>;
  /** The parent names of the `parent/...` rules: any other parent needs no lookup. */
  parents: Set<string>;
}

function compile(): Table {
  const table: Table = {
    exact: new Set(),
    extensions: new Set(),
    wildcard: [],
    inParent: new Set(),
    atRoot: new Set(),
    dirs: new Set(),
    dirsInParent: new Set(),
    parents: new Set(),
  };
  for (const [, rules] of RULES) {
    for (const rule of rules.split(' ')) {
      if (rule.endsWith('/')) (rule.slice(0, -1).includes('/') ? table.dirsInParent : table.dirs).add(rule.slice(0, -1));
      else if (rule.startsWith('/')) table.atRoot.add(rule.slice(1));
      else if (rule.includes('/')) table.inParent.add(rule);
      else if (/^\*\.[^.*]+$/.test(rule)) table.extensions.add(rule.slice(1));
      else if (rule.includes('*')) table.wildcard.push(rule.split('*'));
      else table.exact.add(rule);
    }
  }
  for (const rule of [...table.inParent, ...table.dirsInParent]) table.parents.add(rule.slice(0, rule.lastIndexOf('/')));
  return table;
}

const TABLE = compile();

function matchesPieces(name: string, pieces: Pieces): boolean {
  const first = pieces[0]!;
  const last = pieces[pieces.length - 1]!;
  if (name.length < first.length + last.length || !name.startsWith(first) || !name.endsWith(last)) return false;
  let at = first.length;
  const end = name.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    at = name.indexOf(pieces[i]!, at);
    if (at < 0 || at + pieces[i]!.length > end) return false;
    at += pieces[i]!.length;
  }
  return true;
}

function isTemplate(name: string): boolean {
  return TEMPLATE_ENDINGS.some((e) => name.endsWith(e)) || TEMPLATE_STARTS.some((s) => name.startsWith(s));
}

/** Whether a directory named `name` (inside `parent`, if any) is denied with everything in it. */
export function secretDirectory(name: string, parent: string | undefined): boolean {
  const lower = name.toLowerCase();
  return TABLE.dirs.has(lower) || inParent(TABLE.dirsInParent, parent, lower);
}

/** Whether `parent/lower` is one of `rules` (`parent/name` rules). */
function inParent(rules: Set<string>, parent: string | undefined, lower: string): boolean {
  if (parent === undefined) return false;
  const parentLower = parent.toLowerCase();
  return TABLE.parents.has(parentLower) && rules.has(`${parentLower}/${lower}`);
}

/** Whether a file named `name`, directly inside `parent` (undefined at the root), is denied by name. */
export function secretFile(name: string, parent: string | undefined): boolean {
  const lower = name.toLowerCase();
  if (isTemplate(lower)) return false;
  if (TABLE.exact.has(lower)) return true;
  const dot = lower.lastIndexOf('.');
  if (dot >= 0 && TABLE.extensions.has(lower.slice(dot))) return true;
  if (parent === undefined ? TABLE.atRoot.has(lower) : inParent(TABLE.inParent, parent, lower)) return true;
  return TABLE.wildcard.some((pieces) => matchesPieces(lower, pieces));
}
