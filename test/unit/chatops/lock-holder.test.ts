import { describe, expect, it } from 'vitest';
import { describeHolder, formatAge, lockHeldRefusal } from '../../../lib/chatops/lock-holder.js';
import type { LockContent } from '../../../lib/release/lock.js';

const lock: LockContent = {
  schema: 1,
  environment: 'production',
  holder: 'mia',
  purpose: 'rollback',
  reason: 'checkout broken',
  createdAt: '2026-01-01T10:00:00.000Z',
  expiresAt: '2026-01-01T11:00:00.000Z',
  source: 'https://github.com/acme/web/issues/3#issuecomment-9',
  version: 'v1.2.0',
};

describe('lock holder descriptions', () => {
  it.each([
    [0, '0 s'],
    [59, '59 s'],
    [60, '1 min'],
    [3599, '59 min'],
    [3600, '1 h'],
    [3660, '1 h 1 min'],
    [86400, '1 d'],
    [90000, '1 d 1 h'],
  ])('formats %i seconds as %s', (seconds, text) => {
    expect(formatAge(seconds)).toBe(text);
  });

  it('names holder, purpose, version, reason, age and source; says when it is stale', () => {
    expect(describeHolder(lock, new Date('2026-01-01T10:05:00Z'))).toBe(
      '@mia holds it for a rollback of v1.2.0 ("checkout broken"), taken 5 min ago from https://github.com/acme/web/issues/3#issuecomment-9.',
    );
    expect(describeHolder(lock, new Date('2026-01-01T12:30:00Z'))).toContain(
      'The lock is stale (it expired 1 h 30 min ago).',
    );
    expect(describeHolder({ ...lock, purpose: 'manual', reason: '' }, new Date('2026-01-01T10:00:30Z'))).toContain(
      '@mia locked it, taken 30 s ago',
    );
  });

  it('refuses with lock-held, and fails closed on an unreadable lock', () => {
    const live = lockHeldRefusal('production', lock, new Date('2026-01-01T10:01:00Z'), 'roll back', {});
    expect(live).toMatchObject({ outcome: 'refused', reason: 'lock-held' });
    expect(live.message).toContain('ask @mia');
    const stale = lockHeldRefusal('production', lock, new Date('2026-01-01T12:00:00Z'), 'roll back', {});
    expect(stale.message).toContain('If that run is gone, `/unlock production` frees it');
    const unreadable = lockHeldRefusal('production', undefined, new Date(), 'roll back', {});
    expect(unreadable.message).toContain('the lock cannot be read, so I did not roll back');
  });
});
