import { ShiplineError } from '../../lib/core/errors.js';
import { HttpProblem } from '../core/server.js';

/** Builds the `{ error: { code, message, ... } }` problem every Vercel REST endpoint answers failures with. */
export function vercelError(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): HttpProblem {
  return new HttpProblem(status, { error: { code, message, ...extra } }, headers);
}

/** The body Vercel sends for a generic status (used for injected faults too). */
export function vercelErrorBody(status: number, message: string): unknown {
  const code =
    status === 429
      ? 'rate_limited'
      : status === 404
        ? 'not_found'
        : status === 403
          ? 'forbidden'
          : status >= 500
            ? 'internal_server_error'
            : 'bad_request';
  return { error: { code, message } };
}

/** A test or the CLI asked the emulator for something it does not have (unknown project, host, deployment…). */
export class EmulatorLookupError extends ShiplineError {
  override name = 'EmulatorLookupError';

  constructor(message: string) {
    super('emulator_not_found', message, { hint: 'Deploy it first, or check the id/host you passed.' });
  }
}
