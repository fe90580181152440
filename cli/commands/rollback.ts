/**
 * `shipline rollback [version]`: the same rollback as the auto-rollback action (lib/rollback/auto.ts, manual
 * trigger) from a terminal. Exit 0 rolled back (or already done), 1 failed, 2 usage error, 3 refused.
 */
import { resolve } from 'node:path';
import { Octokit } from '@octokit/rest';
import { buildRollbackDeps } from '../../actions/auto-rollback/deps.js';
import { loadConfig } from '../../lib/config/loader.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { exitCodeFor } from '../../lib/release/outcome.js';
import { isReleaseVersion } from '../../lib/release/release.js';
import { autoRollback } from '../../lib/rollback/auto.js';
import { renderRollbackMarkdown } from '../../lib/rollback/report.js';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

export const OPTIONS: OptionSpecs = {
  env: { type: 'string', description: 'Environment to roll back (default production)' },
  'deployment-id': {
    type: 'string',
    description: 'Act on a rollback ledger deployment the bot created (under its lock)',
  },
  reason: { type: 'string', description: 'Why; recorded in the ledger' },
  config: { type: 'string', description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  repo: { type: 'string', description: 'owner/name (default $GITHUB_REPOSITORY)' },
  'no-verify': { type: 'boolean', description: 'Skip the smoke on production afterwards' },
  json: { type: 'boolean', description: 'Print the outcome as JSON' },
  verbose: { type: 'boolean', short: 'v', description: 'Show debug output' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline rollback [version] [options]

Rolls an environment back to <version> (it must have been good there) or, without one, to the last known-good
release before the current one: Vercel production re-pointed to the recorded deployment (no rebuild), edge
functions redeployed from the target commit (run inside a clone that has it), migrations never run down, smoke on
production, all recorded in the ledger under the environment lock.
Environment: GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL; VERCEL_TOKEN, VERCEL_API_URL; SUPABASE_ACCESS_TOKEN,
SUPABASE_API_URL, SUPABASE_PROJECT_REF (edge functions); SUPABASE_URL, SUPABASE_ANON_KEY, SUPABASE_DB_URL,
VERCEL_AUTOMATION_BYPASS_SECRET (smoke). Secrets are never printed.
Exit code 0: rolled back (or already done), 1: failed, 2: usage error, 3: refused (nothing changed).

Options:
${formatOptions(OPTIONS)}
`;

/** Runs `shipline rollback` with `argv`; returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const [version, ...extra] = positionals;
  if (extra.length > 0 || (version !== undefined && !isReleaseVersion(version))) {
    throw new UsageError('usage', 'Give at most one version, like v1.2.3 or sha-abc1234', {
      hint: 'e.g. shipline rollback v1.2.3 --env production',
    });
  }
  const deploymentId = str('deployment-id');
  if (deploymentId !== undefined && !/^[1-9]\d*$/.test(deploymentId)) {
    throw new UsageError('usage', `--deployment-id must be a GitHub Deployment id, got "${deploymentId}"`);
  }
  const env = io.env;
  const token = env.GITHUB_TOKEN ?? '';
  const [owner = '', name = ''] = (str('repo') ?? env.GITHUB_REPOSITORY ?? '').split('/');
  if (!token || !owner || !name) {
    throw new UsageError('usage', 'Set GITHUB_TOKEN and GITHUB_REPOSITORY (owner/name) or pass --repo', {
      hint: 'The ledger and the lock live in the GitHub repository.',
    });
  }
  const redactor = new Redactor();
  for (const secret of [
    token,
    env.VERCEL_TOKEN,
    env.SUPABASE_ACCESS_TOKEN,
    env.SUPABASE_ANON_KEY,
    env.SUPABASE_DB_URL,
    env.VERCEL_AUTOMATION_BYPASS_SECRET,
  ]) {
    redactor.add(secret);
  }
  redactor.addUrlCredentials(env.SUPABASE_DB_URL);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const { config } = await loadConfig(str('config') ?? DEFAULT_CONFIG_PATH, {
    cwd: io.cwd,
    allowMissing: str('config') === undefined,
  });
  const environment = str('env') ?? 'production';
  const user = env.USER ?? 'shipline-cli';
  const { deps, close } = buildRollbackDeps({
    config,
    environment,
    cwd: resolve(io.cwd),
    octokit: new Octokit({ auth: token, baseUrl: env.GITHUB_API_URL ?? 'https://api.github.com' }),
    repo: { owner, repo: name },
    vercelToken: env.VERCEL_TOKEN ?? '',
    vercelApiUrl: env.VERCEL_API_URL ?? 'https://api.vercel.com',
    supabaseAccessToken: env.SUPABASE_ACCESS_TOKEN ?? '',
    supabaseApiUrl: env.SUPABASE_API_URL ?? 'https://api.supabase.com',
    supabaseProjectRef: env.SUPABASE_PROJECT_REF ?? '',
    bypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET ?? '',
    supabaseUrl: env.SUPABASE_URL ?? '',
    supabaseAnonKey: env.SUPABASE_ANON_KEY ?? '',
    databaseUrl: env.SUPABASE_DB_URL ?? '',
    verify: values['no-verify'] !== true,
    requestedBy: user,
    reason: str('reason') ?? '',
    // The idempotency key of a terminal rollback: this invocation.
    source: `shipline-cli://${user}/${io.clock.now().toISOString()}`,
    clock: io.clock,
    logger,
    redact: (t) => redactor.redact(t),
  });
  try {
    const outcome = await autoRollback(deps, {
      kind: 'manual',
      environment,
      ...(version ? { version } : {}),
      ...(deploymentId ? { deploymentId: Number(deploymentId) } : {}),
    });
    io.stdout(
      `${redactor.redact(values.json ? JSON.stringify(outcome, null, 2) : `${renderRollbackMarkdown(outcome)}`)}\n`,
    );
    return exitCodeFor(outcome);
  } catch (error) {
    io.stderr(`error: ${redactor.redact(describeError(error))}\n`);
    return 1;
  } finally {
    await close();
  }
}
