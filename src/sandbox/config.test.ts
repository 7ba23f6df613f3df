import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.js';

describe('parseConfig', () => {
  it('reads deny, allow and limits', () => {
    expect(parseConfig('{"deny":["x/"],"allow":[".env.test"],"limits":{"grepTimeoutMs":2000}}')).toEqual({
      deny: ['x/'],
      allow: ['.env.test'],
      limits: { grepTimeoutMs: 2000 },
    });
    expect(parseConfig('{}')).toEqual({});
  });

  it('refuses invalid JSON and unknown keys with a message naming the file', () => {
    expect(() => parseConfig('{')).toThrow(/ace\.config\.json is not valid JSON/);
    expect(() => parseConfig('{"denny":[]}')).toThrow(/ace\.config\.json is invalid/);
    expect(() => parseConfig('{"limits":{"grepTimeoutMs":1}}')).toThrow(/limits\.grepTimeoutMs/);
  });
});
