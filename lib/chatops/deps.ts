/**
 * What every ChatOps engine function is given: the GitHub client, the repository, its configuration, a logger and a
 * clock. The bot builds it once per event; tests build it against the GitHub emulator.
 */
import type { Octokit } from '@octokit/rest';
import type { ShiplineConfig } from '../config/schema.js';
import type { Clock } from '../core/clock.js';
import type { Logger } from '../core/logger.js';
import type { RepoRef } from '../github/repo.js';

/** The workflow files the bot dispatches (in the repository it serves). */
export interface ChatOpsWorkflows {
  /** Runs a rollback; receives `deployment-id`, `environment`, `version`. Default `rollback.yml`. */
  rollback: string;
  /** Runs a deploy of a tag; receives `version`, `environment`, `requested-by`, `source`. Default `deploy.yml`. */
  deploy: string;
}

export const DEFAULT_WORKFLOWS: ChatOpsWorkflows = { rollback: 'rollback.yml', deploy: 'deploy.yml' };

export interface ChatOpsDeps {
  octokit: Octokit;
  repo: RepoRef;
  config: ShiplineConfig;
  logger: Logger;
  clock: Clock;
  /** The branch rollback workflows are dispatched on (the repository's default branch). */
  defaultBranch: string;
  workflows: ChatOpsWorkflows;
  /** How long a lock taken by the bot lives before it counts as stale (ms). */
  lockTtlMs: number;
}

/** Who asked, and from which comment. */
export interface Requester {
  login: string;
  /** The comment's html_url: recorded as the lock's and the ledger's `source`. */
  source: string;
}
