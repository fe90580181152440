/** Starts a workflow run with `workflow_dispatch`, asking GitHub for the run it started. */
import type { Octokit } from '@octokit/rest';
import { call, type RepoRef } from '../github/repo.js';

/** The run GitHub started, when it said (`return_run_details`). */
export interface DispatchedRun {
  runId?: number;
  htmlUrl?: string;
}

/** Dispatches `workflow` on `ref` with string inputs; returns the run when GitHub returns its details. */
export async function dispatchWorkflow(
  octokit: Octokit,
  repo: RepoRef,
  workflow: string,
  ref: string,
  inputs: Record<string, string>,
): Promise<DispatchedRun> {
  const res = await call(`dispatch ${workflow} on ${ref}`, repo, () =>
    octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
      owner: repo.owner,
      repo: repo.repo,
      workflow_id: workflow,
      ref,
      inputs,
      return_run_details: true,
    } as never),
  );
  const data = (res as { data?: unknown }).data as { workflow_run_id?: unknown; html_url?: unknown } | undefined;
  const run: DispatchedRun = {};
  if (typeof data?.workflow_run_id === 'number') run.runId = data.workflow_run_id;
  if (typeof data?.html_url === 'string') run.htmlUrl = data.html_url;
  return run;
}
