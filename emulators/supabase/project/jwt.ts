/** HS256 JWTs as a Supabase project signs them (the anon and service_role keys, user access tokens). */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The claims of a verified token. */
export type JwtClaims = Record<string, unknown> & { role?: string; exp?: number };

/** Verifies an HS256 token against `secret` and its `exp`; the claims, or a reason it was refused. */
export function verifyJwt(token: string, secret: string, now: Date): { claims: JwtClaims } | { error: string } {
  const parts = token.split('.');
  if (parts.length !== 3) return { error: 'Invalid JWT format' };
  const [head = '', body = '', signature = ''] = parts;
  let header: { alg?: unknown };
  let claims: JwtClaims;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as JwtClaims;
  } catch {
    return { error: 'Invalid JWT format' };
  }
  if (header.alg !== 'HS256') return { error: 'Unsupported JWT algorithm' };
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { error: 'Invalid JWT signature' };
  if (typeof claims.exp === 'number' && claims.exp * 1000 <= now.getTime()) return { error: 'JWT expired' };
  return { claims };
}
