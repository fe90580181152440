/**
 * Records a smoke run in the ledger: the phase as an in_progress status while it runs, then `failure` when it did
 * not pass, or — for smoke-production — the release's final `success` status (`done: …`) with the environment URL.
 */
import type { Octokit } from '@octokit/rest';
import { setLedgerStatus } from '../github/ledger.js';
import type { RepoRef } from '../github/repo.js';
import type { Outcome } from '../release/outcome.js';
import type { SmokeDetails } from './smoke.js';

export type SmokePhase = 'smoke-staged' | 'smoke-production';

export interface SmokeLedgerOptions {
  octokit: Octokit;
  repo: RepoRef;
  deploymentId: number;
  phase: SmokePhase;
  logUrl?: string;
  environmentUrl?: string;
}

/** Writes `<phase>: probing <target>` as in_progress. */
export async function recordSmokeStart(options: SmokeLedgerOptions, target: string, probes: number): Promise<void> {
  await setLedgerStatus(options.octokit, options.repo, options.deploymentId, {
    state: 'in_progress',
    phase: options.phase,
    detail: `${probes} probe(s) against ${target}`,
    ...(options.logUrl ? { logUrl: options.logUrl } : {}),
  });
}

/** Writes the end of a smoke run: failure, nothing (smoke-staged passed), or `done` (smoke-production passed). */
export async function recordSmokeEnd(options: SmokeLedgerOptions, outcome: Outcome<SmokeDetails>): Promise<void> {
  const overall = outcome.details.run.analysis.overall;
  const numbers = `${overall.errors}/${overall.samples} errors, p95 ${overall.p95 === undefined ? '—' : `${Math.round(overall.p95)} ms`}`;
  if (outcome.outcome !== 'success') {
    await setLedgerStatus(options.octokit, options.repo, options.deploymentId, {
      state: 'failure',
      phase: options.phase,
      detail: `${outcome.outcome === 'inconclusive' ? 'inconclusive' : 'failed'} (${outcome.reason}): ${numbers}`,
      ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return;
  }
  if (options.phase === 'smoke-staged') {
    await setLedgerStatus(options.octokit, options.repo, options.deploymentId, {
      state: 'in_progress',
      phase: 'smoke-staged',
      detail: `passed: ${numbers}`,
      ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    });
    return;
  }
  await setLedgerStatus(options.octokit, options.repo, options.deploymentId, {
    state: 'success',
    phase: 'done',
    detail: `smoke-production passed: ${numbers}`,
    ...(options.logUrl ? { logUrl: options.logUrl } : {}),
    ...(options.environmentUrl ? { environmentUrl: options.environmentUrl } : {}),
  });
}
