/**
 * The deny-list: which root-relative paths no tool may read, list or search.
 * Built-in rules cover secrets (the table in secret-names.ts); ace.config.json can add
 * patterns (`deny`) or relax the built-in ones (`allow`). Patterns use .gitignore syntax and are matched against the
 * root-relative path.
 */
import ignore, { type Ignore } from 'ignore';
import { secretDirectory, secretFile } from './secret-names.js';

/** Built-in rule for one path component; `last` says whether it is the final one (a file). */
function componentDenied(name: string, last: boolean, previous: string | undefined): boolean {
  if (secretDirectory(name, previous)) return true; // the directory itself and everything inside
  return last && secretFile(name, previous);
}

export function builtInDenied(rel: string, isDirectory = false): boolean {
  if (rel === '.') return false;
  const parts = rel.split('/');
  for (let i = 0; i < parts.length; i++) {
    if (componentDenied(parts[i]!, i === parts.length - 1 && !isDirectory, parts[i - 1])) return true;
  }
  return false;
}

export interface PolicyConfig {
  deny?: string[];
  allow?: string[];
}

export class DenyPolicy {
  private readonly extraDeny: Ignore | undefined;
  private readonly allow: Ignore | undefined;

  constructor(config: PolicyConfig = {}) {
    this.extraDeny = config.deny?.length ? ignore().add(config.deny) : undefined;
    this.allow = config.allow?.length ? ignore().add(config.allow) : undefined;
  }

  /** True when `rel` (root-relative, POSIX) may not be read, listed or searched. */
  isDenied(rel: string, isDirectory = false): boolean {
    if (rel === '.' || rel === '') return false;
    const probe = isDirectory ? `${rel}/` : rel;
    if (this.extraDeny?.ignores(probe)) return true;
    if (!builtInDenied(rel, isDirectory)) return false;
    return !this.allow?.ignores(probe);
  }

  /**
   * The same verdict for an entry met while walking, whose parent directory is already
   * known not to be denied: only the last component needs the built-in check.
   */
  isEntryDenied(dirRel: string, name: string, isDirectory: boolean): boolean {
    const parentName = dirRel === '.' ? undefined : dirRel.slice(dirRel.lastIndexOf('/') + 1);
    const builtIn = componentDenied(name, !isDirectory, parentName);
    if (!builtIn && !this.extraDeny) return false;
    return this.isDenied(dirRel === '.' ? name : `${dirRel}/${name}`, isDirectory);
  }
}
