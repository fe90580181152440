import { ShiplineError } from '../../core/errors.js';

/**
 * An edge-function deploy was refused or failed. `code` is one of: functions_dir_missing, entrypoint_missing,
 * config_toml_invalid, import_map_missing, invalid_slug, secret_missing, secret_invalid, api_error, deploy_failed.
 * `file` and `line` point at the offending file when there is one.
 */
export class EdgeFunctionError extends ShiplineError {
  override name = 'EdgeFunctionError';
  readonly file: string | undefined;
  readonly line: number | undefined;

  constructor(
    code: string,
    message: string,
    options: { hint?: string; cause?: unknown; file?: string; line?: number } = {},
  ) {
    super(code, message, { hint: options.hint, cause: options.cause });
    this.file = options.file;
    this.line = options.line;
  }
}
