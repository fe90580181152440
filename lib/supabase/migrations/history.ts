import type pg from 'pg';

/** Minimal query surface of a `pg` Client (lets tests pass a Pool or a Client). */
export type Queryable = Pick<pg.ClientBase, 'query'>;

/** One applied migration as recorded in the database. */
export interface HistoryRow {
  version: string;
  name: string | null;
  /** The statements column the Supabase CLI writes (null when a tool left it empty). */
  statements: string[] | null;
  /** Shipline's checksum; null for rows another tool (the Supabase CLI) wrote. */
  checksum: string | null;
  appliedAt: Date | null;
  durationMs: number | null;
  appliedBy: string | null;
}

/** What is written for one applied file. */
export interface HistoryRecord {
  version: string;
  name: string;
  statements: string[];
  checksum: string;
  durationMs: number;
  appliedBy: string;
}

/**
 * Creates `supabase_migrations.schema_migrations` the way the Supabase CLI does (version text primary key,
 * statements text[], name text — each added only when missing) and Shipline's `shipline_checksums` table.
 */
export async function ensureHistoryTables(db: Queryable): Promise<void> {
  await db.query(`
    create schema if not exists supabase_migrations;
    create table if not exists supabase_migrations.schema_migrations (version text not null primary key);
    alter table supabase_migrations.schema_migrations add column if not exists statements text[];
    alter table supabase_migrations.schema_migrations add column if not exists name text;
    create table if not exists supabase_migrations.shipline_checksums (
      version text not null primary key,
      checksum text not null,
      applied_at timestamptz not null default now(),
      duration_ms integer,
      applied_by text
    );
  `);
}

/** Reads the applied history (CLI rows joined with Shipline's checksums); empty when the tables do not exist yet. */
export async function readHistory(db: Queryable): Promise<HistoryRow[]> {
  const exists = await db.query<{ cli: string | null; ours: string | null }>(
    `select to_regclass('supabase_migrations.schema_migrations')::text as cli,
            to_regclass('supabase_migrations.shipline_checksums')::text as ours`,
  );
  const row = exists.rows[0];
  if (!row?.cli) return [];
  const hasName = await db.query(
    `select 1 from information_schema.columns
      where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' and column_name = 'name'`,
  );
  const nameCol = hasName.rowCount ? 'm.name' : 'null::text';
  const hasStatements = await db.query(
    `select 1 from information_schema.columns
      where table_schema = 'supabase_migrations' and table_name = 'schema_migrations' and column_name = 'statements'`,
  );
  const stmtCol = hasStatements.rowCount ? 'm.statements' : 'null::text[]';
  const sql = row.ours
    ? `select m.version, ${nameCol} as name, ${stmtCol} as statements, c.checksum, c.applied_at, c.duration_ms, c.applied_by
         from supabase_migrations.schema_migrations m
         left join supabase_migrations.shipline_checksums c using (version)`
    : `select m.version, ${nameCol} as name, ${stmtCol} as statements, null::text as checksum,
              null::timestamptz as applied_at, null::int as duration_ms, null::text as applied_by
         from supabase_migrations.schema_migrations m`;
  const result = await db.query<{
    version: string;
    name: string | null;
    statements: string[] | null;
    checksum: string | null;
    applied_at: Date | null;
    duration_ms: number | null;
    applied_by: string | null;
  }>(sql);
  return result.rows.map((r) => ({
    version: r.version,
    name: r.name,
    statements: r.statements,
    checksum: r.checksum,
    appliedAt: r.applied_at,
    durationMs: r.duration_ms,
    appliedBy: r.applied_by,
  }));
}

/**
 * The history rows of one applied file as ONE statement with bound parameters ($1 version, $2 name, $3 statements,
 * $4 checksum, $5 applied_by): the server never parses the file's SQL a second time as a literal. The rows are
 * written only inside a transaction that already has a transaction id (BEGIN_TRANSACTION_SQL assigns one first),
 * so a file that ended Shipline's transaction is caught: the insert then runs in a fresh one and writes 0 rows.
 * duration_ms is the time since the transaction began.
 */
export const RECORD_APPLIED_SQL = `with cli as (
  insert into supabase_migrations.schema_migrations (version, name, statements)
  select $1, $2, $3::text[] where txid_current_if_assigned() is not null
  returning version
)
insert into supabase_migrations.shipline_checksums (version, checksum, applied_at, duration_ms, applied_by)
select version, $4, now(), (extract(epoch from clock_timestamp() - now()) * 1000)::int, $5 from cli
on conflict (version) do update set checksum = excluded.checksum, applied_by = excluded.applied_by,
  duration_ms = excluded.duration_ms`;

/** Opens the transaction of a file and assigns its transaction id at once (the history insert checks for it). */
export const BEGIN_TRANSACTION_SQL = 'begin;\nselect txid_current()';

/** The parameters of RECORD_APPLIED_SQL for one file. */
export function recordAppliedValues(record: Omit<HistoryRecord, 'durationMs'>): unknown[] {
  return [record.version, record.name, record.statements, record.checksum, record.appliedBy];
}

/**
 * Writes the CLI-compatible history row and Shipline's checksum row for one applied file, inside the caller's
 * open transaction; returns false when no transaction block was open (nothing was written).
 */
export async function recordApplied(db: Queryable, record: Omit<HistoryRecord, 'durationMs'>): Promise<boolean> {
  const result = await db.query(RECORD_APPLIED_SQL, recordAppliedValues(record));
  return result.rowCount === 1;
}

type ChecksumRecord = Pick<HistoryRecord, 'version' | 'checksum' | 'appliedBy'> & { durationMs?: number | null };

/** Records (or replaces) the checksum of an applied version; used alone to adopt rows the Supabase CLI wrote. */
export async function recordChecksum(db: Queryable, record: ChecksumRecord): Promise<void> {
  const ms = record.durationMs;
  await db.query(
    `insert into supabase_migrations.shipline_checksums (version, checksum, applied_at, duration_ms, applied_by)
     values ($1, $2, now(), $3, $4)
     on conflict (version) do update set checksum = excluded.checksum, applied_by = excluded.applied_by`,
    [
      record.version,
      record.checksum,
      typeof ms === 'number' && Number.isFinite(ms) ? Math.round(ms) : null,
      record.appliedBy,
    ],
  );
}
