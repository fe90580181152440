import type { Octokit } from '@octokit/rest';
import type { ShiplineConfig } from '../config/schema.js';
import type { Redactor } from '../core/redact.js';
import { blockingIssuesCheck } from './blocking-issues-check.js';
import { bundleCheck } from './bundle-check.js';
import { commandCheck } from './command-check.js';
import { type ConfigOutcome, configCheck } from './config-check.js';
import { envCheck } from './env-check.js';
import { freezeCheck } from './freeze-check.js';
import { gitCheck } from './git-check.js';
import type { BundleBudget, EnvRule } from './options.js';
import { tlsCheck } from './tls-check.js';
import type { Check } from './types.js';

/** What the checks may need beyond the configuration; all optional. */
export interface CheckDeps {
  /** Authenticated client for the blocking-issues check; without it that check is skipped. */
  octokit?: Octokit;
  /** Repository the blocking-issues check searches (`owner/repo` split). */
  owner?: string;
  repo?: string;
  /** Environment being validated: must exist in the config; its `url` host is the default TLS host. */
  environment?: string;
  /** Extra checks appended after the configured ones (e.g. migration lint from another module). */
  extra?: Check[];
}

/** A check that always returns the same result (used for "not configured" and "skipped" rows). */
function fixedCheck(id: string, title: string, status: 'pass' | 'fail' | 'skip' | 'warn', message: string): Check {
  return { id, title, run: async () => ({ status, message }) };
}

/**
 * The checks the `validate:` section asks for, in report order: environment, env, git, commands, TLS, bundle,
 * freeze, blocking issues, then `deps.extra` — the plug-in point where other features (migration lint and plan) add their checks.
 * Sections left out produce no check.
 */
export function checksFromConfig(config: ShiplineConfig, deps: CheckDeps = {}): Check[] {
  const v = config.validate;
  const checks: Check[] = [];
  let environmentUrl: string | undefined;
  if (deps.environment !== undefined) {
    const env = config.environments[deps.environment];
    const known = Object.keys(config.environments).join(', ');
    if (env) environmentUrl = env.url;
    checks.push(
      env
        ? fixedCheck('environment', 'Environment', 'pass', `${deps.environment} is configured`)
        : fixedCheck(
            'environment',
            'Environment',
            'fail',
            `environment "${deps.environment}" is not in the configuration (configured: ${known})`,
          ),
    );
  }
  if (v.env.length > 0) checks.push(envCheck({ rules: v.env.map(toEnvRule) }));
  if (v.git) {
    checks.push(
      gitCheck({
        requireClean: v.git.clean,
        allowedBranches: v.git.branches,
        requireReleaseTag: v.git['require-tag'],
        tagPrefix: v.git['tag-prefix'],
      }),
    );
  }
  for (const command of v.commands) {
    checks.push(
      commandCheck({
        command: {
          name: command.name,
          run: command.run,
          timeoutSeconds: command.timeout,
          ...(command.cwd === undefined ? {} : { cwd: command.cwd }),
          ...(command.env === undefined ? {} : { env: command.env }),
          ...(command['pass-env'] === undefined ? {} : { passEnv: command['pass-env'] }),
        },
      }),
    );
  }
  if (v.tls) {
    const hosts = v.tls.hosts.length > 0 ? v.tls.hosts : environmentUrl ? [hostOf(environmentUrl)] : [];
    checks.push(
      hosts.length > 0
        ? tlsCheck({ hosts, minDays: v.tls['min-days'], timeoutMs: Math.round(v.tls.timeout * 1000) })
        : fixedCheck('tls', 'TLS certificates', 'skip', 'no hosts configured and no environment URL to check'),
    );
  }
  if (v.bundle.length > 0) checks.push(bundleCheck({ budgets: v.bundle.map(toBudget) }));
  if (v.freeze) checks.push(freezeCheck({ timezone: v.freeze.timezone, windows: v.freeze.windows }));
  if (v['blocking-labels'].length > 0) {
    const { octokit, owner, repo } = deps;
    checks.push(
      octokit && owner && repo
        ? blockingIssuesCheck({ owner, repo, labels: v['blocking-labels'] }, octokit)
        : fixedCheck(
            'blocking-issues',
            'Blocking issues',
            'skip',
            octokit
              ? 'no repository known, so open issues were not checked'
              : 'no GitHub token given, so open issues were not checked',
          ),
    );
  }
  checks.push(...(deps.extra ?? []));
  return checks;
}

/** The full validation list: the configuration check first, then (when it loaded) everything it asks for. */
export function validationChecks(outcome: ConfigOutcome, deps: CheckDeps = {}): Check[] {
  return [configCheck(outcome), ...(outcome.ok ? checksFromConfig(outcome.config, deps) : [])];
}

/** Registers the values of the variables `validate.env` names (those marked secret) before anything prints. */
export function registerConfigSecrets(
  config: ShiplineConfig,
  env: Record<string, string | undefined>,
  redactor: Redactor,
): void {
  for (const rule of config.validate.env) if (rule.secret) redactor.add(env[rule.name]);
}

function toEnvRule(rule: ShiplineConfig['validate']['env'][number]): EnvRule {
  return {
    name: rule.name,
    ...(rule['min-length'] === undefined ? {} : { minLength: rule['min-length'] }),
    ...(rule.pattern === undefined ? {} : { pattern: rule.pattern }),
    ...(rule.description === undefined ? {} : { description: rule.description }),
    required: rule.required,
    secret: rule.secret,
  };
}

function toBudget(budget: ShiplineConfig['validate']['bundle'][number]): BundleBudget {
  return {
    glob: budget.glob,
    ...(budget['max-total'] === undefined ? {} : { maxTotalBytes: budget['max-total'] }),
    ...(budget['max-gzip'] === undefined ? {} : { maxGzipBytes: budget['max-gzip'] }),
  };
}

function hostOf(url: string): string {
  const parsed = new URL(url);
  return parsed.port ? `${parsed.hostname}:${parsed.port}` : parsed.hostname;
}
