/**
 * `shipline smoke <url>`: runs the smoke probes of `.github/shipline.yml` against a deployment and prints the verdict.
 * Exit 0 pass, 1 fail or inconclusive, 2 usage error.
 */
import { loadConfig } from '../../lib/config/loader.js';
import { DEFAULT_CONFIG_PATH, smokeFor } from '../../lib/config/schema.js';
import { describeError } from '../../lib/core/errors.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { exitCodeFor } from '../../lib/release/outcome.js';
import { smokeReportJson, smokeSummaryMarkdown } from '../../lib/smoke/report.js';
import { smokeDeployment } from '../../lib/smoke/smoke.js';
import { openProbeTargets } from '../../lib/smoke/targets.js';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

export const OPTIONS: OptionSpecs = {
  env: { type: 'string', description: 'Environment whose smoke settings apply (default production)' },
  config: { type: 'string', description: `Configuration file (default ${DEFAULT_CONFIG_PATH})` },
  json: { type: 'boolean', description: 'Print the JSON report instead of the Markdown summary' },
  verbose: { type: 'boolean', short: 'v', description: 'Show debug output' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline smoke <url> [options]

Runs the smoke probes of the configuration against <url> (warm-up, rounds, verdict) and prints the report.
Secrets come from the environment and are never printed: VERCEL_AUTOMATION_BYPASS_SECRET (protected deployments),
SUPABASE_URL + SUPABASE_ANON_KEY (function and table probes), SUPABASE_DB_URL (read-only SQL probes).
Exit code 0: pass, 1: fail or inconclusive, 2: usage error.

Options:
${formatOptions(OPTIONS)}
`;

/** Runs `shipline smoke` with `argv` (the words after `smoke`); returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values, positionals } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return 0;
  }
  const [url, ...extra] = positionals;
  if (!url || extra.length > 0 || !/^https?:\/\/\S+$/.test(url)) {
    throw new UsageError('usage', 'Give exactly one deployment URL (http or https)', {
      hint: 'e.g. shipline smoke https://shop-abc123.vercel.app --env production',
    });
  }
  const str = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  const redactor = new Redactor();
  const env = io.env;
  for (const secret of [env.VERCEL_AUTOMATION_BYPASS_SECRET, env.SUPABASE_ANON_KEY, env.SUPABASE_DB_URL])
    redactor.add(secret);
  redactor.addUrlCredentials(env.SUPABASE_DB_URL);
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const { config } = await loadConfig(str('config') ?? DEFAULT_CONFIG_PATH, {
    cwd: io.cwd,
    allowMissing: str('config') === undefined,
  });
  const { targets, close } = openProbeTargets({
    baseUrl: url,
    bypassSecret: env.VERCEL_AUTOMATION_BYPASS_SECRET,
    supabaseUrl: env.SUPABASE_URL,
    supabaseAnonKey: env.SUPABASE_ANON_KEY,
    databaseUrl: env.SUPABASE_DB_URL,
    redact: (t) => redactor.redact(t),
  });
  try {
    const outcome = await smokeDeployment(smokeFor(config, str('env') ?? 'production'), targets, {
      clock: io.clock,
      logger,
    });
    const { run: smokeRun } = outcome.details;
    io.stdout(
      `${redactor.redact(values.json ? smokeReportJson(smokeRun, url) : `${smokeSummaryMarkdown(smokeRun, url)}\n${outcome.message}`)}\n`,
    );
    return exitCodeFor(outcome);
  } catch (error) {
    io.stderr(`error: ${redactor.redact(describeError(error))}\n`);
    return 1;
  } finally {
    await close();
  }
}
