/**
 * Named errors that carry a machine-readable code and a hint telling the user what to do next.
 * Every error Shipline raises on purpose is a ShiplineError (or a subclass), so adapters can print
 * `message` + `hint` and gate on `code` instead of parsing text.
 */
export class ShiplineError extends Error {
  override name = 'ShiplineError';
  /** Stable, machine-readable reason, e.g. `config_invalid`, `migration_failed`. */
  readonly code: string;
  /** What the user can do about it; empty when there is nothing useful to say. */
  readonly hint: string;

  constructor(code: string, message: string, options: { hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint ?? '';
  }
}

/** The configuration file is missing, unreadable or does not match the schema. */
export class ConfigError extends ShiplineError {
  override name = 'ConfigError';
}

/** A remote API answered with an error, or could not be reached. */
export class HttpError extends ShiplineError {
  override name = 'HttpError';
  readonly status: number | undefined;
  readonly url: string;
  readonly body: string;

  constructor(
    code: string,
    message: string,
    details: { status?: number; url: string; body?: string; hint?: string; cause?: unknown },
  ) {
    super(code, message, { hint: details.hint, cause: details.cause });
    this.status = details.status;
    this.url = details.url;
    this.body = details.body ?? '';
  }
}

/** An operation took longer than it was allowed to. */
export class TimeoutError extends ShiplineError {
  override name = 'TimeoutError';
}

/** Formats any thrown value for a person: message, then the hint on its own line when there is one. */
export function describeError(error: unknown): string {
  if (error instanceof ShiplineError) {
    return error.hint ? `${error.message}\nHint: ${error.hint}` : error.message;
  }
  if (error instanceof Error) return error.message;
  return String(error);
}
