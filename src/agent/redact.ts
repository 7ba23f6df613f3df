/**
 * Secret redaction for everything `ace run` writes: credential headers are replaced by a
 * marker, and any occurrence of a known secret value anywhere in a line is replaced too.
 */
export const REDACTED = '[redacted]';

const SECRET_HEADERS = new Set(['x-api-key', 'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'anthropic-api-key']);

/** A plain header record with credential headers redacted (names lower-cased). */
export function redactHeaders(headers: Iterable<[string, string]>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of headers) {
    const key = name.toLowerCase();
    out[key] = SECRET_HEADERS.has(key) ? REDACTED : value;
  }
  return out;
}

/** Builds a function replacing each secret (values shorter than 8 characters are ignored) in a string. */
export function secretScrubber(secrets: Array<string | undefined>): (text: string) => string {
  const given = secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
  // A secret as it appears inside a JSON string, too.
  const values = [...new Set([...given, ...given.map((s) => JSON.stringify(s).slice(1, -1))])];
  // Longest first, so a secret containing another is replaced whole.
  values.sort((a, b) => b.length - a.length);
  return (text) => values.reduce((acc, secret) => acc.split(secret).join(REDACTED), text);
}
