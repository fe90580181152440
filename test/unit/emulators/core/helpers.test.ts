import { describe, expect, it, vi } from 'vitest';
import { applyFault } from '../../../../emulators/core/faults.js';
import { bearerToken, headerValue } from '../../../../emulators/core/headers.js';
import { LOWER_ALPHA, randomHex, randomString, randomUuid } from '../../../../emulators/core/ids.js';

const req = (headers: Record<string, string | string[]>) => ({ headers });

describe('headerValue and bearerToken', () => {
  it('reads the first value of a header case-insensitively', () => {
    expect(headerValue(req({ 'x-a': 'one' }), 'X-A')).toBe('one');
    expect(headerValue(req({ 'x-a': ['one', 'two'] }), 'x-a')).toBe('one');
    expect(headerValue(req({}), 'x-a')).toBeUndefined();
  });

  it('accepts only the given schemes', () => {
    expect(bearerToken(req({ authorization: 'Bearer abc' }))).toBe('abc');
    expect(bearerToken(req({ authorization: '  bearer abc  ' }))).toBe('abc');
    expect(bearerToken(req({ authorization: 'token abc' }))).toBeUndefined();
    expect(bearerToken(req({ authorization: 'token abc' }), { schemes: ['token', 'bearer'] })).toBe('abc');
    expect(bearerToken(req({ authorization: 'Bearer a b' }))).toBeUndefined();
    expect(bearerToken(req({}))).toBeUndefined();
  });
});

describe('random ids', () => {
  it('draws from the alphabet with the requested length', () => {
    expect(randomString(50, LOWER_ALPHA)).toMatch(/^[a-z]{50}$/);
    expect(randomString(28)).toMatch(/^[A-Za-z0-9]{28}$/);
    expect(randomHex(6)).toMatch(/^[0-9a-f]{12}$/);
    expect(randomUuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('applyFault', () => {
  it('answers a status, resets, stalls, or lets a delay-only rule through', async () => {
    const socket = { destroy: vi.fn() };
    const answer = vi.fn();
    expect(await applyFault({ status: 429, headers: { 'retry-after': '1' } }, socket, answer)).toBe(429);
    expect(answer).toHaveBeenCalledWith(429, { 'retry-after': '1' }, undefined);
    expect(await applyFault({ reset: true }, socket, answer)).toBe(0);
    expect(socket.destroy).toHaveBeenCalledOnce();
    expect(await applyFault({ stall: true }, socket, answer)).toBe(0);
    expect(await applyFault({ delayMs: 1 }, socket, answer)).toBeUndefined();
    expect(answer).toHaveBeenCalledOnce();
  });
});
