/** Errors of the Vercel engine: each carries a machine-readable code and a hint for the user. */
import { ShiplineError } from '../core/errors.js';
import type { ReasonCode } from '../release/outcome.js';

/** A Vercel deploy or promote could not be done; `reason` is the outcome reason code adapters report. */
export class VercelError extends ShiplineError {
  override name = 'VercelError';
  readonly reason: ReasonCode;
  /** The Vercel dashboard link of the deployment concerned, when one exists. */
  readonly inspectorUrl: string | undefined;
  /** HTTP status of the answer that caused it, when it came from the API. */
  readonly status: number | undefined;

  constructor(
    code: string,
    message: string,
    options: { reason: ReasonCode; hint?: string; cause?: unknown; inspectorUrl?: string; status?: number },
  ) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.reason = options.reason;
    this.inspectorUrl = options.inspectorUrl;
    this.status = options.status;
  }
}
