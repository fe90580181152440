/** Builds the probes of a smoke run from the `smoke` settings of `.github/shipline.yml`. */
import type { SupabaseClient } from '@supabase/supabase-js';
import type pg from 'pg';
import type { SmokeConfig } from '../config/schema.js';
import { httpProbe } from './probes/http.js';
import { sqlProbe } from './probes/sql.js';
import { functionProbe, tableProbe } from './probes/supabase.js';
import type { Probe } from './types.js';

export interface ProbeTargets {
  /** Base URL of the deployment under test. */
  baseUrl: string;
  bypassSecret?: string;
  /** supabase-js client with the anon key; Supabase probes are skipped (with a notice) without it. */
  supabase?: SupabaseClient;
  /** Pool on the database URL; SQL probes run only with it. */
  pool?: pg.Pool;
  redact?: (text: string) => string;
  fetch?: typeof fetch;
}

/** Probes for `config` plus the names of configured probes that were skipped for lack of a target. */
export function probesFromConfig(config: SmokeConfig, targets: ProbeTargets): { probes: Probe[]; skipped: string[] } {
  const timeoutMs = config.timeout * 1000;
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} #${n}`;
  };
  const probes: Probe[] = [];
  const skipped: string[] = [];
  for (const check of config.checks) {
    probes.push(
      httpProbe(
        {
          name: unique(check.name ?? `${check.method} ${check.path}`),
          path: check.path,
          method: check.method,
          headers: check.headers,
          body: check.body,
          latencyBudgetMs: check['latency-ms'],
          expect: check.expect,
        },
        {
          baseUrl: targets.baseUrl,
          bypassSecret: targets.bypassSecret,
          timeoutMs,
          fetch: targets.fetch,
          redact: targets.redact,
        },
      ),
    );
  }
  for (const fn of config.supabase.functions) {
    const name = unique(fn.name ?? `function ${fn.function}`);
    if (!targets.supabase) {
      skipped.push(name);
      continue;
    }
    probes.push(
      functionProbe(
        {
          name,
          slug: fn.function,
          method: fn.method,
          body: fn.body,
          latencyBudgetMs: fn['latency-ms'],
          expect: fn.expect,
        },
        { client: targets.supabase, timeoutMs, redact: targets.redact },
      ),
    );
  }
  for (const table of config.supabase.tables) {
    const name = unique(table.name ?? `table ${table.table}`);
    if (!targets.supabase) {
      skipped.push(name);
      continue;
    }
    probes.push(
      tableProbe(
        {
          name,
          schema: table.schema,
          table: table.table,
          select: table.select,
          minRows: table['min-rows'],
          latencyBudgetMs: table['latency-ms'],
        },
        { client: targets.supabase, timeoutMs, redact: targets.redact },
      ),
    );
  }
  config.supabase.sql.forEach((probe, i) => {
    const name = unique(probe.name ?? `sql ${i + 1}`);
    if (!targets.pool) {
      skipped.push(name);
      return;
    }
    probes.push(
      sqlProbe(
        { name, query: probe.query, expectRows: probe['expect-rows'], latencyBudgetMs: probe['latency-ms'] },
        { pool: targets.pool, timeoutMs, redact: targets.redact },
      ),
    );
  });
  return { probes, skipped };
}
