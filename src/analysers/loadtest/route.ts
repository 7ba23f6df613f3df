/**
 * Route templates: the endpoint a request belongs to, with its ids folded, as k6's `name` tag
 * advises (`GET /items/123` and `GET /items/456` are both `GET /items/{id}`). Numeric ids,
 * UUIDs, hex hashes and long tokens in path segments and query values become `{id}`. Every
 * test below is a single pass over the characters: no backtracking, whatever the input.
 */

export const ID = '{id}';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
/** Characters of opaque tokens: base64(url), JWT parts, percent-encoding. */
function isTokenChar(c: number): boolean {
  return isDigit(c) || isLetter(c) || c === 45 || c === 95 || c === 46 || c === 126 || c === 61 || c === 43 || c === 37;
}

function isUuid(s: string): boolean {
  if (s.length !== 36) return false;
  for (let i = 0; i < 36; i++) {
    const c = s.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23 ? c !== 45 : !isHex(c)) return false;
  }
  return true;
}

/** True for what identifies one resource rather than naming a route. */
export function isIdSegment(s: string): boolean {
  if (s.length === 0) return false;
  let digits = 0;
  let hex = 0;
  let letters = 0;
  let token = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c)) digits++;
    if (isHex(c)) hex++;
    if (isLetter(c)) letters++;
    if (isTokenChar(c)) token++;
  }
  if (digits === s.length) return true; // 123
  if (isUuid(s)) return true;
  if (hex === s.length && s.length >= 8 && digits > 0) return true; // 5f2b9c1e, sha1/sha256
  return token === s.length && s.length >= 16 && digits > 0 && letters > 0; // opaque token
}

function foldPath(path: string): string {
  const parts = path.split('/');
  for (let i = 0; i < parts.length; i++) if (isIdSegment(parts[i]!)) parts[i] = ID;
  return parts.join('/');
}

function foldQuery(query: string): string {
  const parts = query.split('&');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    if (eq !== -1 && isIdSegment(p.slice(eq + 1))) parts[i] = `${p.slice(0, eq + 1)}${ID}`;
  }
  return parts.join('&');
}

/** Folds the ids of a URL or path; the scheme and host are kept as they are. */
function foldUrl(url: string): string {
  let rest = url;
  let prefix = '';
  const scheme = rest.indexOf('://');
  if (scheme !== -1 && scheme < 16) {
    const pathStart = rest.indexOf('/', scheme + 3);
    const queryStart = rest.indexOf('?', scheme + 3);
    const cut = pathStart === -1 ? queryStart : queryStart === -1 ? pathStart : Math.min(pathStart, queryStart);
    if (cut === -1) return url;
    prefix = rest.slice(0, cut);
    rest = rest.slice(cut);
  }
  const hash = rest.indexOf('#');
  const fragment = hash === -1 ? '' : rest.slice(hash);
  if (hash !== -1) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  const path = q === -1 ? rest : rest.slice(0, q);
  const query = q === -1 ? null : rest.slice(q + 1);
  return `${prefix}${foldPath(path)}${query === null ? '' : `?${foldQuery(query)}`}${fragment}`;
}

/**
 * The route template of an endpoint name ("GET http://h/items/123?page=2" →
 * "GET http://h/items/{id}?page={id}"). Names that hold no URL or path (JMeter labels such
 * as "Login") are returned unchanged.
 */
export function routeTemplate(name: string): string {
  if (name.indexOf('/') === -1 && name.indexOf('?') === -1) return name;
  const sp = name.indexOf(' ');
  if (sp > 0 && METHODS.has(name.slice(0, sp))) return `${name.slice(0, sp)} ${foldUrl(name.slice(sp + 1))}`;
  return foldUrl(name);
}

/**
 * An endpoint named by an absolute URL (autocannon, wrk, k6's default name tag) as its path, with
 * the method when the name has one: `http://10.0.0.5:8080/items` → `/items`. Runs of the same
 * test against two hosts (before and after a deploy) then name their endpoints alike. Any other
 * name is returned as it is. One pass, no backtracking.
 */
export function withoutOrigin(name: string): string {
  const sp = name.indexOf(' ');
  const method = sp > 0 && METHODS.has(name.slice(0, sp)) ? name.slice(0, sp) : null;
  const url = method ? name.slice(sp + 1) : name;
  const scheme = url.startsWith('https://') ? 8 : url.startsWith('http://') ? 7 : 0;
  if (scheme === 0 || url.indexOf(' ') !== -1) return name;
  const slash = url.indexOf('/', scheme);
  const path = slash === -1 ? '/' : url.slice(slash);
  return method ? `${method} ${path}` : path;
}
