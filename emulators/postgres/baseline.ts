import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Path of the Supabase platform baseline SQL shipped next to this module. */
export const BASELINE_SQL_PATH = fileURLToPath(new URL('./supabase-baseline.sql', import.meta.url));

/**
 * Applies the Supabase platform baseline (roles, auth, storage, extensions, realtime publication, default
 * privileges) to the database at `url`, in one transaction. Idempotent.
 */
export async function applyBaseline(url: string): Promise<void> {
  const sql = await readFile(BASELINE_SQL_PATH, 'utf8');
  const client = new pg.Client({ connectionString: url, application_name: 'shipline-baseline' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    // Roles are cluster-wide: two baselines at once on one server would race on CREATE ROLE.
    await client.query('begin');
    await client.query('select pg_advisory_xact_lock(hashtext($1))', ['shipline.supabase-baseline']);
    await client.query(sql);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
