import { describe, expect, it } from 'vitest';
import { escapeHtml, jsonForScript } from './embed.js';

describe('jsonForScript', () => {
  it('leaves nothing that can close the element or open markup, and parses back to the same value', () => {
    const value = { name: '</script><script>alert(1)</script>', other: '<!-- & -->', sep: '\u2028\u2029' };
    const text = jsonForScript(value);
    expect(text).not.toMatch(/[<>&\u2028\u2029]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('escapeHtml', () => {
  it('escapes text and attribute metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
