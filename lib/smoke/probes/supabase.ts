/**
 * Supabase probes through the official client with the anon key: invoke an edge function, and read a table through
 * PostgREST (`select … limit 1`), which also proves row-level security lets the anon role see what it should.
 */
import type { SupabaseClient } from '@supabase/supabase-js';
import { brokenExpectation, type HttpExpectations } from '../expectations.js';
import type { Probe, ProbeResult } from '../types.js';
import { elapsed, overBudget, probeErrorText, probeSignal } from './timing.js';

export interface SupabaseProbeOptions {
  client: SupabaseClient;
  timeoutMs: number;
  redact?: (text: string) => string;
}

export interface FunctionProbeSpec {
  name: string;
  slug: string;
  method: string;
  body?: unknown;
  latencyBudgetMs?: number;
  expect: Omit<HttpExpectations, 'header'>;
}

/** Builds a probe that invokes edge function `spec.slug` with `functions.invoke` and checks the answer. */
export function functionProbe(spec: FunctionProbeSpec, options: SupabaseProbeOptions): Probe {
  const redact = options.redact ?? ((t: string) => t);
  return {
    name: spec.name,
    kind: 'supabase-function',
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal: AbortSignal): Promise<ProbeResult> {
      const started = performance.now();
      try {
        const { data, error, response } = await options.client.functions.invoke(spec.slug, {
          method: spec.method as 'POST',
          ...(spec.body === undefined ? {} : { body: spec.body as Record<string, unknown> }),
          signal: probeSignal(signal, options.timeoutMs),
        });
        if (!response) {
          return {
            ok: false,
            answered: false,
            latencyMs: elapsed(started),
            error: redact(probeErrorText(error, options.timeoutMs)),
          };
        }
        // supabase-js has usually read the body already (into `data`, or into the error's context).
        const text = response.bodyUsed ? bodyText(data) : await response.text();
        const latencyMs = elapsed(started);
        const broken =
          brokenExpectation({ status: response.status, headers: response.headers, body: text }, spec.expect) ??
          overBudget(latencyMs, spec.latencyBudgetMs);
        return {
          ok: broken === undefined,
          answered: true,
          latencyMs,
          status: response.status,
          ...(broken ? { error: redact(broken) } : {}),
        };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          latencyMs: elapsed(started),
          error: redact(probeErrorText(error, options.timeoutMs)),
        };
      }
    },
  };
}

export interface TableProbeSpec {
  name: string;
  schema: string;
  table: string;
  select: string;
  minRows: number;
  latencyBudgetMs?: number;
}

/** Builds a probe that reads `select … limit 1` from a table as the anon role and expects `minRows` rows. */
export function tableProbe(spec: TableProbeSpec, options: SupabaseProbeOptions): Probe {
  const redact = options.redact ?? ((t: string) => t);
  return {
    name: spec.name,
    kind: 'supabase-table',
    latencyBudgetMs: spec.latencyBudgetMs,
    async run(signal: AbortSignal): Promise<ProbeResult> {
      const started = performance.now();
      try {
        const query = options.client
          .schema(spec.schema)
          .from(spec.table)
          .select(spec.select)
          .limit(1)
          .abortSignal(probeSignal(signal, options.timeoutMs));
        const { data, error, status } = await query;
        const latencyMs = elapsed(started);
        if (error) {
          // status 0 means no HTTP answer at all (a network error or an abort).
          const answered = status > 0;
          const detail = error.code ? `${error.code}: ${error.message}` : error.message;
          return {
            ok: false,
            answered,
            latencyMs,
            ...(answered ? { status } : {}),
            error: redact(answered ? `PostgREST ${status} ${detail}` : probeErrorText(error, options.timeoutMs)),
          };
        }
        const rows = Array.isArray(data) ? data.length : 0;
        const broken =
          rows < Math.min(spec.minRows, 1)
            ? `the anon role sees no rows in ${spec.schema}.${spec.table} (row-level security or an empty table)`
            : overBudget(latencyMs, spec.latencyBudgetMs);
        return { ok: broken === undefined, answered: true, latencyMs, status, ...(broken ? { error: broken } : {}) };
      } catch (error) {
        return {
          ok: false,
          answered: false,
          latencyMs: elapsed(started),
          error: redact(probeErrorText(error, options.timeoutMs)),
        };
      }
    },
  };
}

/** The body supabase-js already parsed, back as text: strings as they are, JSON re-serialised, blobs unknown. */
function bodyText(data: unknown): string {
  if (data === null || data === undefined) return '';
  if (typeof data === 'string') return data;
  if (typeof Blob !== 'undefined' && data instanceof Blob) return '';
  return JSON.stringify(data);
}
