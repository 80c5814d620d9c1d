/**
 * `content:private-key`: a `-----BEGIN ... PRIVATE KEY-----` line, with or without a body (RSA, EC,
 * DSA, OPENSSH, ENCRYPTED, PGP ... BLOCK), and PuTTY key files. A public `CERTIFICATE` or `PUBLIC KEY`
 * block is not a secret. The secret scan finds these lines in the same prefilter pass (keyword
 * `private key`), including inside one level of base64 (a Kubernetes secret's `tls.key`).
 */
export const PRIVATE_KEY_LINE = /-----BEGIN[ A-Z0-9]*PRIVATE KEY(?: BLOCK)?-----|PuTTY-User-Key-File-\d+:/;

export function isPrivateKeyDetector(detector: string): boolean {
  return detector === 'private-key' || detector.startsWith('private-key:');
}
