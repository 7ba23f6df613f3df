import { describe, expect, it } from 'vitest';
import { startsWithPrivateKey } from './private-key.js';

const BODY = '\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n';

describe('startsWithPrivateKey', () => {
  it.each([
    '-----BEGIN PRIVATE KEY-----',
    '-----BEGIN RSA PRIVATE KEY-----',
    '-----BEGIN EC PRIVATE KEY-----',
    '-----BEGIN DSA PRIVATE KEY-----',
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    '-----BEGIN ENCRYPTED PRIVATE KEY-----',
    '-----BEGIN PGP PRIVATE KEY BLOCK-----',
    '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----',
    'PuTTY-User-Key-File-3: ssh-ed25519',
    '-----begin rsa private key-----',
  ])('recognises %s', (header) => {
    expect(startsWithPrivateKey(Buffer.from(header + BODY))).toBe(true);
  });

  it('allows leading blank space and a byte-order mark, in UTF-8 and UTF-16', () => {
    expect(startsWithPrivateKey(Buffer.from(`\n\n  \t\r\n-----BEGIN RSA PRIVATE KEY-----${BODY}`))).toBe(true);
    expect(startsWithPrivateKey(Buffer.from(`\uFEFF-----BEGIN PRIVATE KEY-----${BODY}`))).toBe(true);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`-----BEGIN PRIVATE KEY-----${BODY}`, 'utf16le')]);
    expect(startsWithPrivateKey(utf16)).toBe(true);
  });

  it.each([
    '-----BEGIN CERTIFICATE-----',
    '-----BEGIN PUBLIC KEY-----',
    '-----BEGIN PGP PUBLIC KEY BLOCK-----',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI user@host',
    '# How to make a key: files start with -----BEGIN RSA PRIVATE KEY-----',
    '',
  ])('lets %j through', (text) => {
    expect(startsWithPrivateKey(Buffer.from(text + BODY))).toBe(false);
  });
});
