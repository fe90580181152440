import { describe, expect, it } from 'vitest';
import {
  BEGIN_TRANSACTION_SQL,
  ensureHistoryTables,
  readHistory,
  recordApplied,
  recordChecksum,
} from '../../../../lib/supabase/migrations/history.js';
import { usePostgres, withClient } from '../../../support/postgres.js';

const pg = usePostgres();

describe('migration history', () => {
  it('reads an empty history without creating anything when the tables are missing', async () => {
    const url = await pg.createDatabase({ baseline: false });
    expect(await withClient(url, readHistory)).toEqual([]);
    expect(await pg.query(url, `select to_regnamespace('supabase_migrations') as s`)).toEqual([{ s: null }]);
  });

  it('creates the CLI table shape and upgrades an old one that only has a version column', async () => {
    const url = await pg.createDatabase({ baseline: false });
    await pg.query(
      url,
      'create schema supabase_migrations; create table supabase_migrations.schema_migrations (version text primary key)',
    );
    await pg.query(url, `insert into supabase_migrations.schema_migrations values ('20230101000000')`);
    expect(await withClient(url, readHistory)).toMatchObject([
      { version: '20230101000000', name: null, statements: null, checksum: null },
    ]);
    await withClient(url, ensureHistoryTables);
    await withClient(url, ensureHistoryTables);
    const columns = await pg.query(
      url,
      `select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'supabase_migrations' order by table_name, ordinal_position`,
    );
    expect(columns).toEqual([
      { table_name: 'schema_migrations', column_name: 'version', data_type: 'text' },
      { table_name: 'schema_migrations', column_name: 'statements', data_type: 'ARRAY' },
      { table_name: 'schema_migrations', column_name: 'name', data_type: 'text' },
      { table_name: 'shipline_checksums', column_name: 'version', data_type: 'text' },
      { table_name: 'shipline_checksums', column_name: 'checksum', data_type: 'text' },
      { table_name: 'shipline_checksums', column_name: 'applied_at', data_type: 'timestamp with time zone' },
      { table_name: 'shipline_checksums', column_name: 'duration_ms', data_type: 'integer' },
      { table_name: 'shipline_checksums', column_name: 'applied_by', data_type: 'text' },
    ]);
  });

  it('records applied files and adopted checksums', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const rows = await withClient(url, async (c) => {
      await ensureHistoryTables(c);
      await c.query(BEGIN_TRANSACTION_SQL);
      await c.query('select pg_sleep(0.02)');
      const wrote = await recordApplied(c, {
        version: '2',
        name: 'two',
        statements: ['select 2', "it's"],
        checksum: 'b'.repeat(64),
        appliedBy: 'test',
      });
      await c.query('commit');
      expect(wrote).toBe(true);
      await c.query(`insert into supabase_migrations.schema_migrations values ('1', '{select 1}', 'one')`);
      await recordChecksum(c, { version: '1', checksum: 'a'.repeat(64), appliedBy: 'adopter' });
      return readHistory(c);
    });
    const byVersion = Object.fromEntries(rows.map((r) => [r.version, r]));
    expect(byVersion['2']).toMatchObject({
      name: 'two',
      statements: ['select 2', "it's"],
      checksum: 'b'.repeat(64),
      appliedBy: 'test',
    });
    expect(byVersion['1']).toMatchObject({
      name: 'one',
      checksum: 'a'.repeat(64),
      durationMs: null,
      appliedBy: 'adopter',
    });
    expect(byVersion['1']?.appliedAt).toBeInstanceOf(Date);
    // duration_ms: the time since the transaction began (the 20 ms sleep).
    expect(byVersion['2']?.durationMs).toBeGreaterThanOrEqual(20);
  });

  it('writes nothing outside a transaction block opened by an earlier message (a file ended the transaction)', async () => {
    const url = await pg.createDatabase({ baseline: false });
    const count = await withClient(url, async (c) => {
      await ensureHistoryTables(c);
      const wrote = await recordApplied(c, {
        version: '3',
        name: 'three',
        statements: [],
        checksum: 'c'.repeat(64),
        appliedBy: 'test',
      });
      expect(wrote).toBe(false);
      return (await c.query('select count(*)::int as n from supabase_migrations.schema_migrations')).rows[0].n;
    });
    expect(count).toBe(0);
  });
});
