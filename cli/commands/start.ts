/**
 * `shipline start` (`npm start`): the local rehearsal on the embedded default. Validates examples/app, starts the
 * local cloud's PostgreSQL 15 (persistent under .shipline/local-cloud, with the Supabase baseline), applies the app's
 * migrations and shows the history. A second run applies nothing: the database keeps its history.
 */

import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { serverCanReach, startPostgres } from '../../emulators/postgres/embedded.js';
import { formatOptions, type OptionSpecs, parseArgs } from '../args.js';
import { type CliIO, processIO } from '../terminal-logger.js';
import { run as runMigrate } from './migrate.js';
import { run as runValidate } from './validate.js';

export const OPTIONS: OptionSpecs = {
  app: { type: 'string', description: 'The app to rehearse (default: examples/app)' },
  'state-dir': { type: 'string', description: 'Where the local cloud keeps its data (default: .shipline/local-cloud)' },
  reset: { type: 'boolean', description: 'Start from an empty database' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline start [options]

The local rehearsal: validate the app, start the local cloud's PostgreSQL 15 with the Supabase baseline, apply the
app's migrations and show the history. Needs no accounts. Exit code 0 when every step passed.

Options:
${formatOptions(OPTIONS)}
`;

/**
 * The local cloud's folder: `--state-dir`, else `.shipline/local-cloud` in the checkout — unless, as root, the
 * server's `postgres` user cannot enter the checkout (e.g. under /root); then a per-checkout folder in the temp dir.
 */
export function chooseStateDir(cwd: string, option: unknown): string {
  if (typeof option === 'string') return resolve(cwd, option);
  const inCheckout = resolve(cwd, '.shipline', 'local-cloud');
  if (serverCanReach(dirname(inCheckout))) return inCheckout;
  const key = createHash('sha256').update(cwd).digest('hex').slice(0, 12);
  return join(tmpdir(), `shipline-local-cloud-${key}`);
}

/** Runs the rehearsal; returns 0 when validation passed and the migrations applied. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const app = resolve(io.cwd, typeof values.app === 'string' ? values.app : 'examples/app');
  const stateDir = chooseStateDir(io.cwd, values['state-dir']);
  const heading = (n: number, text: string) => io.stdout(`\n── ${n}/3 ${text}\n\n`);

  heading(1, `validate ${app}`);
  const validated = await runValidate(['--cwd', app], io);

  heading(2, 'local cloud: PostgreSQL 15 with the Supabase baseline');
  if (values.reset === true) await rm(join(stateDir, 'postgres'), { recursive: true, force: true });
  const postgres = await startPostgres({ dataDir: join(stateDir, 'postgres'), baseline: true });
  try {
    const fresh = postgres.created;
    io.stdout(
      `PostgreSQL ${fresh ? 'initialised' : 'reused'} in ${join(stateDir, 'postgres')} ` +
        `(initdb ${postgres.timings.initdbMs} ms, start ${postgres.timings.startMs} ms, baseline ${postgres.timings.baselineMs} ms)\n` +
        `listening on 127.0.0.1:${postgres.port}\n`,
    );
    heading(3, 'migrate supabase/migrations');
    const migrated = await runMigrate(
      [
        '--db-url',
        postgres.url,
        '--dir',
        join(app, 'supabase', 'migrations'),
        '--backup-dir',
        join(stateDir, 'backups'),
      ],
      { ...io, cwd: app },
    );
    io.stdout(
      `\n${validated === 0 && migrated === 0 ? 'Rehearsal passed.' : 'Rehearsal failed: see the steps above.'}` +
        ' Run `npm start` again: the database keeps its history, so nothing is applied twice.\n',
    );
    return validated === 0 && migrated === 0 ? 0 : 1;
  } finally {
    await postgres.stop();
  }
}
