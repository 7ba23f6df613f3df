import { describe, expect, it } from 'vitest';
import { REDACTED, redactHeaders, secretScrubber } from './redact.js';

describe('redaction', () => {
  it('replaces credential headers, whatever their case, and keeps the others', () => {
    const headers = redactHeaders(
      Object.entries({ 'X-Api-Key': 'sk-ant-secret-1234', Authorization: 'Bearer t0ken-abcdef', 'anthropic-version': '2023-06-01' }),
    );
    expect(headers).toEqual({ 'x-api-key': REDACTED, authorization: REDACTED, 'anthropic-version': '2023-06-01' });
  });

  it('removes every occurrence of a secret value, also as escaped inside JSON', () => {
    const scrub = secretScrubber(['sk-ant-"quoted"-key', undefined, 'short']);
    const line = JSON.stringify({ a: 'x sk-ant-"quoted"-key y', b: 'short' });
    expect(scrub(line)).not.toContain('quoted');
    expect(scrub(line)).toContain(REDACTED);
    // Values too short to be a credential are left alone (they would match ordinary text).
    expect(scrub(line)).toContain('short');
  });
});
