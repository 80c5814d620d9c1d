import { DEFAULT_NETWORK_ALLOW } from '../../../policy/defaults.js';
import type { Policy } from '../../../policy/types.js';
import { UNKNOWN } from '../../shell/words.js';

/**
 * Host extraction and the allow list (`step:network`). Hosts are compared exactly after parsing the
 * URL with WHATWG `URL`, so `allowed.com.evil.net` and `allowed.com@evil.net` are not `allowed.com`.
 */
const cache = new WeakMap<Policy, (host: string) => boolean>();

export function hostAllower(policy: Policy): (host: string) => boolean {
  let fn = cache.get(policy);
  if (!fn) {
    const exact = new Set<string>();
    const suffixes: string[] = [];
    for (const h of [...DEFAULT_NETWORK_ALLOW, ...policy.network.allow]) {
      const n = h.trim().toLowerCase().replace(/^\[|\]$/g, '');
      if (n.startsWith('*.')) suffixes.push(n.slice(1));
      else exact.add(n);
    }
    fn = (host) => {
      const h = host.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');
      if (exact.has(h)) return true;
      return suffixes.some((s) => h.endsWith(s) && h.length > s.length);
    };
    cache.set(policy, fn);
  }
  return fn;
}

export interface Target {
  /** Lower-case host, or null when it cannot be known. */
  host: string | null;
  url: URL | null;
  text: string;
}

/** The host a URL-ish argument names: `https://h/p`, `h:8080/p`, `user@h:path` (scp), `h`. */
export function parseTarget(text: string, defaultScheme = 'https'): Target {
  const t = text.trim();
  if (t.includes(UNKNOWN)) {
    // A known scheme and host before the unknown part still name the host.
    const m = /^([a-z][a-z0-9+.-]*:\/\/[^/?#\u0000]*)[/?#]/i.exec(t);
    if (m && m[1]) {
      const p = parseTarget(m[1] + '/', defaultScheme);
      if (p.host && !m[1].includes('@')) return { ...p, text: t };
    }
    return { host: null, url: null, text: t };
  }
  let candidate = t;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(candidate)) {
    const scp = /^(?:[^@/\s]+@)?(\[[^\]]+\]|[^:/\s]+):(?!\d+(?:\/|$))/.exec(candidate);
    if (scp && !candidate.startsWith('/')) return { host: (scp[1] as string).toLowerCase().replace(/^\[|\]$/g, ''), url: null, text: t };
    candidate = `${defaultScheme}://${candidate}`;
  }
  try {
    const url = new URL(candidate);
    if (url.protocol === 'file:') return { host: 'localhost', url, text: t };
    const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    return { host: host || null, url, text: t };
  } catch {
    return { host: null, url: null, text: t };
  }
}

/** `/dev/tcp/host/port` and `/dev/udp/...`: bash opens a socket. */
export function devTcpHost(text: string): string | null | undefined {
  const m = /^\/dev\/(?:tcp|udp)\/([^/]*)/.exec(text);
  if (!m) return undefined;
  const h = m[1] ?? '';
  return h.includes(UNKNOWN) || h === '' ? null : h.toLowerCase();
}

export function looksLikeUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
}
