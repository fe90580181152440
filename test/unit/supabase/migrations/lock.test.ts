import pg_ from 'pg';
import { describe, expect, it } from 'vitest';
import type { Clock } from '../../../../lib/core/clock.js';
import {
  acquireMigrationLock,
  describeHolder,
  findLockHolder,
  releaseMigrationLock,
} from '../../../../lib/supabase/migrations/lock.js';
import { usePostgres } from '../../../support/postgres.js';

const pg = usePostgres();

/** A clock whose sleep advances time instantly. */
function fakeClock(): Clock & { slept: number } {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const clock = {
    slept: 0,
    now: () => new Date(now),
    sleep: async (ms: number) => {
      now += ms;
      clock.slept += ms;
    },
  };
  return clock;
}

async function connect(url: string, app: string): Promise<pg_.Client> {
  const client = new pg_.Client({ connectionString: url, application_name: app });
  await client.connect();
  return client;
}

describe('migration advisory lock', () => {
  it('is exclusive per database, reports its holder, and is released', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const a = await connect(url, 'runner-a');
    const b = await connect(url, 'runner-b');
    try {
      await acquireMigrationLock(a, { timeoutMs: 1000, clock: fakeClock() });
      const holder = await findLockHolder(b);
      expect(holder).toMatchObject({ applicationName: 'runner-a', clientAddr: '127.0.0.1' });
      expect(holder?.since).toBeInstanceOf(Date);

      const clock = fakeClock();
      const waits: unknown[] = [];
      const error = await acquireMigrationLock(b, {
        timeoutMs: 1000,
        pollMs: 250,
        clock,
        onWait: (h) => waits.push(h),
      }).catch((e) => e);
      expect(error).toMatchObject({ code: 'lock_timeout' });
      expect(error.message).toContain('runner-a');
      expect(clock.slept).toBe(1000);
      expect(waits).toHaveLength(1);

      await releaseMigrationLock(a);
      await acquireMigrationLock(b, { timeoutMs: 0, clock: fakeClock() });
      expect((await findLockHolder(a))?.applicationName).toBe('runner-b');
    } finally {
      await a.end();
      await b.end();
    }
  });

  it('describes holders for people', () => {
    expect(
      describeHolder({
        pid: 42,
        applicationName: 'shipline-migrate',
        clientAddr: '10.0.0.5',
        since: new Date('2026-01-01T00:00:00Z'),
        state: 'active',
        query: '',
      }),
    ).toBe('pid 42 ("shipline-migrate" from 10.0.0.5, connected since 2026-01-01T00:00:00.000Z, active)');
    expect(describeHolder(null)).toContain('unknown session');
  });
});
