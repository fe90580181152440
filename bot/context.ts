/** Turns a Probot context into what lib/chatops takes: client, repository, configuration, logger, clock. */
import type { Octokit } from '@octokit/rest';
import type { Context } from 'probot';
import { type ChatOpsDeps, DEFAULT_WORKFLOWS } from '../lib/chatops/deps.js';
import { loadRepoConfig } from '../lib/chatops/repo-config.js';
import { systemClock } from '../lib/core/clock.js';
import type { Logger } from '../lib/core/logger.js';
import { DEFAULT_LOCK_TTL_MS } from '../lib/release/lock.js';
import type { ShiplineBotOptions } from './options.js';

type AnyContext = Context;

/** lib's Logger on Probot's pino logger. */
export function probotLogger(log: Context['log']): Logger {
  return {
    debug: (m) => log.debug(m),
    info: (m) => log.info(m),
    warning: (m) => log.warn(m),
    error: (m) => log.error(m),
    group: (_title, fn) => fn(),
  };
}

/** The repository an event is about. */
export function repoOf(context: AnyContext): { owner: string; repo: string } {
  const payload = context.payload as { repository: { owner: { login: string }; name: string } };
  return { owner: payload.repository.owner.login, repo: payload.repository.name };
}

/** Builds the engine's dependencies for one event; reads `.github/shipline.yml` from the default branch. */
export async function depsFor(context: AnyContext, options: ShiplineBotOptions): Promise<ChatOpsDeps> {
  const octokit = context.octokit as unknown as Octokit;
  const repo = repoOf(context);
  const payload = context.payload as { repository: { default_branch?: string } };
  const defaultBranch = payload.repository.default_branch ?? 'main';
  const config = await loadRepoConfig(octokit, repo, defaultBranch);
  return {
    octokit,
    repo,
    config,
    logger: probotLogger(context.log),
    clock: options.clock ?? systemClock,
    defaultBranch,
    workflows: { ...DEFAULT_WORKFLOWS, ...options.workflows },
    lockTtlMs: options.lockTtlMs ?? DEFAULT_LOCK_TTL_MS,
  };
}
