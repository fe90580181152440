import { ConfigError } from '../core/errors.js';
import type { FreezeCheckOptions, FreezeWindow } from './options.js';
import type { Check } from './types.js';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;

/** A window with its times as minutes after local midnight and its days as weekday indexes (0 = sunday). */
interface ParsedWindow {
  window: FreezeWindow;
  days: Set<number>;
  from: number;
  to: number;
}

/** Local weekday (0 = sunday) and minute of day of an instant in a timezone. */
export interface LocalTime {
  weekday: number;
  minute: number;
}

function parseHhMm(text: string, where: string): number {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) throw new ConfigError('config_invalid', `${where}: "${text}" is not a time HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function parseWindows(windows: FreezeWindow[]): ParsedWindow[] {
  return windows.map((window, i) => {
    const where = `freeze window ${i + 1}`;
    const days = new Set<number>();
    for (const d of window.days.length > 0 ? window.days : WEEKDAYS) {
      const index = WEEKDAYS.indexOf(d.toLowerCase() as (typeof WEEKDAYS)[number]);
      if (index < 0) {
        throw new ConfigError('config_invalid', `${where}: unknown weekday "${d}"`, {
          hint: `Use ${WEEKDAYS.join(', ')}.`,
        });
      }
      days.add(index);
    }
    return { window, days, from: parseHhMm(window.from, where), to: parseHhMm(window.to, where) };
  });
}

/** Returns a function giving the local weekday and minute of an instant in `timeZone` (throws on an unknown zone). */
export function localTimeIn(timeZone: string): (at: Date) => LocalTime {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => {
    let weekday = 0;
    let hour = 0;
    let minute = 0;
    for (const part of format.formatToParts(at)) {
      if (part.type === 'weekday') weekday = WEEKDAYS.indexOf(part.value.toLowerCase().slice(0, 3) as never);
      else if (part.type === 'hour') hour = Number(part.value) % 24;
      else if (part.type === 'minute') minute = Number(part.value);
    }
    return { weekday, minute: hour * 60 + minute };
  };
}

/** Whether local time `t` falls in the window; a window whose `to` is not after `from` wraps past midnight. */
function inside(w: ParsedWindow, t: LocalTime): boolean {
  if (w.from < w.to) return w.days.has(t.weekday) && t.minute >= w.from && t.minute < w.to;
  const previous = (t.weekday + 6) % 7;
  return (w.days.has(t.weekday) && t.minute >= w.from) || (w.days.has(previous) && t.minute < w.to);
}

/** Local minutes from `minute` forward to the next boundary (a window edge or midnight), in 1..1440. */
function minutesToNextEdge(windows: ParsedWindow[], minute: number): number {
  let best = DAY_MINUTES;
  for (const edge of [0, ...windows.flatMap((w) => [w.from, w.to])]) {
    const distance = (((edge - minute) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
    best = Math.min(best, distance);
  }
  return best;
}

/**
 * Finds the first whole minute after `start` (a minute boundary) where `predicate(active windows)` holds,
 * searching at most `limitMinutes` ahead. Jumps to two hours before the next local edge, then walks minute by
 * minute, so a DST shift (at most an hour or two) can never make it skip an edge.
 */
function findNext(
  start: number,
  limitMinutes: number,
  local: (at: Date) => LocalTime,
  windows: ParsedWindow[],
  predicate: (active: ParsedWindow[]) => boolean,
): { at: number; active: ParsedWindow[] } | undefined {
  const end = start + limitMinutes * MINUTE_MS;
  let t = start + MINUTE_MS;
  while (t <= end) {
    const lt = local(new Date(t));
    const active = windows.filter((w) => inside(w, lt));
    if (predicate(active)) return { at: t, active };
    const jump = minutesToNextEdge(windows, lt.minute) - 120;
    t += Math.max(1, jump) * MINUTE_MS;
  }
  return undefined;
}

function describeWindow(w: FreezeWindow): string {
  const days = w.days.length > 0 ? w.days.join(',') : 'daily';
  const label = `${days} ${w.from}–${w.to}`;
  return w.reason ? `"${w.reason}" (${label})` : label;
}

/** `Sun 2026-10-25 06:00 GMT+1`: the local time in the zone, unambiguous for any reader. */
function formatLocal(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

function formatDuration(ms: number): string {
  const minutes = Math.round(ms / MINUTE_MS);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

/** Where `now` stands relative to the freeze windows. */
export interface FreezeState {
  /** Windows in effect at `now`; empty when deploys are allowed. */
  active: FreezeWindow[];
  /** First minute with no window in effect (only when frozen; absent when none within 8 days). */
  endsAt?: Date;
  /** The window(s) starting next, when that is within 24 h (only when not frozen). */
  next?: { windows: FreezeWindow[]; startsAt: Date };
}

/**
 * Evaluates the windows at `now` in the options' timezone, at minute resolution, following DST.
 * Throws ConfigError for an unknown timezone, weekday or malformed `HH:MM`.
 */
export function evaluateFreeze(options: FreezeCheckOptions, now: Date): FreezeState {
  const windows = parseWindows(options.windows);
  let local: (at: Date) => LocalTime;
  try {
    local = localTimeIn(options.timezone);
  } catch {
    throw new ConfigError('config_invalid', `unknown timezone "${options.timezone}"`, {
      hint: 'Use an IANA timezone name such as Europe/Berlin or America/New_York.',
    });
  }
  const start = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const active = windows.filter((w) => inside(w, local(new Date(start))));
  if (active.length > 0) {
    const end = findNext(start, 8 * DAY_MINUTES, local, windows, (a) => a.length === 0);
    return { active: active.map((w) => w.window), endsAt: end ? new Date(end.at) : undefined };
  }
  const next = findNext(start, DAY_MINUTES, local, windows, (a) => a.length > 0);
  return {
    active: [],
    next: next ? { windows: next.active.map((w) => w.window), startsAt: new Date(next.at) } : undefined,
  };
}

/**
 * Checks deploy freeze windows in an IANA timezone. Inside a window → fail naming it, its reason and when the
 * freeze ends; a window starting within 24 h → warn naming it; otherwise pass. Windows whose `to` is not after
 * `from` wrap past midnight, and then `days` name the day the window starts. Local times follow DST.
 */
export function freezeCheck(options: FreezeCheckOptions): Check {
  return {
    id: 'freeze',
    title: 'Deploy freeze windows',
    async run(ctx) {
      if (options.windows.length === 0) return { status: 'skip', message: 'no freeze windows configured' };
      const tz = options.timezone;
      const now = ctx.clock.now();
      const state = evaluateFreeze(options, now);
      if (state.active.length > 0) {
        const names = state.active.map(describeWindow).join(', ');
        const until = state.endsAt
          ? `ends ${formatLocal(state.endsAt, tz)} (in ${formatDuration(state.endsAt.getTime() - now.getTime())})`
          : 'has no end within 8 days';
        return { status: 'fail', message: `deploy freeze ${names} is in effect; it ${until}` };
      }
      if (state.next) {
        const names = state.next.windows.map(describeWindow).join(', ');
        const { startsAt } = state.next;
        return {
          status: 'warn',
          message: `deploy freeze ${names} starts ${formatLocal(startsAt, tz)} (in ${formatDuration(startsAt.getTime() - now.getTime())})`,
        };
      }
      return { status: 'pass', message: `no deploy freeze now or within 24 h (${tz})` };
    },
  };
}
