import { describe, expect, it } from 'vitest';
import { classify, lineEndingsOf } from './classify.js';

const bytes = (...b: number[]) => Buffer.from(b);

describe('classify', () => {
  it.each([
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0)],
    ['image/jpeg', bytes(0xff, 0xd8, 0xff, 0xe0)],
    ['application/pdf', Buffer.from('%PDF-1.7\n')],
    ['application/zip', bytes(0x50, 0x4b, 0x03, 0x04)],
    ['application/gzip', bytes(0x1f, 0x8b, 0x08)],
    ['application/x-elf', bytes(0x7f, 0x45, 0x4c, 0x46, 2)],
    ['application/wasm', bytes(0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0)],
    ['application/octet-stream', bytes(0x41, 0x00, 0x42)],
  ])('finds %s by magic number', (mime, head) => {
    expect(classify(head, true)).toEqual({ binary: true, mime });
  });

  it('tells text encodings apart', () => {
    expect(classify(Buffer.from('plain\n'), true).encoding).toBe('ascii');
    expect(classify(Buffer.from('café\n'), true).encoding).toBe('utf-8');
    expect(classify(Buffer.from('\uFEFFhi\n'), true).encoding).toBe('utf-8 (BOM)');
    expect(classify(bytes(0x63, 0x61, 0x66, 0xe9, 0x0a), true).encoding).toBe('other');
    expect(classify(Buffer.concat([bytes(0xff, 0xfe), Buffer.from('hi', 'utf16le')]), true).encoding).toBe('utf-16le');
    expect(classify(Buffer.concat([bytes(0xfe, 0xff), Buffer.from('hi', 'utf16le').swap16()]), true).encoding).toBe('utf-16be');
  });

  it('forgives a multi-byte character cut by the end of a sample, not of a whole file', () => {
    const cut = Buffer.from('abcé').subarray(0, 4);
    expect(classify(cut, false).encoding).toBe('utf-8');
    expect(classify(cut, true).encoding).toBe('other');
  });

  it('reads shebangs and guesses text MIME types', () => {
    expect(classify(Buffer.from('#!/usr/bin/env node\n'), true)).toMatchObject({ shebang: '/usr/bin/env node', mime: 'text/javascript' });
    expect(classify(Buffer.from('#!/bin/sh\n'), true).mime).toBe('text/x-shellscript');
    expect(classify(Buffer.from('{"a":[1]}'), true).mime).toBe('application/json');
    expect(classify(Buffer.from('<!DOCTYPE html><html>'), true).mime).toBe('text/html');
    expect(classify(Buffer.from('<svg xmlns="x"/>'), true).mime).toBe('image/svg+xml');
  });
});

describe('lineEndingsOf', () => {
  it('says lf, crlf, cr, mixed or none', () => {
    expect(lineEndingsOf('a\nb\n')).toBe('lf');
    expect(lineEndingsOf('a\r\nb\r\n')).toBe('crlf');
    expect(lineEndingsOf('a\rb\r')).toBe('cr');
    expect(lineEndingsOf('a\r\nb\n')).toBe('mixed');
    expect(lineEndingsOf('a')).toBe('none');
  });
});
