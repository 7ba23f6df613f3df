/**
 * The longest literal text every match of a regular expression must contain, if one is
 * easy to prove: grep skips, with a byte search, the files lacking it before decoding and
 * running the regex (ripgrep does the same). Conservative: when unsure, no literal.
 */

const MIN_LENGTH = 3;

/** Index just past the bracket expression starting at `i` (which is '['). */
function skipClass(source: string, i: number): number {
  let j = i + 1;
  if (source[j] === '^') j++;
  if (source[j] === ']') j++;
  while (j < source.length && source[j] !== ']') j += source[j] === '\\' ? 2 : 1;
  return j + 1;
}

/** Index just past the group starting at `i` (which is '('). */
function skipGroup(source: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < source.length) {
    const c = source[j]!;
    if (c === '\\') j += 2;
    else if (c === '[') j = skipClass(source, j);
    else {
      if (c === '(') depth++;
      else if (c === ')' && --depth === 0) return j + 1;
      j++;
    }
  }
  return j;
}

/** Every literal of at least MIN_LENGTH characters a match must contain, longest first. */
export function requiredLiterals(source: string, ignoreCase: boolean): string[] {
  if (ignoreCase || source.includes('|')) return [];
  const found: string[] = [];
  let run = '';
  const close = () => {
    if (run.length >= MIN_LENGTH) found.push(run);
    run = '';
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined) break;
      if (/[A-Za-z0-9]/.test(next)) {
        // \d \w \s \b ... are classes or assertions; \x \u \c \k \p and back-references carry a payload: stop there.
        if (!/[dDwWsSbBntrfv]/.test(next)) break;
        close();
      } else run += next;
      i += 2;
      continue;
    }
    if (c === '*' || c === '?' || (c === '{' && /^\{\d+(,\d*)?\}/.test(source.slice(i)))) {
      run = run.slice(0, -1); // the atom before an optional quantifier may be absent
      close();
      i += c === '{' ? source.indexOf('}', i) - i + 1 : 1;
      continue;
    }
    if (c === '+') {
      close();
      i++;
      continue;
    }
    if (c === '[') {
      close();
      i = skipClass(source, i);
      continue;
    }
    if (c === '(') {
      close();
      i = skipGroup(source, i);
      continue;
    }
    if (c === '.' || c === '^' || c === '$' || c === ')' || c === ']') {
      close();
      i++;
      continue;
    }
    run += c;
    i++;
  }
  close();
  // Longest first; on a tie, one with capitals or digits, rarer in code than lower-case words.
  const rare = (text: string) => (/[A-Z0-9]/.test(text) ? 1 : 0);
  return found.sort((a, b) => b.length - a.length || rare(b) - rare(a));
}

/** The longest of `requiredLiterals`, if any. */
export function requiredLiteral(source: string, ignoreCase: boolean): string | undefined {
  return requiredLiterals(source, ignoreCase)[0];
}
