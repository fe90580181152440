import type pg from 'pg';
import { escapeLiteral } from 'pg';

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

/** Writes the CLI-compatible history row and Shipline's checksum row for one applied file (same transaction as the file). */
export async function recordApplied(db: Queryable, record: HistoryRecord): Promise<void> {
  await db.query(recordAppliedSql(record));
}

/** Duration SQL for a history row written in the same query message as the file: time since the message arrived. */
export const SERVER_SIDE_DURATION_MS = '(extract(epoch from clock_timestamp() - statement_timestamp()) * 1000)::int';

/**
 * The two rows of `recordApplied` as literal SQL (values escaped with `escapeLiteral`), so the caller can send
 * them in one round trip with the file and `commit` (simple query protocol, several statements).
 * `durationSql` replaces `record.durationMs` with an SQL expression (see SERVER_SIDE_DURATION_MS).
 */
export function recordAppliedSql(record: HistoryRecord, durationSql?: string): string {
  const statements =
    record.statements.length > 0 ? `array[${record.statements.map(escapeLiteral).join(', ')}]::text[]` : `'{}'::text[]`;
  return [
    `insert into supabase_migrations.schema_migrations (version, name, statements) values (${escapeLiteral(record.version)}, ${escapeLiteral(record.name)}, ${statements})`,
    recordChecksumSql(record, durationSql),
  ].join(';\n');
}

type ChecksumRecord = Pick<HistoryRecord, 'version' | 'checksum' | 'appliedBy'> & { durationMs?: number | null };

/** The `shipline_checksums` upsert as literal SQL; `durationSql` overrides `record.durationMs`. */
function recordChecksumSql(record: ChecksumRecord, durationSql?: string): string {
  const ms = record.durationMs;
  const duration = durationSql ?? (typeof ms === 'number' && Number.isFinite(ms) ? String(Math.round(ms)) : 'null');
  return `insert into supabase_migrations.shipline_checksums (version, checksum, applied_at, duration_ms, applied_by)
     values (${escapeLiteral(record.version)}, ${escapeLiteral(record.checksum)}, now(), ${duration}, ${escapeLiteral(record.appliedBy)})
     on conflict (version) do update set checksum = excluded.checksum, applied_by = excluded.applied_by`;
}

/** Records (or replaces) the checksum of an applied version; used alone to adopt rows the Supabase CLI wrote. */
export async function recordChecksum(db: Queryable, record: ChecksumRecord): Promise<void> {
  await db.query(recordChecksumSql(record));
}
