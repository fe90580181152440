import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { type PostgresServer, startPostgres } from '../../emulators/postgres/embedded.js';
import { cloneDatabase, createSupabaseTemplate } from '../../emulators/postgres/template.js';

/** A test file's PostgreSQL: one embedded server, and cheap fresh databases cloned from templates. */
export interface TestPostgres {
  /** The running server (throws before beforeAll ran). */
  readonly server: PostgresServer;
  /** A new empty database (cloned from a template with the Supabase baseline unless `baseline: false`); returns its URL. */
  createDatabase(options?: { baseline?: boolean; name?: string }): Promise<string>;
  /** Runs one query as the superuser against a database URL (opens and closes a connection). */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, sql: string, values?: unknown[]): Promise<R[]>;
}

const SUPABASE_TEMPLATE = 'shipline_supabase_template';

/**
 * Registers beforeAll/afterAll hooks that start one embedded PostgreSQL 15 for the calling test file (with
 * a template database holding the Supabase baseline) and stop it afterwards. Each test then calls
 * `createDatabase()` for an isolated database in a few milliseconds (`CREATE DATABASE … TEMPLATE`).
 */
export function usePostgres(): TestPostgres {
  let server: PostgresServer | undefined;
  let counter = 0;
  const query = async <R extends pg.QueryResultRow>(url: string, sql: string, values?: unknown[]) => {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    try {
      return (await client.query<R>(sql, values)).rows;
    } finally {
      await client.end();
    }
  };
  beforeAll(async () => {
    server = await startPostgres();
    await createSupabaseTemplate(server, SUPABASE_TEMPLATE);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('usePostgres(): the server is not started yet (use it inside tests or hooks)');
      return server;
    },
    async createDatabase(options = {}) {
      const s = this.server;
      counter++;
      const name = options.name ?? `t${process.pid}_${counter}`;
      const template = options.baseline === false ? 'template0' : SUPABASE_TEMPLATE;
      return cloneDatabase(s, template, name);
    },
    query,
  };
}

/** Runs `fn` with a client connected to `url` (as `applicationName` when given) and closes it afterwards. */
export async function withClient<T>(
  url: string,
  fn: (client: pg.Client) => Promise<T>,
  options: { applicationName?: string } = {},
): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: options.applicationName });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Polls `check` every 100 ms until it is true; throws `timed out waiting for <what>` after `timeoutMs`. */
export async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
