/**
 * Builds the rollback's dependencies from plain settings (inputs or flags): GitHub, Vercel, Supabase and the
 * production smoke. Shared by the auto-rollback action and `shipline rollback`, so both run the same engine the
 * same way. No @actions imports here.
 */
import type { Octokit } from '@octokit/rest';
import { type ShiplineConfig, smokeFor } from '../../lib/config/schema.js';
import type { Clock } from '../../lib/core/clock.js';
import type { Logger } from '../../lib/core/logger.js';
import type { RepoRef } from '../../lib/github/repo.js';
import type { AutoRollbackDeps } from '../../lib/rollback/auto.js';
import { productionVerifier } from '../../lib/rollback/verify.js';
import { openProbeTargets } from '../../lib/smoke/targets.js';
import { ManagementApi } from '../../lib/supabase/functions/api.js';
import { gitArchiveCheckout } from './checkout.js';

export interface RollbackSettings {
  config: ShiplineConfig;
  environment: string;
  /** Repository root (a clone holding the target commit). */
  cwd: string;
  octokit: Octokit;
  repo: RepoRef;
  vercelToken: string;
  vercelApiUrl: string;
  supabaseAccessToken: string;
  supabaseApiUrl: string;
  supabaseProjectRef: string;
  bypassSecret: string;
  supabaseUrl: string;
  supabaseAnonKey: string;
  databaseUrl: string;
  verify: boolean;
  requestedBy: string;
  reason: string;
  source: string;
  logUrl?: string;
  clock: Clock;
  logger: Logger;
  redact: (text: string) => string;
}

/** The deps of autoRollback() for `settings`; `close()` ends the smoke's database pool. */
export function buildRollbackDeps(settings: RollbackSettings): { deps: AutoRollbackDeps; close(): Promise<void> } {
  const { config, environment, clock, logger } = settings;
  const env = config.environments[environment];
  const environmentUrl = env?.url;
  const ref = settings.supabaseProjectRef || config.supabase['project-ref'] || '';
  const probe = settings.verify
    ? openProbeTargets({
        baseUrl: environmentUrl ?? '',
        supabaseUrl: settings.supabaseUrl,
        supabaseAnonKey: settings.supabaseAnonKey,
        databaseUrl: settings.databaseUrl,
        redact: settings.redact,
      })
    : undefined;
  const deps: AutoRollbackDeps = {
    octokit: settings.octokit,
    repo: settings.repo,
    clock,
    logger,
    keep: config.rollback.keep,
    production: env?.['vercel-target'] === 'production',
    ...(environmentUrl ? { environmentUrl } : {}),
    ...(settings.logUrl ? { logUrl: settings.logUrl } : {}),
    requestedBy: settings.requestedBy,
    reason: settings.reason,
    source: settings.source,
    incidents: {
      labels: config.incidents.labels,
      assignees: config.incidents.assignees,
      ...(config.project.name ? { projectName: config.project.name } : {}),
    },
    ...(settings.vercelToken
      ? {
          vercel: {
            token: settings.vercelToken,
            apiUrl: settings.vercelApiUrl,
            ...(config.vercel['team-id'] ? { teamId: config.vercel['team-id'] } : {}),
            timeoutMs: config.vercel['build-timeout'] * 1000,
            serveCheck: {
              fetch: (url: string, init?: RequestInit) => fetch(url, init),
              ...(settings.bypassSecret ? { bypassSecret: settings.bypassSecret } : {}),
              ...(environmentUrl ? { productionUrl: environmentUrl } : {}),
            },
          },
        }
      : {}),
    ...(settings.supabaseAccessToken && ref
      ? {
          edge: {
            api: new ManagementApi({ baseUrl: settings.supabaseApiUrl, token: settings.supabaseAccessToken, clock }),
            ref,
            functionsDir: config.supabase['functions-dir'],
            checkout: gitArchiveCheckout(settings.cwd, config.supabase['functions-dir']),
          },
        }
      : {}),
    ...(probe ? { verify: productionVerifier(smokeFor(config, environment), probe.targets, { clock, logger }) } : {}),
  };
  return { deps, close: async () => probe?.close() };
}
