/** `shipline validate`: the validate action's checks in a terminal, with exit codes 0 (passed), 1 (failed), 2 (could not run). */
import { resolve } from 'node:path';
import { Octokit } from '@octokit/rest';
import { buildJsonReport, renderTerminal } from '../../lib/checks/report.js';
import { runValidation } from '../../lib/checks/validate.js';
import { formatConfigIssue } from '../../lib/config/errors.js';
import { DEFAULT_CONFIG_PATH } from '../../lib/config/schema.js';
import { isDirectory } from '../../lib/core/fs.js';
import { Redactor, redactingLogger } from '../../lib/core/redact.js';
import { formatOptions, type OptionSpecs, parseArgs, UsageError } from '../args.js';
import { type CliIO, processIO, terminalLogger } from '../terminal-logger.js';

/** Exit codes of `shipline validate`. */
export const EXIT = { passed: 0, failed: 1, error: 2 } as const;

export const OPTIONS: OptionSpecs = {
  config: { type: 'string', description: `Configuration file, relative to --cwd (default ${DEFAULT_CONFIG_PATH})` },
  cwd: { type: 'string', description: 'Repository directory to validate (default: the current directory)' },
  environment: { type: 'string', description: 'Environment about to be deployed (must exist in the config)' },
  repo: {
    type: 'string',
    description: 'owner/name for the blocking-issues check (default $GITHUB_REPOSITORY; token from $GITHUB_TOKEN)',
  },
  'db-url': {
    type: 'string',
    description: 'Database to check the migration plan against (default $SUPABASE_DB_URL); lint only without it',
  },
  json: { type: 'boolean', description: 'Print the JSON report instead of the table' },
  'fail-on-warn': { type: 'boolean', description: 'Exit 1 when a check warns' },
  verbose: { type: 'boolean', short: 'v', description: 'Show debug output' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const USAGE = `Usage: shipline validate [options]

Runs the pre-deploy checks of .github/shipline.yml. Exit code 0: passed, 1: a check failed, 2: could not run
(e.g. the configuration is broken; every problem is printed).

Options:
${formatOptions(OPTIONS)}
`;

/** Runs `shipline validate` with `argv` (the words after `validate`); returns the exit code. */
export async function run(argv: string[], io: CliIO = processIO()): Promise<number> {
  const { values } = parseArgs(argv, OPTIONS);
  if (values.help) {
    io.stdout(USAGE);
    return EXIT.passed;
  }
  const configPath = typeof values.config === 'string' ? values.config : DEFAULT_CONFIG_PATH;
  const cwd = resolve(io.cwd, typeof values.cwd === 'string' ? values.cwd : '.');
  if (!isDirectory(cwd)) {
    throw new UsageError('usage', `--cwd ${cwd} is not a directory`, {
      hint: 'Give the repository folder to validate.',
    });
  }
  const redactor = new Redactor();
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  redactor.add(token);
  const databaseUrl = (typeof values['db-url'] === 'string' ? values['db-url'] : io.env.SUPABASE_DB_URL) || undefined;
  const logger = redactingLogger(terminalLogger(io, { verbose: values.verbose === true }), redactor);
  const [owner = '', repo = ''] = (
    typeof values.repo === 'string' ? values.repo : (io.env.GITHUB_REPOSITORY ?? '')
  ).split('/');

  const { outcome, results, passed } = await runValidation({
    cwd,
    configPath,
    allowMissing: values.config === undefined,
    env: io.env,
    ...(typeof values.environment === 'string' ? { environment: values.environment } : {}),
    ...(token && owner && repo
      ? {
          github: {
            octokit: new Octokit({ auth: token, baseUrl: io.env.GITHUB_API_URL || 'https://api.github.com' }),
            owner,
            repo,
          },
        }
      : {}),
    ...(databaseUrl ? { databaseUrl } : {}),
    failOnWarn: values['fail-on-warn'] === true,
    logger,
    redactor,
    clock: io.clock,
  });
  if (values.json) io.stdout(`${redactor.redact(JSON.stringify(buildJsonReport(results, passed), null, 2))}\n`);
  if (!outcome.ok) {
    const count = outcome.issues.length;
    io.stderr(`${outcome.file}: ${count} problem${count === 1 ? '' : 's'}\n`);
    for (const issue of outcome.issues) io.stderr(`  ${redactor.redact(formatConfigIssue(issue))}\n`);
    return EXIT.error;
  }
  for (const result of results) {
    for (const finding of result.findings ?? []) {
      const location = finding.file ? { file: finding.file, line: finding.line } : undefined;
      if (finding.severity === 'error') logger.error(finding.message, location);
      else logger.warning(finding.message, location);
    }
  }
  if (!values.json) io.stdout(redactor.redact(renderTerminal(results, { color: io.color })));
  return passed ? EXIT.passed : EXIT.failed;
}
