import { HttpProblem } from '../core/server.js';

/** GitHub's generic documentation link: what it sends for a path no endpoint serves. */
export const DOCS = 'https://docs.github.com/rest';

/** GitHub's error body: `{ message, documentation_url, status }` (status is a string, as GitHub sends it). */
export function githubError(
  status: number,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpProblem {
  return new HttpProblem(status, { message, ...extra, documentation_url: DOCS, status: String(status) }, headers);
}

/**
 * 404 `Not Found`, GitHub's answer for anything missing or invisible to the caller. The route wrapper
 * (routing.ts) replaces the generic documentation link of every non-401 error with the endpoint's own page, as
 * GitHub does; `headers`
 * may carry an `x-emulator-reason` that says what was missing (an emulator-only debugging aid).
 */
export function notFound(headers: Record<string, string> = {}): HttpProblem {
  return githubError(404, 'Not Found', {}, headers);
}

/** 422 `Validation Failed` with GitHub's `errors` list. */
export function validationFailed(resource: string, field: string, code = 'invalid', message?: string): HttpProblem {
  const error: Record<string, unknown> = { resource, code, field };
  if (message) error.message = message;
  return githubError(422, 'Validation Failed', { errors: [error] });
}

/** The body builder the EmulatorServer uses for injected faults and unrouted paths. */
export function githubErrorBody(status: number, message: string): unknown {
  return { message: status === 404 ? 'Not Found' : message, documentation_url: DOCS, status: String(status) };
}
