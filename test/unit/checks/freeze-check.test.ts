import { describe, expect, it } from 'vitest';
import { evaluateFreeze, freezeCheck, localTimeIn } from '../../../lib/checks/freeze-check.js';
import type { FreezeCheckOptions } from '../../../lib/checks/options.js';
import { ConfigError } from '../../../lib/core/errors.js';
import { checkContext, fixedClock } from './check-context.js';

const at = (iso: string) => checkContext({ clock: fixedClock(iso) });

const weekend: FreezeCheckOptions = {
  timezone: 'Europe/Berlin',
  windows: [{ days: ['fri'], from: '18:00', to: '08:00', reason: 'weekend' }],
};

describe('localTimeIn', () => {
  it('gives weekday and minute of day in the zone', () => {
    const berlin = localTimeIn('Europe/Berlin');
    expect(berlin(new Date('2026-11-20T17:00:00Z'))).toEqual({ weekday: 5, minute: 18 * 60 });
    expect(localTimeIn('America/New_York')(new Date('2026-11-21T03:30:00Z'))).toEqual({
      weekday: 5,
      minute: 22 * 60 + 30,
    });
  });
});

describe('freezeCheck', () => {
  it('fails inside a window that wrapped past midnight, naming it and when it ends', async () => {
    // Saturday 07:30 in Berlin: the window started Friday 18:00.
    const result = await freezeCheck(weekend).run(at('2026-11-21T06:30:00Z'));
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'deploy freeze "weekend" (fri 18:00–08:00) is in effect; it ends Sat 2026-11-21 08:00 GMT+1 (in 30 min)',
    );
  });

  it('treats from as inclusive and to as exclusive', async () => {
    expect((await freezeCheck(weekend).run(at('2026-11-20T17:00:00Z'))).status).toBe('fail'); // Fri 18:00
    expect((await freezeCheck(weekend).run(at('2026-11-21T07:00:00Z'))).status).toBe('pass'); // Sat 08:00
  });

  it('does not apply a wrapping window on the morning after a day it does not start on', async () => {
    // Friday 07:30: the previous day (Thursday) is not in the window's days; tonight's window is only upcoming.
    const result = await freezeCheck(weekend).run(at('2026-11-20T06:30:00Z'));
    expect(result.status).toBe('warn');
    expect(result.message).toContain('starts Fri 2026-11-20 18:00 GMT+1 (in 10 h 30 min)');
  });

  it('warns when a window starts within 24 hours', async () => {
    const result = await freezeCheck(weekend).run(at('2026-11-20T15:45:30Z')); // Fri 16:45:30
    expect(result.status).toBe('warn');
    expect(result.message).toBe(
      'deploy freeze "weekend" (fri 18:00–08:00) starts Fri 2026-11-20 18:00 GMT+1 (in 1 h 15 min)',
    );
  });

  it('passes when the next window is more than 24 hours away', async () => {
    const result = await freezeCheck(weekend).run(at('2026-11-18T12:00:00Z')); // Wednesday
    expect(result).toEqual({ status: 'pass', message: 'no deploy freeze now or within 24 h (Europe/Berlin)' });
  });

  it('counts real elapsed time across the autumn DST change', async () => {
    // Sat 2026-10-24 23:00 CEST; clocks go back at 03:00 to 02:00, so 06:00 CET is 8 real hours away.
    const result = await freezeCheck({
      timezone: 'Europe/Berlin',
      windows: [{ days: ['sat'], from: '22:00', to: '06:00' }],
    }).run(at('2026-10-24T21:00:00Z'));
    expect(result.status).toBe('fail');
    expect(result.message).toBe(
      'deploy freeze sat 22:00–06:00 is in effect; it ends Sun 2026-10-25 06:00 GMT+1 (in 8 h 0 min)',
    );
  });

  it('finds a window whose start falls in the hour skipped by the spring DST change', async () => {
    // Sun 2026-03-29 01:30 CET; 02:00 jumps to 03:00 CEST, so a 02:30–03:30 window begins at 03:00 CEST.
    const options: FreezeCheckOptions = {
      timezone: 'Europe/Berlin',
      windows: [{ days: ['sun'], from: '02:30', to: '03:30', reason: 'maintenance' }],
    };
    const result = await freezeCheck(options).run(at('2026-03-29T00:30:00Z'));
    expect(result.status).toBe('warn');
    expect(result.message).toBe(
      'deploy freeze "maintenance" (sun 02:30–03:30) starts Sun 2026-03-29 03:00 GMT+2 (in 30 min)',
    );
    const during = await freezeCheck(options).run(at('2026-03-29T01:10:00Z'));
    expect(during.message).toContain('ends Sun 2026-03-29 03:30 GMT+2 (in 20 min)');
  });

  it('applies a window without days on every day, and reports when overlapping windows all end', async () => {
    const result = await freezeCheck({
      timezone: 'UTC',
      windows: [
        { days: [], from: '12:00', to: '13:00', reason: 'lunch' },
        { days: ['sun'], from: '12:30', to: '15:00', reason: 'sunday' },
      ],
    }).run(at('2026-11-22T12:15:00Z')); // a Sunday
    expect(result.message).toBe(
      'deploy freeze "lunch" (daily 12:00–13:00) is in effect; it ends Sun 2026-11-22 15:00 UTC (in 2 h 45 min)',
    );
  });

  it('rejects an unknown timezone or weekday as a configuration error', async () => {
    await expect(freezeCheck({ ...weekend, timezone: 'Mars/Olympus' }).run(at('2026-11-20T12:00:00Z'))).rejects.toThrow(
      ConfigError,
    );
    await expect(
      freezeCheck({ timezone: 'UTC', windows: [{ days: ['friday'], from: '10:00', to: '11:00' }] }).run(
        at('2026-11-20T12:00:00Z'),
      ),
    ).rejects.toThrow('unknown weekday "friday"');
    await expect(
      freezeCheck({ timezone: 'UTC', windows: [{ days: [], from: '25:00', to: '11:00' }] }).run(
        at('2026-11-20T12:00:00Z'),
      ),
    ).rejects.toThrow('"25:00" is not a time HH:MM');
  });

  it('skips without windows', async () => {
    expect((await freezeCheck({ timezone: 'UTC', windows: [] }).run(at('2026-11-20T12:00:00Z'))).status).toBe('skip');
  });
});

describe('evaluateFreeze against a minute-by-minute oracle', () => {
  const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  const toMin = (s: string) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3));

  const zones = new Map<string, ReturnType<typeof localTimeIn>>();

  /** Independent reading of the rules: local wall time via Intl, windows applied literally. */
  function frozenAt(options: FreezeCheckOptions, t: number): boolean {
    let local = zones.get(options.timezone);
    if (!local) {
      local = localTimeIn(options.timezone);
      zones.set(options.timezone, local);
    }
    const { weekday, minute } = local(new Date(t));
    return options.windows.some((w) => {
      const days = w.days.length > 0 ? w.days.map((d) => DAYS.indexOf(d)) : [0, 1, 2, 3, 4, 5, 6];
      const from = toMin(w.from);
      const to = toMin(w.to);
      if (from < to) return days.includes(weekday) && minute >= from && minute < to;
      return (days.includes(weekday) && minute >= from) || (days.includes((weekday + 6) % 7) && minute < to);
    });
  }

  function firstChange(options: FreezeCheckOptions, start: number, limitMinutes: number, want: boolean) {
    for (let i = 1; i <= limitMinutes; i++) {
      const t = start + i * 60_000;
      if (frozenAt(options, t) === want) return t;
    }
    return undefined;
  }

  it('agrees on random windows around both 2026 DST changes in New York and Berlin', () => {
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = (n: number) => Math.floor(random() * n);
    const anchors = ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'];
    for (let trial = 0; trial < 40; trial++) {
      const timezone = trial % 2 === 0 ? 'America/New_York' : 'Europe/Berlin';
      const windows = Array.from({ length: 1 + pick(2) }, () => ({
        days: pick(4) === 0 ? [] : [DAYS[pick(7)]!, DAYS[pick(7)]!],
        from: hhmm(pick(48) * 30 + pick(2) * 15),
        to: hhmm(pick(48) * 30),
      }));
      const options: FreezeCheckOptions = { timezone, windows };
      const anchor = Date.parse(anchors[pick(anchors.length)]!);
      const now = anchor + (pick(48 * 60) - 24 * 60) * 60_000;
      const state = evaluateFreeze(options, new Date(now));
      const frozen = frozenAt(options, now);
      expect(state.active.length > 0, JSON.stringify({ options, now })).toBe(frozen);
      if (frozen) {
        expect(state.endsAt?.getTime(), JSON.stringify({ options, now })).toBe(
          firstChange(options, now, 8 * 1440, false),
        );
      } else {
        expect(state.next?.startsAt.getTime(), JSON.stringify({ options, now })).toBe(
          firstChange(options, now, 1440, true),
        );
      }
    }
  });
});
