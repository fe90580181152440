import { ShiplineError } from '../../core/errors.js';

/** Where a migration problem points, so adapters can annotate the file and line. */
export interface MigrationErrorLocation {
  /** File name inside the migrations directory, e.g. `20240101000000_init.sql`. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** 1-based column (in characters) on that line, when known. */
  column?: number;
}

/** Details PostgreSQL gave about a failed statement. */
export interface PostgresErrorDetails {
  statement?: string;
  sqlState?: string;
  detail?: string;
  pgHint?: string;
}

/**
 * A migration run was refused or failed. `code` is one of: invalid_file_name, migrations_dir_missing,
 * duplicate_version, ambiguous_order, edited_applied_file, missing_local_file, out_of_order, lock_timeout,
 * connection_failed, migration_failed, history_failed, transaction_control, string_mode,
 * invalid_index, backup_failed, broken_symlink.
 */
export class MigrationError extends ShiplineError {
  override name = 'MigrationError';
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly postgres: PostgresErrorDetails;
  /** Further problems found together with this one (a plan can be refused for several reasons). */
  readonly others: MigrationError[];
  /** Files that were applied in this run before the failure. */
  appliedBeforeFailure: Array<{ version: string; name: string; durationMs: number }> = [];

  constructor(
    code: string,
    message: string,
    options: MigrationErrorLocation & {
      hint?: string;
      postgres?: PostgresErrorDetails;
      others?: MigrationError[];
    } = {},
  ) {
    super(code, message, { hint: options.hint });
    this.file = options.file;
    this.line = options.line;
    this.column = options.column;
    this.postgres = options.postgres ?? {};
    this.others = options.others ?? [];
  }
}
