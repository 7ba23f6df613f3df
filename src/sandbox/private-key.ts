/**
 * The second line of defence on content: a file whose first bytes are a private-key header
 * is refused whatever its name. The headers are those gitleaks' `private-key` rule and
 * GitHub secret scanning look for (PEM `-----BEGIN ... PRIVATE KEY-----` in every form: PKCS#1
 * RSA, SEC1 EC, DSA, OPENSSH, PKCS#8 and its ENCRYPTED form, PGP PRIVATE KEY BLOCK), plus the
 * two armours PEM does not cover: ssh.com's SSH2 and PuTTY's .ppk. Pure: works on a Buffer.
 */

/** How many leading bytes the check looks at (leading blank space included). */
export const PRIVATE_KEY_PROBE_BYTES = 1024;

const HEADERS = [
  // PEM and PGP armour: any label that ends in PRIVATE KEY (gitleaks: [ A-Z0-9_-]{0,100}).
  /^-{5}BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-{5}/i,
  // ssh.com / RFC 4716 private key armour.
  /^-{4} BEGIN SSH2 (?:ENCRYPTED )?PRIVATE KEY -{4}/i,
  // PuTTY's .ppk, versions 1 to 3.
  /^PuTTY-User-Key-File-\d+:/i,
];

const isBlank = (b: number | undefined) => b === 0x20 || (b !== undefined && b >= 0x09 && b <= 0x0d) || b === 0xa0;

/** True when `head` (a file's first bytes) starts, after blank space, with a private-key header. */
export function startsWithPrivateKey(head: Buffer): boolean {
  // Most files rule themselves out on their first byte that is not blank space: only '-'
  // (PEM, SSH2), 'P' (PuTTY) or a byte-order mark can start a key. No decoding for them.
  let first = 0;
  while (first < head.length && first < PRIVATE_KEY_PROBE_BYTES && isBlank(head[first])) first++;
  const c = head[first];
  if (c !== 0x2d && c !== 0x50 && c !== 0x70 && c !== 0xef && c !== 0xff && c !== 0xfe) return false;
  const probe = head.subarray(0, PRIVATE_KEY_PROBE_BYTES);
  let text: string;
  // The text whatever the byte-order mark says it is.
  if (probe[0] === 0xff && probe[1] === 0xfe) text = probe.subarray(2, probe.length & ~1).toString('utf16le');
  else if (probe[0] === 0xfe && probe[1] === 0xff)
    text = Buffer.from(probe.subarray(2, probe.length & ~1))
      .swap16()
      .toString('utf16le');
  else text = probe.subarray(probe[0] === 0xef && probe[1] === 0xbb && probe[2] === 0xbf ? 3 : 0).toString('latin1');
  text = text.trimStart();
  return HEADERS.some((header) => header.test(text));
}
