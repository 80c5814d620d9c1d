import { isPlaceholderLiteral } from './placeholder.js';

/**
 * URLs with inline credentials (`https://user:pass@host`). Not secrets when the password is a
 * placeholder or the host is local or reserved for documentation (RFC 2606/6761: `example.com`,
 * `.test`, `.invalid`, `.example`, `.localhost`).
 */
export const URL_CREDENTIALS =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{1,30}:\/\/(?<user>[^\s:/?#@"'`<>]*):(?<pass>[^\s/?#"'`<>]+)@(?<host>\[[0-9a-fA-F:.]+\]|[^\s/?#:"'`<>,;)\]}@]+)/g;

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]', '0:0:0:0:0:0:0:1']);

export function isExampleHost(rawHost: string): boolean {
  const host = rawHost.toLowerCase().replace(/\.$/, '');
  if (LOCAL_HOSTS.has(host)) return true;
  if (/^127(?:\.\d{1,3}){3}$/.test(host)) return true;
  if (/(?:^|\.)example\.(?:com|net|org)$/.test(host)) return true;
  return /\.(?:test|invalid|example|localhost)$/.test(host);
}

/** A password that names a value instead of being one: `${DB_PASS}`, `$PASS`, `<password>`, `***`. */
export function isPlaceholderPassword(rawPass: string): boolean {
  let pass = rawPass;
  try {
    pass = decodeURIComponent(rawPass);
  } catch {
    // A malformed escape is still a literal password.
  }
  if (isPlaceholderLiteral(pass)) return true;
  // `%s` / `{}` format slots and `:pass` forms of a template.
  return /^(?:%s|%\d*\$?s|\{\}|\{\d+\}|\*+|\.{3,}|:[A-Za-z_]\w*)$/.test(pass);
}
