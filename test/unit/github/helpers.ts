import { Octokit } from '@octokit/rest';
import { type GitHubEmulator, startGitHubEmulator } from '../../../emulators/github/index.js';
import type { RepoRef } from '../../../lib/github/repo.js';
import { buildPayload, type LedgerPayload } from '../../../lib/release/payload.js';

/** A started emulator with `acme/web` (4 commits on main) and an Octokit for its owner (no retries, silent). */
export async function startLedgerRepo(): Promise<{
  gh: GitHubEmulator;
  octokit: Octokit;
  repo: RepoRef;
  shas: string[];
}> {
  const gh = await startGitHubEmulator();
  const { shas } = gh.seedRepo({ fullName: 'acme/web', commits: ['one', 'two', 'three', 'four'] });
  gh.seedToken('t-acme', 'acme');
  const octokit = new Octokit({
    auth: 't-acme',
    baseUrl: gh.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  return { gh, octokit, repo: { owner: 'acme', repo: 'web' }, shas };
}

/** A valid ledger payload for `version` at `sha`. */
export function payloadFor(version: string, sha: string, extra: Partial<LedgerPayload> = {}): LedgerPayload {
  return buildPayload({
    kind: 'deploy',
    version,
    sha,
    vercel: { projectId: 'prj_1', deploymentId: `dpl_${version}`, url: `web-${version}.vercel.app` },
    edge: {},
    migrations: { head: null },
    requestedBy: 'mia',
    reason: 'release',
    source: 'https://github.com/acme/web/actions/runs/1',
    ...extra,
  });
}
