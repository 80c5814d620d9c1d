// App JWT verification (RS256, iss = App id, short expiry) and installation tokens, as GitHub checks
// them: a forged or expired JWT and an unknown token are 401s.
import { createPublicKey, createVerify, randomBytes, type KeyObject } from 'node:crypto';

export type Caller = { kind: 'app' } | { kind: 'installation'; installationId: number; token: string } | { kind: 'none'; reason: string };

export class Auth {
  private readonly publicKey: KeyObject;
  private readonly tokens = new Map<string, { installationId: number; expiresAt: number }>();

  constructor(private readonly appId: number, privateKey: string) {
    this.publicKey = createPublicKey(privateKey);
  }

  verifyJwt(jwt: string): string | null {
    const parts = jwt.split('.');
    if (parts.length !== 3) return 'A JSON web token could not be decoded';
    const [h, p, sig] = parts as [string, string, string];
    let header: { alg?: string }, payload: { iss?: unknown; exp?: number; iat?: number };
    try {
      header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
      payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      return 'A JSON web token could not be decoded';
    }
    if (header.alg !== 'RS256') return "'alg' must be RS256";
    const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(this.publicKey, Buffer.from(sig, 'base64url'));
    if (!ok) return 'A JSON web token could not be decoded';
    if (String(payload.iss) !== String(this.appId)) return "'Issuer' claim ('iss') must be an Integer";
    const t = Math.floor(Date.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp < t) return "'Expiration time' claim ('exp') is too far in the future";
    if (typeof payload.iat === 'number' && payload.iat > t + 60) return "'Issued at' claim ('iat') must be an Integer representing a time in the past";
    return null;
  }

  issueToken(installationId: number): { token: string; expiresAt: string } {
    const token = `ghs_${randomBytes(18).toString('base64url')}`;
    const expiresAt = Date.now() + 3600_000;
    this.tokens.set(token, { installationId, expiresAt });
    return { token, expiresAt: new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z') };
  }

  /** Who is calling, from the Authorization header (`token X` or `bearer X`). */
  identify(header: string | undefined): Caller {
    if (!header) return { kind: 'none', reason: 'Requires authentication' };
    const m = /^(?:token|bearer)\s+(\S+)$/i.exec(header.trim());
    if (!m) return { kind: 'none', reason: 'Bad credentials' };
    const cred = m[1]!;
    if (cred.split('.').length === 3) {
      const err = this.verifyJwt(cred);
      return err ? { kind: 'none', reason: err } : { kind: 'app' };
    }
    const t = this.tokens.get(cred);
    if (!t || t.expiresAt < Date.now()) return { kind: 'none', reason: 'Bad credentials' };
    return { kind: 'installation', installationId: t.installationId, token: cred };
  }
}
