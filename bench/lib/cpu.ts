import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU accounting from /proc (Linux), used next to wall-clock times because the benchmark machine is shared:
 * CPU time barely moves when other processes compete for the cores, wall time does.
 * Every function returns `undefined` where /proc is not available.
 */

const TICK_MS = 10; // USER_HZ is 100 on Linux.

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of the process itself. */
  ownMs: number;
  /** cutime + cstime: children it has waited for. */
  reapedChildrenMs: number;
}

function readStat(pid: number | 'self'): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm may contain spaces and parentheses: split after the last ')'.
    const close = text.lastIndexOf(')');
    const comm = text.slice(text.indexOf('(') + 1, close);
    const fields = text.slice(close + 2).split(' ');
    // fields[0] is state (field 3); utime is field 14 → index 11.
    const n = (i: number) => Number(fields[i] ?? 0);
    return {
      pid: Number(text.slice(0, text.indexOf(' '))),
      ppid: n(1),
      comm,
      ownMs: (n(11) + n(12)) * TICK_MS,
      reapedChildrenMs: (n(13) + n(14)) * TICK_MS,
    };
  } catch {
    return undefined;
  }
}

/** CPU ms of this process (precise) plus every child process it has reaped (psql, the Supabase CLI). */
export function clientCpuMs(): number {
  const usage = process.cpuUsage();
  const reaped = readStat('self')?.reapedChildrenMs ?? 0;
  return (usage.user + usage.system) / 1000 + reaped;
}

/** Pid of the PostgreSQL postmaster this process started (a direct child named `postgres`). */
export function findPostmasterPid(): number | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (stat && stat.ppid === process.pid && stat.comm === 'postgres') return stat.pid;
  }
  return undefined;
}

/**
 * CPU ms the whole server has used: the postmaster, its exited backends (reaped into its cutime/cstime) and its
 * live children (checkpointer, autovacuum…). Read it before and after a run once the run's backends have exited.
 */
export function serverCpuMs(postmasterPid: number): number | undefined {
  const master = readStat(postmasterPid);
  if (!master) return undefined;
  let total = master.ownMs + master.reapedChildrenMs;
  try {
    const children = readFileSync(`/proc/${postmasterPid}/task/${postmasterPid}/children`, 'utf8').trim();
    for (const pid of children ? children.split(/\s+/).map(Number) : []) total += readStat(pid)?.ownMs ?? 0;
  } catch {
    // children file unavailable (older kernels): live children are left out
  }
  return total;
}
