import pg from 'pg';

/** Time and count of one kind of query. */
export interface QueryBucket {
  queries: number;
  ms: number;
}

/** Where a run's time went: per query kind (round trip + server work + client decoding) and outside queries. */
export interface QueryProfile {
  wallMs: number;
  buckets: Record<string, QueryBucket>;
  /** Wall time not spent waiting for a query: reading files, checksums, splitting, planning, event loop. */
  outsideQueriesMs: number;
}

/** Sorts a query into a bucket by its text; anything unrecognised is a statement of a migration file. */
function classify(text: string): string {
  if (/^\s*begin;\s*select txid_current\(\)/i.test(text) && text.length > 200) return 'file (begin, settings, SQL)';
  if (/^\s*with cli as \(\s*insert into supabase_migrations\.schema_migrations/i.test(text))
    return 'history rows (bound parameters)';
  if (/^\s*commit;\s*(?:reset all|discard temp)/i.test(text)) return 'commit + session reset';
  if (/^\s*set session authorization default/i.test(text)) return 'session reset';
  if (/^\s*begin\b[\s\S]*\bcommit\s*;?\s*$/i.test(text) && text.length > 40) return 'whole file + history';
  if (/^\s*begin\s*;?\s*$/i.test(text)) return 'begin';
  if (/^\s*commit\s*;?\s*$/i.test(text)) return 'commit';
  if (/^\s*rollback\s*;?\s*$/i.test(text)) return 'rollback';
  if (/^\s*insert\s+into\s+supabase_migrations\.schema_migrations/i.test(text)) return 'history row insert';
  if (/^\s*insert\s+into\s+supabase_migrations\./i.test(text)) return 'checksum row insert';
  if (/pg_(try_)?advisory/i.test(text)) return 'advisory lock';
  if (/set_config\(|^\s*set\s+/i.test(text)) return 'session settings';
  if (/supabase_migrations|information_schema|to_regclass/i.test(text)) return 'history setup/read';
  return 'migration statements';
}

/**
 * Times every `pg.Client#query` made while `fn` runs (the engine's own client included: it is the same `pg`
 * module), by kind. Pipelined queries (a file, its history rows and its commit leave together) overlap in time,
 * so their buckets can add up to more than the wall time. A diagnostic for the benchmark only; it adds a little overhead, so never mix it into timed runs.
 */
export async function profileQueries(fn: () => Promise<unknown>): Promise<QueryProfile> {
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  const buckets: Record<string, QueryBucket> = {};
  proto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : (first?.text ?? '');
    const started = performance.now();
    const result = original.apply(this, args);
    const kind = classify(text);
    const bucket = buckets[kind] ?? { queries: 0, ms: 0 };
    const done = () => {
      buckets[kind] = bucket;
      bucket.queries++;
      bucket.ms += performance.now() - started;
    };
    if (result instanceof Promise) return result.finally(done);
    // A Submittable (a pg.Query passed in): it reports through events instead of a promise.
    const emitter = result as { once?: (event: string, fn: () => void) => void } | undefined;
    if (typeof emitter?.once === 'function') {
      emitter.once('end', done);
      emitter.once('error', done);
    }
    return result;
  };
  const started = performance.now();
  try {
    await fn();
  } finally {
    proto.query = original;
  }
  const wallMs = performance.now() - started;
  const inQueries = Object.values(buckets).reduce((sum, b) => sum + b.ms, 0);
  return { wallMs, buckets, outsideQueriesMs: Math.max(0, wallMs - inQueries) };
}
