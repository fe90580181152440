import { describe, expect, it } from 'vitest';
import { verifyJwt } from '../../../../../emulators/supabase/project/jwt.js';
import { signJwt } from '../../../../../emulators/supabase/state.js';

const now = new Date('2026-11-29T12:00:00Z');

describe('verifyJwt', () => {
  it('accepts a token signed with the secret and returns its claims', () => {
    const token = signJwt({ role: 'anon', ref: 'x' }, 'secret-1', now);
    expect(verifyJwt(token, 'secret-1', now)).toMatchObject({ claims: { role: 'anon', ref: 'x' } });
  });

  it('refuses another secret, a tampered body, an expired token and garbage', () => {
    const token = signJwt({ role: 'anon' }, 'secret-1', now);
    expect(verifyJwt(token, 'secret-2', now)).toEqual({ error: 'Invalid JWT signature' });
    const [h, , s] = token.split('.');
    const body = Buffer.from(JSON.stringify({ role: 'service_role' })).toString('base64url');
    expect(verifyJwt(`${h}.${body}.${s}`, 'secret-1', now)).toEqual({ error: 'Invalid JWT signature' });
    expect(verifyJwt(token, 'secret-1', new Date(now.getTime() + 11 * 365 * 24 * 3600 * 1000))).toEqual({
      error: 'JWT expired',
    });
    expect(verifyJwt('abc', 'secret-1', now)).toEqual({ error: 'Invalid JWT format' });
  });
});
