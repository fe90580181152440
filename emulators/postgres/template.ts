import pg from 'pg';
import { applyBaseline } from './baseline.js';
import type { PostgresServer } from './embedded.js';

/** Runs one statement as the superuser on the server's `postgres` database (its own short connection). */
async function admin(server: PostgresServer, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: server.url, application_name: 'shipline-template' });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** (Re)creates database `name` holding the Supabase baseline, to clone fresh databases from; returns its URL. */
export async function createSupabaseTemplate(server: PostgresServer, name: string): Promise<string> {
  await admin(server, `drop database if exists "${name}" with (force)`);
  await admin(server, `create database "${name}"`);
  await applyBaseline(server.urlFor(name));
  return server.urlFor(name);
}

/**
 * Creates database `name` as a copy of `template` (`template0` for an empty one) and returns its URL. FILE_COPY is
 * about twice as fast as the default WAL_LOG for small databases on a throwaway server.
 */
export async function cloneDatabase(server: PostgresServer, template: string, name: string): Promise<string> {
  await admin(server, `create database "${name}" template "${template}" strategy file_copy`);
  return server.urlFor(name);
}
