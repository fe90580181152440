/**
 * `shipline deploy`: the deploy of a release from a terminal — edge functions (when the configuration names a
 * Supabase project and SUPABASE_ACCESS_TOKEN is set) then the prebuilt Vercel output, staged for production.
 * `--promote` promotes it right after it is READY. Exit 0 done, 1 failed, 2 usage, 3 refused.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../../lib/config/loader.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { runCommand } from '../../lib/process/run-command.js';
import { exitCodeFor } from '../../lib/release/outcome.js';
import { ManagementApi } from '../../lib/supabase/functions/api.js';
import { deployEdge } from '../../lib/supabase/functions/deploy.js';
import { edgeSummaryLine } from '../../lib/supabase/functions/report.js';
import { staticFileFor } from '../../lib/vercel/build-output.js';
import { deployToVercel } from '../../lib/vercel/deploy.js';
import { releaseFor } from '../../lib/vercel/meta.js';
import { promoteDeployment } from '../../lib/vercel/promote.js';
import { deploySummaryLine } from '../../lib/vercel/report.js';
import { vercelSettings } from '../../lib/vercel/settings.js';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

export const OPTIONS: OptionSpecs = {
  env: { type: 'string', description: 'Environment of the configuration to deploy (default production)' },
  target: { type: 'string', description: "Vercel target, overriding the environment's vercel-target" },
  project: { type: 'string', description: 'Vercel project (default vercel.project)' },
  'team-id': { type: 'string', description: 'Vercel team id (default vercel.team-id)' },
  'output-dir': { type: 'string', description: 'Prebuilt .vercel/output folder (default vercel.output-dir)' },
  config: { type: 'string', description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  sha: { type: 'string', description: 'Commit to record (default: git rev-parse HEAD)' },
  version: {
    type: 'string',
    description: 'Release version to record (default: the vX.Y.Z tag at HEAD, else sha-<short>)',
  },
  force: { type: 'boolean', description: 'Deploy even if this commit is already READY for the target' },
  'no-stage': { type: 'boolean', description: 'Let a production deployment take the domains at once' },
  promote: { type: 'boolean', description: 'Promote the staged production deployment once it is READY' },
  'skip-edge': { type: 'boolean', description: 'Do not deploy Supabase edge functions' },
  'api-url': { type: 'string', description: 'Vercel API (default $VERCEL_API_URL or https://api.vercel.com)' },
  'supabase-api-url': {
    type: 'string',
    description: 'Supabase Management API (default $SUPABASE_API_URL or https://api.supabase.com)',
  },
  json: { type: 'boolean', description: 'Print the outcomes as JSON' },
  verbose: { type: 'boolean', short: 'v', description: 'Show debug output' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline deploy [options]

Deploys the prebuilt Vercel output (.vercel/output, made by \`vercel build\`) with the token in $VERCEL_TOKEN.
Production deployments are staged (no domains) until \`shipline promote <deployment-id>\` or --promote. When the
configuration has supabase.project-ref and $SUPABASE_ACCESS_TOKEN is set, the edge functions are deployed first.
Exit code 0: deployed (or reused), 1: failed, 2: usage error, 3: refused (nothing changed).

Options:
${formatOptions(OPTIONS)}
`;

async function git(args: string[], cwd: string, env: CliIO['env']): Promise<string> {
  const result = await runCommand(['git', ...args], { cwd, env, timeoutMs: 10_000 }).catch(() => undefined);
  return result?.exitCode === 0 ? result.output.trim() : '';
}

/** Runs `shipline deploy` with `argv` (the words after `deploy`); returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const token = io.env.VERCEL_TOKEN ?? '';
  if (!token) {
    throw new UsageError('usage', 'No Vercel token: set VERCEL_TOKEN', {
      hint: 'Create one at https://vercel.com/account/tokens (in the team, for team projects). It is never printed.',
    });
  }
  const redactor = new Redactor();
  redactor.add(token);
  redactor.add(io.env.SUPABASE_ACCESS_TOKEN);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const configPath = str('config') ?? DEFAULT_CONFIG_PATH;
  const { config } = await loadConfig(configPath, { cwd: io.cwd, allowMissing: str('config') === undefined });
  const settings = vercelSettings(
    config,
    {
      environment: str('env'),
      target: str('target'),
      project: str('project'),
      teamId: str('team-id'),
      outputDir: str('output-dir'),
    },
    { environment: '--env', project: '--project', buildTimeout: '--build-timeout' },
  );
  const sha = str('sha') ?? (await git(['rev-parse', 'HEAD'], io.cwd, io.env));
  if (!sha)
    throw new UsageError('usage', 'Cannot tell the commit: not a git checkout', {
      hint: 'Pass --sha <40-hex commit>.',
    });
  const tags = (await git(['tag', '--points-at', sha], io.cwd, io.env)).split('\n').filter(Boolean);
  const branch = await git(['rev-parse', '--abbrev-ref', 'HEAD'], io.cwd, io.env);
  const release = releaseFor(sha, tags.length ? `refs/tags/${tags.sort().at(-1)}` : '', str('version'));
  const actor = io.env.USER ?? 'local';
  const results: Record<string, unknown> = {};
  let exit = 0;

  try {
    const supabaseToken = io.env.SUPABASE_ACCESS_TOKEN;
    const ref = config.supabase['project-ref'];
    if (!values['skip-edge'] && ref && supabaseToken) {
      const api = new ManagementApi({
        baseUrl: str('supabase-api-url') ?? io.env.SUPABASE_API_URL ?? 'https://api.supabase.com',
        token: supabaseToken,
        clock: io.clock,
      });
      const edge = await deployEdge({
        api,
        ref,
        root: io.cwd,
        functionsDir: config.supabase['functions-dir'],
        env: io.env,
        mask: (v) => redactor.add(v),
        logger,
        clock: io.clock,
      });
      results.edge = edge;
      logger.info(edgeSummaryLine(edge));
      if (edge.outcome !== 'success') {
        io.stdout(`${values.json ? JSON.stringify(results, null, 2) : redactor.redact(edge.message)}\n`);
        return exitCodeFor(edge);
      }
    } else if (!values['skip-edge'] && ref) {
      logger.info('Edge functions skipped: SUPABASE_ACCESS_TOKEN is not set.');
    }

    const apiUrl = str('api-url') ?? io.env.VERCEL_API_URL ?? 'https://api.vercel.com';
    const deployed = await deployToVercel({
      token,
      apiUrl,
      teamId: settings.teamId ?? (io.env.VERCEL_TEAM_ID || undefined),
      project: settings.project,
      target: settings.target,
      outputDir: settings.outputDir,
      cwd: io.cwd,
      release,
      git: { sha: release.sha, ref: branch && branch !== 'HEAD' ? `refs/heads/${branch}` : '', actor },
      force: values.force === true,
      stage: values['no-stage'] !== true,
      buildTimeoutMs: settings.buildTimeoutMs,
      clock: io.clock,
      logger,
    });
    results.vercel = deployed;
    exit = exitCodeFor(deployed);
    if (!values.json) io.stdout(`${redactor.redact(deploySummaryLine(deployed))}\n`);

    if (deployed.outcome === 'success' && values.promote && deployed.details.staged && deployed.details.deploymentId) {
      const promoted = await promoteDeployment({
        token,
        apiUrl,
        teamId: settings.teamId ?? (io.env.VERCEL_TEAM_ID || undefined),
        project: settings.project,
        deployment: deployed.details.deploymentId,
        timeoutMs: settings.buildTimeoutMs,
        serveCheck: settings.environmentUrl
          ? {
              fetch: (url, init) => fetch(url, init),
              productionUrl: settings.environmentUrl,
              expected: staticFileFor(resolve(io.cwd, settings.outputDir), '/'),
            }
          : undefined,
        clock: io.clock,
        logger,
      });
      results.promote = promoted;
      exit = exitCodeFor(promoted);
      if (!values.json) io.stdout(`${redactor.redact(promoted.message)}\n`);
    } else if (deployed.details.staged && deployed.details.deploymentId && !values.json) {
      io.stdout(`Staged. Promote with: shipline promote ${deployed.details.deploymentId}\n`);
    }
    if (values.json) io.stdout(`${redactor.redact(JSON.stringify(results, null, 2))}\n`);
    return exit;
  } catch (error) {
    io.stderr(`error: ${redactor.redact(describeError(error))}\n`);
    return 1;
  }
}
