import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../../lib/supabase/migrations/migrate.js';
import { usePostgres } from '../../support/postgres.js';
import { exampleProject } from './helpers.js';

const pg = usePostgres();
const exec = promisify(execFile);
const SUPABASE = resolve(import.meta.dirname, '..', '..', '..', 'node_modules', '.bin', 'supabase');

/** Runs the real Supabase CLI (npm `supabase`, binary inside the package) in a project directory. */
async function supabase(cwd: string, args: string[]): Promise<string> {
  const { stdout, stderr } = await exec(SUPABASE, args, {
    cwd,
    env: { ...process.env, SUPABASE_TELEMETRY_DISABLED: '1', DO_NOT_TRACK: '1' },
    timeout: 60_000,
  });
  return `${stdout}\n${stderr}`;
}

/** Rows of `supabase migration list`: local and remote versions per line. */
function listRows(output: string): Array<{ local: string; remote: string }> {
  return output
    .split('\n')
    .map((line) => line.split('|').map((c) => c.replace(/[`\s]/g, '')))
    .filter(
      (cells) =>
        cells.length >= 3 && /^\d*$/.test(cells[0] ?? 'x') && /^\d*$/.test(cells[1] ?? 'x') && (cells[0] || cells[1]),
    )
    .map(([local = '', remote = '']) => ({ local, remote }));
}

describe('interop with the Supabase CLI', () => {
  it('`supabase migration list` shows what Shipline applied as applied; `db push` finds nothing to do', async () => {
    const url = await pg.createDatabase();
    const { root, dir } = exampleProject();
    const result = await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(result.applied).toHaveLength(5);
    const rows = listRows(await supabase(root, ['migration', 'list', '--db-url', url]));
    expect(rows).toHaveLength(5);
    for (const row of rows) expect(row.remote).toBe(row.local);
    const push = await supabase(root, ['db', 'push', '--db-url', url, '--yes']);
    expect(push).toMatch(/up to date/i);
  });

  it('adopts history written by `supabase db push`: no re-run, checksum recorded, new files applied', async () => {
    const url = await pg.createDatabase();
    const { root, dir } = exampleProject();
    await supabase(root, ['db', 'push', '--db-url', url, '--yes']);
    const cliRows = await pg.query(
      url,
      'select version, statements from supabase_migrations.schema_migrations order by 1',
    );
    expect(cliRows).toHaveLength(5);

    writeFileSync(
      join(dir, '20240902080000_add_product_tags.sql'),
      "set lock_timeout = '5s';\nalter table public.products add column tags text[] not null default '{}';\n",
    );
    const result = await migrate({ databaseUrl: url, migrationsDir: dir });
    // The CLI's files would fail if re-run (CREATE TABLE without IF NOT EXISTS): adoption must not run them.
    expect(result.adopted.map((a) => a.version)).toEqual(cliRows.map((r) => r.version));
    expect(result.applied.map((a) => a.name)).toEqual(['add_product_tags']);
    const checksums = await pg.query(url, 'select count(*)::int as n from supabase_migrations.shipline_checksums');
    expect(checksums).toEqual([{ n: 6 }]);
    // The CLI's rows are untouched, and ours look like the CLI's (same statement splitting).
    expect(
      await pg.query(
        url,
        'select version, statements from supabase_migrations.schema_migrations where version < $1 order by 1',
        ['20240902'],
      ),
    ).toEqual(cliRows);
    const again = await migrate({ databaseUrl: url, migrationsDir: dir });
    expect(again.adopted).toEqual([]);
    expect(again.applied).toEqual([]);
    const rows = listRows(await supabase(root, ['migration', 'list', '--db-url', url]));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row.remote).toBe(row.local);
  });

  it('stores the same statements as `supabase db push` for the example files', async () => {
    const viaCli = await pg.createDatabase();
    const viaShipline = await pg.createDatabase();
    const { root, dir } = exampleProject();
    await supabase(root, ['db', 'push', '--db-url', viaCli, '--yes']);
    await migrate({ databaseUrl: viaShipline, migrationsDir: dir });
    const read = (url: string) =>
      pg.query(url, 'select version, name, statements from supabase_migrations.schema_migrations order by 1');
    expect(await read(viaShipline)).toEqual(await read(viaCli));
  });
});
