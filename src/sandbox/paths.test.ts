import { describe, expect, it } from 'vitest';
import { isInside, relativeTo, requestedPath } from './paths.js';

describe('isInside', () => {
  it('is separator-aware', () => {
    expect(isInside('/srv/app', '/srv/app')).toBe(true);
    expect(isInside('/srv/app', '/srv/app/x/y')).toBe(true);
    expect(isInside('/srv/app', '/srv/app-evil')).toBe(false);
    expect(isInside('/srv/app', '/srv/app-evil/x')).toBe(false);
    expect(isInside('/srv/app', '/srv')).toBe(false);
    expect(isInside('/', '/anything')).toBe(true);
  });
});

describe('requestedPath', () => {
  const root = '/srv/app';
  it('normalises relative and absolute-inside paths to root-relative POSIX paths', () => {
    expect(requestedPath(root, 'src/./a/../b.ts')).toBe('src/b.ts');
    expect(requestedPath(root, '/srv/app/src/b.ts')).toBe('src/b.ts');
    expect(requestedPath(root, '')).toBe('.');
    expect(requestedPath(root, '.')).toBe('.');
    expect(requestedPath(root, '/srv/app')).toBe('.');
  });

  it('refuses NUL bytes, lexical escapes and absolute paths elsewhere, without naming them', () => {
    expect(() => requestedPath(root, 'a\0b')).toThrow('NUL');
    expect(() => requestedPath(root, '../x')).toThrow('escapes the project root');
    expect(() => requestedPath(root, 'a/../../x')).toThrow('escapes the project root');
    expect(() => requestedPath(root, '/srv/app-evil/x')).toThrow('absolute path outside the project root');
    try {
      requestedPath(root, '/etc/passwd');
    } catch (err) {
      expect((err as Error).message).not.toContain('/etc');
    }
  });

  it('keeps encoded or odd names literal', () => {
    expect(requestedPath(root, '%2e%2e/x')).toBe('%2e%2e/x');
    expect(requestedPath(root, '..\\x')).toBe('..\\x');
  });
});

describe('relativeTo', () => {
  it('gives . for the root', () => {
    expect(relativeTo('/srv/app', '/srv/app')).toBe('.');
    expect(relativeTo('/srv/app', '/srv/app/a/b')).toBe('a/b');
  });
});
