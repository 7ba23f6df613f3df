/**
 * .gitignore rules, nested: each directory's rules apply below it, and a deeper file's
 * decision (ignore or re-include) wins over a shallower one, as in git. The files come from
 * the project, so they are bounded like any input: read by the sandbox's rules with a size
 * cap (see listdir), and a line too costly to match (patternCostProblem) is dropped: a
 * .gitignore only hides files, it never guards one, so dropping a rule is safe.
 */
import ignore, { type Ignore } from 'ignore';
import { patternCostProblem } from './pattern.js';

/** A .gitignore larger than this is treated as absent. */
export const GITIGNORE_MAX_BYTES = 1024 * 1024;

/** The lines of a .gitignore that are cheap to match. */
function boundedRules(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => patternCostProblem(line) === undefined);
}

interface Scope {
  /** Root-relative directory holding the .gitignore ('.' for the root). */
  base: string;
  rules: Ignore;
}

export class GitignoreTree {
  /** For each known directory, the scopes that apply to its entries, deepest first. */
  private readonly scopes = new Map<string, readonly Scope[]>();

  /** Registers a directory, with the text of its .gitignore if it has one. Parents first. */
  addDirectory(dirRel: string, gitignoreText?: string): readonly Scope[] {
    const inherited = dirRel === '.' ? [] : this.scopesOf(parentOf(dirRel));
    const own = gitignoreText?.trim() ? [{ base: dirRel, rules: ignore().add(boundedRules(gitignoreText)) }, ...inherited] : inherited;
    this.scopes.set(dirRel, own);
    return own;
  }

  has(dirRel: string): boolean {
    return this.scopes.has(dirRel);
  }

  /** The scopes for a directory's entries; an unknown directory inherits from its nearest known parent. */
  scopesOf(dirRel: string): readonly Scope[] {
    for (let dir = dirRel; ; dir = parentOf(dir)) {
      const found = this.scopes.get(dir);
      if (found) return found;
      if (dir === '.') return [];
    }
  }

  /** Whether the entry `name` of directory `dirRel` is ignored. */
  isIgnored(dirRel: string, name: string, isDirectory: boolean): boolean {
    const scopes = this.scopesOf(dirRel);
    if (scopes.length === 0) return false;
    const rel = dirRel === '.' ? name : `${dirRel}/${name}`;
    for (const scope of scopes) {
      const local = scope.base === '.' ? rel : rel.slice(scope.base.length + 1);
      const verdict = scope.rules.test(isDirectory ? `${local}/` : local);
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }
}

function parentOf(rel: string): string {
  const at = rel.lastIndexOf('/');
  return at < 0 ? '.' : rel.slice(0, at);
}
