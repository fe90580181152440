/**
 * The read-only SQL probe: runs a query inside `BEGIN READ ONLY … ROLLBACK` with a statement timeout, so a probe can
 * never change the database, and expects a least number of rows.
 */
import type pg from 'pg';
import type { Probe, ProbeResult } from '../types.js';
import { elapsed, overBudget, probeErrorText } from './timing.js';

export interface SqlProbeSpec {
  name: string;
  query: string;
  expectRows?: number;
  latencyBudgetMs?: number;
}

export interface SqlProbeOptions {
  /** A pool on the database URL; the probe borrows one client per run. */
  pool: pg.Pool;
  timeoutMs: number;
  redact?: (text: string) => string;
}

/** Builds a probe that runs `spec.query` in a read-only transaction. */
export function sqlProbe(spec: SqlProbeSpec, options: SqlProbeOptions): Probe {
  const redact = options.redact ?? ((t: string) => t);
  return {
    name: spec.name,
    kind: 'sql',
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal: AbortSignal): Promise<ProbeResult> {
      const started = performance.now();
      let client: pg.PoolClient | undefined;
      try {
        if (signal.aborted) throw signal.reason;
        client = await options.pool.connect();
        await client.query('BEGIN READ ONLY');
        await client.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(options.timeoutMs))}`);
        const result = await client.query(spec.query);
        await client.query('ROLLBACK');
        const latencyMs = elapsed(started);
        const rows = result.rowCount ?? result.rows.length;
        const broken =
          spec.expectRows !== undefined && rows < spec.expectRows
            ? `returned ${rows} rows, expected at least ${spec.expectRows}`
            : overBudget(latencyMs, spec.latencyBudgetMs);
        return { ok: broken === undefined, answered: true, latencyMs, ...(broken ? { error: broken } : {}) };
      } catch (error) {
        const pgError = error as { code?: string; message?: string };
        await client?.query('ROLLBACK').catch(() => undefined);
        const answered = typeof pgError.code === 'string';
        return {
          ok: false,
          answered,
          latencyMs: elapsed(started),
          error: redact(answered ? `${pgError.code}: ${pgError.message}` : probeErrorText(error, options.timeoutMs)),
        };
      } finally {
        client?.release();
      }
    },
  };
}
