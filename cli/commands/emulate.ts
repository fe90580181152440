/**
 * `shipline emulate`: starts the local cloud (Vercel, Supabase Management and GitHub API emulators plus PostgreSQL 15
 * with the Supabase baseline), prints the URLs and the environment to export, and stops everything on Ctrl-C.
 */
import { resolve } from 'node:path';
import { type LocalCloud, startLocalCloud } from '../../emulators/local-cloud.js';
import { onShutdown } from '../../lib/process/shutdown.js';
import { formatOptions, type OptionSpecs, parseArgs } from '../args.js';
import { type CliIO, processIO } from '../terminal-logger.js';

export const OPTIONS: OptionSpecs = {
  'state-dir': {
    type: 'string',
    description: 'Keep the database here across runs (default: a temporary cluster, removed on exit)',
  },
  repository: { type: 'string', description: 'owner/name seeded in the GitHub emulator (default acme/shop)' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline emulate [options]

Starts the local cloud on loopback and prints the environment that points Shipline, @vercel/client, @octokit/rest,
the vercel CLI (--api) and the Supabase CLI (--profile) at it. Ctrl-C stops everything cleanly.

Options:
${formatOptions(OPTIONS)}
`;

/** What `emulate` prints once everything is up: URLs, then `export` lines for a shell. */
export function describeLocalCloud(cloud: LocalCloud): string {
  const lines = [
    'Local cloud is up:',
    `  Vercel API          ${cloud.vercel.url}   (edge: ${cloud.vercel.edgeUrl})`,
    `  Vercel API (https)  ${cloud.vercel.httpsUrl}   (local CA: ${cloud.vercel.caPath})`,
    `  Supabase API        ${cloud.supabase.url}   (project ${cloud.env.SUPABASE_PROJECT_REF})`,
    `  GitHub API          ${cloud.github.url}   (repository ${cloud.env.GITHUB_REPOSITORY})`,
    `  PostgreSQL 15       127.0.0.1:${cloud.postgres.port}`,
    '',
    'Environment (paste into a shell):',
    ...Object.entries(cloud.env).map(([k, v]) => `export ${k}='${v}'`),
    '',
    'Official CLIs:',
    `  vercel --api "$VERCEL_API_HTTPS_URL" --token "$VERCEL_TOKEN" ls   (https; NODE_EXTRA_CA_CERTS trusts the CA)`,
    cloud.supabaseProfile
      ? `  supabase --profile ${cloud.supabaseProfile} functions list --remote=$SUPABASE_PROJECT_REF`
      : '  supabase: run with --state-dir to get a --profile file aimed at the emulator',
    `  psql "$SUPABASE_DB_URL"`,
    '',
    'Press Ctrl-C to stop.',
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs until SIGINT/SIGTERM/SIGHUP (or `signal` aborts, in tests); returns 0 after a clean stop. */
export async function run(argv: string[], io: CliIO = processIO(), signal?: AbortSignal): Promise<number> {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const cloud = await startLocalCloud({
    ...(typeof values['state-dir'] === 'string' ? { stateDir: resolve(io.cwd, values['state-dir']) } : {}),
    ...(typeof values.repository === 'string' ? { repository: values.repository } : {}),
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      io.stdout('\nStopping the local cloud…\n');
      await cloud.stop();
      io.stdout('Stopped.\n');
    })();
    return stopping;
  };
  let wake: () => void = () => undefined;
  const stopRequested = new Promise<void>((resolveWait) => {
    wake = resolveWait;
  });
  // The first signal stops everything in order (repeated Ctrl-Cs wait for it); emulate then returns 0 itself.
  const unregister = onShutdown(
    () => {
      wake();
      return stop();
    },
    { endsProgram: true },
  );
  signal?.addEventListener('abort', () => wake(), { once: true });
  try {
    io.stdout(describeLocalCloud(cloud));
    await stopRequested;
  } finally {
    // Also on an exception: nothing of the local cloud outlives the command.
    await stop();
    unregister();
  }
  return 0;
}
