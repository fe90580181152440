/**
 * The repository the ledger and the locks act on, and the one way lib/github turns a failed GitHub call into a
 * ShiplineError (code `api-error`): callers never mistake an API failure for "nothing there".
 */
import { HttpError } from '../core/errors.js';

/** A GitHub repository: `owner/repo`. */
export interface RepoRef {
  owner: string;
  repo: string;
}

/** `owner/repo` for messages. */
export function repoName(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}

/** The HTTP status of an Octokit RequestError (or anything with a numeric `status`); undefined otherwise. */
export function errorStatus(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error) {
    const status = (error as { status: unknown }).status;
    return typeof status === 'number' ? status : undefined;
  }
  return undefined;
}

/** GitHub's own `message` from an error response, when there is one. */
export function errorMessage(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | undefined)?.response?.data;
  if (typeof data === 'object' && data !== null && typeof (data as { message?: unknown }).message === 'string') {
    return (data as { message: string }).message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Wraps a failed GitHub call as an `api-error` HttpError that says what was being done and what to try. */
export function apiError(action: string, repo: RepoRef, error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  // Octokit reports a request that got no answer (refused, reset, DNS) as status 500 without a `response`.
  const answered = (error as { response?: unknown } | undefined)?.response !== undefined;
  const status = answered ? errorStatus(error) : undefined;
  const request = (error as { request?: { url?: unknown } } | undefined)?.request;
  const url = typeof request?.url === 'string' ? request.url : '';
  const what = status === undefined ? 'could not reach GitHub' : `GitHub answered ${status}`;
  return new HttpError('api-error', `Could not ${action} in ${repoName(repo)}: ${what}: ${errorMessage(error)}.`, {
    status,
    url,
    hint: hint(status),
    cause: error,
  });
}

function hint(status: number | undefined): string {
  if (status === 401) return 'The token is missing or invalid; check the token the workflow or bot passes.';
  if (status === 403 || status === 404) {
    return 'The token may lack access: it needs `deployments: write` and `contents: write` on this repository.';
  }
  if (status === undefined) return 'Check the network and the API URL (GITHUB_API_URL on GitHub Enterprise Server).';
  if (status >= 500) return 'GitHub had a problem; retry the run in a few minutes.';
  return 'Nothing was changed by this call; retry once the cause is fixed.';
}

/** Runs one GitHub call; any failure becomes an `api-error` (see apiError). */
export async function call<T>(action: string, repo: RepoRef, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw apiError(action, repo, error);
  }
}
