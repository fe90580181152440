import pg, { type DatabaseError, escapeLiteral } from 'pg';
import type { Clock } from '../../core/clock.js';
import { ShiplineError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Redactor } from '../../core/redact.js';
import { MigrationError } from './errors.js';
import type { MigrationFile } from './files.js';
import {
  BEGIN_TRANSACTION_SQL,
  type Queryable,
  RECORD_APPLIED_SQL,
  recordApplied,
  recordAppliedValues,
} from './history.js';
import { findStringModeChange, findTransactionControl, type StatementRange, scannerStatements } from './parse.js';
import { blankComments, splitStatements } from './statements.js';

/** One file this run applied. */
export interface AppliedMigration {
  version: string;
  name: string;
  fileName: string;
  durationMs: number;
  noTransaction: boolean;
}

export interface ApplyOptions {
  logger: Logger;
  redactor: Redactor;
  clock: Clock;
  /** Recorded in shipline_checksums.applied_by. */
  appliedBy: string;
  /** Session `lock_timeout` / `statement_timeout` (PostgreSQL interval text), set for each file. */
  lockTimeout: string;
  statementTimeout: string;
  /** Set client_connection_check_interval = 1s for each file (PostgreSQL 14+; the caller probes the server). */
  connectionCheck?: boolean;
  /** The caller already ran preflight() on these files (migrate() does, before writing anything). */
  preflighted?: boolean;
}

/**
 * The settings part of the session reset: RESET ALL (a pg_dump header's `set_config('search_path', '', false)`
 * does not reach the next file), the session user and role, and standard_conforming_strings set explicitly: every
 * file is read with it on, by the server and by Shipline (a database default of off would change how strings scan).
 * Settings are transactional: run inside a file's transaction, this is committed with it.
 */
export const SETTINGS_RESET_SQL =
  'set session authorization default; reset role; reset all; set standard_conforming_strings = on';

/** The state no transaction undoes: temporary tables, sequences' session state, prepared statements, LISTENs, cursors. */
export const STATE_RESET_SQL = 'discard temp; discard sequences; deallocate all; unlisten *; close all';

/**
 * Returns the session to the state every file starts from (SETTINGS_RESET_SQL and STATE_RESET_SQL); the migration
 * advisory lock stays (DISCARD ALL would drop it). Cached plans follow DDL by themselves.
 */
export const SESSION_RESET_SQL = `${SETTINGS_RESET_SQL}; ${STATE_RESET_SQL}`;

function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof Error && typeof (error as { severity?: unknown }).severity === 'string';
}

/** 1-based line and column (in characters) of a UTF-16 offset of `text`; lines end at LF. */
export function locate(text: string, offset: number): { line: number; column: number } {
  const end = Math.max(0, Math.min(offset, text.length));
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: Array.from(text.slice(lineStart, end)).length + 1 };
}

/** UTF-16 offset in `text` of the 0-based character (code point) index `chars`, clamped to the text. */
function offsetOfChars(text: string, chars: number): number {
  if (chars <= 0) return 0;
  let seen = 0;
  for (let i = 0; i < text.length; i++) {
    if (seen === chars) return i;
    const cp = text.codePointAt(i) as number;
    if (cp >= 0x10000) i++;
    seen++;
  }
  return text.length;
}

/** Where in the file an error points: an exact offset (from PostgreSQL's position) or a statement's start. */
interface ErrorSite {
  statement?: StatementRange;
  offset?: number;
}

/**
 * Builds the MigrationError for a failed statement: `file:line:column: message`, detail, statement excerpt,
 * hint. `site.offset` (from PostgreSQL's error position) wins; else the statement's first token.
 */
export function statementError(
  file: MigrationFile,
  site: ErrorSite,
  error: unknown,
  redactor: Redactor,
  committedBefore: boolean,
): MigrationError {
  const r = (s: string | undefined) => (s === undefined ? undefined : redactor.redact(s));
  const pgError = isDatabaseError(error) ? error : undefined;
  const offset = site.offset ?? site.statement?.code;
  const where = offset === undefined ? undefined : locate(file.sql, offset);
  const message = r(error instanceof Error ? error.message : String(error)) ?? '';
  const parts = [`${file.fileName}${where ? `:${where.line}:${where.column}` : ''}: ${message}`];
  if (pgError?.detail) parts.push(`Detail: ${r(pgError.detail)}`);
  if (pgError?.where) parts.push(`Context: ${r(pgError.where)}`);
  if (site.statement) {
    const start = locate(file.sql, site.statement.code);
    // Redact whole texts first, then cut excerpts: a cut could leave half a secret that no longer matches.
    const firstLine = r(site.statement.text)?.split('\n')[0]?.trim() ?? '';
    parts.push(`Statement (line ${start.line}): ${firstLine.slice(0, 200)}`);
    const errorLine = where ? file.sql.split('\n')[where.line - 1]?.trim() : undefined;
    if (where && where.line !== start.line && errorLine)
      parts.push(`Line ${where.line}: ${r(errorLine)?.slice(0, 200)}`);
  } else if (where) {
    const errorLine = file.sql.split('\n')[where.line - 1]?.trim();
    if (errorLine) parts.push(`Line ${where.line}: ${r(errorLine)?.slice(0, 200)}`);
  }
  const hints = [
    pgError?.hint ? `PostgreSQL: ${r(pgError.hint)}` : '',
    committedBefore
      ? `${file.fileName} runs outside a transaction: statements before line ${where?.line ?? '?'} stayed applied; make them idempotent (IF NOT EXISTS) and drop any INVALID index before re-running.`
      : `Nothing from ${file.fileName} was applied (its transaction was rolled back); later files did not run.`,
    pgError?.code === '55P03' ? 'A lock was not granted within lock_timeout: retry when traffic is lower.' : '',
    pgError?.code === '57014' ? 'The statement ran longer than statement_timeout.' : '',
  ].filter(Boolean);
  return new MigrationError('migration_failed', parts.join('\n'), {
    file: file.fileName,
    ...(where ? { line: where.line, column: where.column } : {}),
    hint: hints.join(' '),
    postgres: {
      statement: r(site.statement?.text),
      sqlState: pgError?.code,
      detail: r(pgError?.detail),
      pgHint: r(pgError?.hint),
    },
  });
}

/** The session settings of a file, as one statement. */
function settingsSql(options: ApplyOptions): string {
  const set = (name: string, value: string) => `set_config('${name}', ${escapeLiteral(value)}, false)`;
  return `select ${[
    set('lock_timeout', options.lockTimeout),
    set('statement_timeout', options.statementTimeout),
    ...(options.connectionCheck ? [set('client_connection_check_interval', '1000')] : []),
  ].join(', ')}`;
}

/** A pg Query that counts the statements PostgreSQL completed (one CommandComplete message each). */
type CountingQuery = pg.Query & { completed: number };

/**
 * Wraps pg's per-message handler to count completions (the count names the failing statement when PostgreSQL
 * gives no position); throws when the installed pg has no such handler (Shipline pins pg 8.23.1, which has it).
 */
function countingQuery(text: string): CountingQuery {
  const query = new pg.Query(text) as CountingQuery & { handleCommandComplete?: (...args: unknown[]) => unknown };
  const original = query.handleCommandComplete;
  if (typeof original !== 'function') {
    throw new ShiplineError(
      'pg_unsupported',
      'The installed pg driver has no Query.handleCommandComplete: Shipline cannot tell which statement of a file failed.',
      { hint: 'Install the pg version Shipline pins (8.23.1); a different pg was resolved.' },
    );
  }
  query.completed = 0;
  query.handleCommandComplete = (...args: unknown[]) => {
    query.completed++;
    return original.apply(query, args);
  };
  return query;
}

function submit(db: Queryable, query: pg.Query): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    query.once('end', () => resolve());
    query.once('error', reject);
    db.query(query);
  });
}

/** The error of a settled promise, or undefined when it was fulfilled. */
function rejection(result: PromiseSettledResult<unknown>): unknown {
  return result.status === 'rejected' ? (result.reason ?? new Error('unknown error')) : undefined;
}

/**
 * Maps an error of the file's message to the file: PostgreSQL's position (characters from the start of the
 * message) minus the message's prefix, or without a position the statement after the last one that completed.
 */
function fileErrorSite(file: MigrationFile, error: unknown, prefix: string, completed: number): ErrorSite {
  const pgError = isDatabaseError(error) ? error : undefined;
  const statements = scannerStatements(file.sql);
  if (pgError?.position) {
    const offset = offsetOfChars(file.sql, Number(pgError.position) - 1 - Array.from(prefix).length);
    const statement = statements.find((s) => offset >= s.start && offset <= s.end);
    return { offset, ...(statement ? { statement } : {}) };
  }
  const statement = statements[completed];
  return statement ? { statement } : {};
}

/** Statements before the file's own in its message: begin, the transaction id, the settings. */
const PREFIX_STATEMENTS = 3;

/**
 * Applies a transactional file in ONE round trip (pg pipeline mode; other clients queue the same messages):
 *   1. `begin`, the settings and the file's own text, untouched, in one simple-protocol message: PostgreSQL
 *      splits it, so its statements are exactly the server's, and an error position maps straight to the file;
 *   2. the history rows with bound parameters (RECORD_APPLIED_SQL): the statements are never parsed as SQL twice;
 *   3. `commit` and the session reset. After a failure in 1 or 2, `commit` rolls back.
 */
async function applyInTransaction(db: Queryable, file: MigrationFile, options: ApplyOptions): Promise<void> {
  const prefix = `${BEGIN_TRANSACTION_SQL};\n${settingsSql(options)};\n`;
  // After the file, still inside its transaction: the settings reset, so the history rows are written as the session
  // user with default settings whatever role or settings the file chose (SET ROLE to a role without rights on
  // supabase_migrations), and the reset commits with the file (a failed file's settings roll back with it).
  const body = countingQuery(`${prefix}${file.sql}\n;\n${SETTINGS_RESET_SQL}`);
  // The file leaves first (pipeline mode writes it at once); the history's statements are split while the server
  // runs it. Nothing can observe ranFile's rejection before allSettled below: splitting is synchronous.
  const ranFile = submit(db, body);
  const statements = splitStatements(file.sql).map((s) => s.text);
  const results = await Promise.allSettled([
    ranFile,
    db.query(RECORD_APPLIED_SQL, recordAppliedValues(record(file, statements, options))),
    db.query(`commit;\n${STATE_RESET_SQL}`),
  ]);
  const [fileResult, wroteHistory, committed] = results;
  const fileError = rejection(fileResult);
  if (fileError !== undefined) {
    // Not PostgreSQL's answer (the connection broke): applyMigrations says so; the server rolls the file back.
    if (!isDatabaseError(fileError)) throw fileError;
    // A syntax error anywhere stops the whole message before anything runs (0 completed) but has a position.
    const position = isDatabaseError(fileError) && fileError.position ? Number(fileError.position) : undefined;
    const inPrefix = position === undefined ? body.completed < PREFIX_STATEMENTS : position <= prefix.length;
    if (inPrefix) throw sessionError(file, fileError, options.redactor);
    throw statementError(
      file,
      fileErrorSite(file, fileError, prefix, Math.max(0, body.completed - PREFIX_STATEMENTS)),
      fileError,
      options.redactor,
      false,
    );
  }
  const historyError = rejection(wroteHistory);
  if (historyError !== undefined) {
    throw new MigrationError(
      'history_failed',
      `${file.fileName}: writing its history row failed: ${options.redactor.redact(historyError instanceof Error ? historyError.message : String(historyError))}`,
      {
        file: file.fileName,
        hint: 'The file was rolled back together with its history row; nothing of it was applied.',
      },
    );
  }
  if (wroteHistory.status === 'fulfilled' && wroteHistory.value.rowCount !== 1) throw endedTransaction(file);
  const commitError = rejection(committed);
  if (commitError !== undefined) {
    const pgError = isDatabaseError(commitError) ? commitError : undefined;
    throw new MigrationError(
      'migration_failed',
      `${file.fileName}: COMMIT failed: ${options.redactor.redact(commitError instanceof Error ? commitError.message : String(commitError))}${pgError?.detail ? `\nDetail: ${options.redactor.redact(pgError.detail)}` : ''}`,
      {
        file: file.fileName,
        hint: `A deferred constraint or trigger rejected the file at COMMIT; nothing from ${file.fileName} was applied.`,
        postgres: { sqlState: pgError?.code, detail: options.redactor.redact(pgError?.detail ?? '') || undefined },
      },
    );
  }
}

function record(file: MigrationFile, statements: string[], options: ApplyOptions) {
  return {
    version: file.version,
    name: file.name,
    statements,
    checksum: file.checksum,
    appliedBy: options.appliedBy,
  };
}

/** The settings statement (before the file) failed: a bad lock_timeout / statement_timeout value, usually. */
function sessionError(file: MigrationFile, error: unknown, redactor: Redactor): MigrationError {
  return new MigrationError(
    'migration_failed',
    `${file.fileName}: setting up the session failed: ${redactor.redact(error instanceof Error ? error.message : String(error))}`,
    {
      file: file.fileName,
      hint: 'Check lock-timeout and statement-timeout (PostgreSQL interval text such as 5s or 15min); nothing of the file ran.',
    },
  );
}

/** The history insert found no transaction block: the file ended Shipline's transaction itself. */
function endedTransaction(file: MigrationFile): MigrationError {
  return new MigrationError(
    'transaction_control',
    `${file.fileName}: the file ended the transaction Shipline opened (a COMMIT or ROLLBACK the checks did not see); its history row was NOT written and part of it may be committed`,
    {
      file: file.fileName,
      hint: 'Check what of the file is in the database, remove the transaction control from the file, and re-run; report the file to Shipline.',
    },
  );
}

/**
 * Runs a no-transaction file's statements (split as PostgreSQL's lexer reads them) one by one in autocommit, then
 * writes its history rows in a transaction. An error says what stayed applied.
 */
async function applyOutsideTransaction(db: Queryable, file: MigrationFile, options: ApplyOptions): Promise<void> {
  await db.query(settingsSql(options));
  let ran = 0;
  for (const statement of scannerStatements(file.sql)) {
    try {
      await db.query(statement.text);
      ran++;
    } catch (error) {
      const pgError = isDatabaseError(error) ? error : undefined;
      const offset = pgError?.position
        ? statement.code + offsetOfChars(statement.text, Number(pgError.position) - 1)
        : undefined;
      throw statementError(
        file,
        { statement, ...(offset !== undefined ? { offset } : {}) },
        error,
        options.redactor,
        ran > 0,
      );
    }
  }
  await assertNoInvalidIndexes(db, file);
  await db.query(SESSION_RESET_SQL);
  await db.query(BEGIN_TRANSACTION_SQL);
  try {
    const statements = splitStatements(file.sql).map((s) => s.text);
    if (!(await recordApplied(db, record(file, statements, options)))) throw endedTransaction(file);
    await db.query(`commit;\n${SESSION_RESET_SQL}`);
  } catch (error) {
    await db.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * After a no-transaction file: an index it names that is INVALID (a CONCURRENTLY build that failed or was
 * killed earlier, then skipped by IF NOT EXISTS) means the file did not do its job; refuse to record it.
 */
async function assertNoInvalidIndexes(db: Queryable, file: MigrationFile): Promise<void> {
  const result = await db.query<{ schema: string; name: string }>(
    `select n.nspname as schema, c.relname as name
       from pg_index i join pg_class c on c.oid = i.indexrelid join pg_namespace n on n.oid = c.relnamespace
      where not i.indisvalid`,
  );
  // Whole identifiers only, outside comments: a name mentioned in a comment or inside a longer name is not a hit.
  const code = blankComments(file.sql).toLowerCase();
  const find = (name: string) => {
    const escaped = name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(?<![\\w$])${escaped}(?![\\w$])`).exec(code)?.index;
  };
  const hit = result.rows.find((r) => find(r.name) !== undefined);
  if (!hit) return;
  const { line, column } = locate(file.sql, find(hit.name) ?? 0);
  throw new MigrationError(
    'invalid_index',
    `${file.fileName}:${line}:${column}: index ${hit.schema}.${hit.name} exists but is INVALID (an earlier concurrent build failed or was interrupted)`,
    {
      file: file.fileName,
      line,
      column,
      hint: `Run \`drop index concurrently ${hit.schema}.${hit.name};\` and re-run the migration; the file was not recorded as applied.`,
    },
  );
}

/**
 * Refuses, before anything runs, a transactional file with a statement that ends or starts a transaction
 * (as PostgreSQL reads the file), and any file that turns
 * standard_conforming_strings off (every file is read with it on).
 */
export async function preflight(files: MigrationFile[]): Promise<void> {
  for (const file of files) {
    if (!file.noTransaction) {
      const control = findTransactionControl(file.sql);
      if (control) {
        const { line, column } = locate(file.sql, control.code);
        throw new MigrationError(
          'transaction_control',
          `${file.fileName}:${line}:${column}: the file controls its own transaction (${control.text.split('\n')[0]?.trim()}); nothing was applied`,
          {
            file: file.fileName,
            line,
            column,
            hint: 'Shipline wraps each file in a transaction with its history row: remove BEGIN/COMMIT, or mark the file `-- shipline:no-transaction`.',
          },
        );
      }
    }
    const stringMode = findStringModeChange(file.sql);
    if (stringMode !== undefined) {
      const { line, column } = locate(file.sql, stringMode);
      throw new MigrationError(
        'string_mode',
        `${file.fileName}:${line}:${column}: the file turns standard_conforming_strings off; nothing was applied`,
        {
          file: file.fileName,
          line,
          column,
          hint: "Every migration is read with standard_conforming_strings on (PostgreSQL's default): remove the setting and write backslash escapes as E'…' strings.",
        },
      );
    }
  }
}

/**
 * Applies one file: inside `BEGIN … COMMIT` together with its history and checksum rows, in one round trip
 * (applyInTransaction). A `-- shipline:no-transaction` file runs statement by statement in autocommit, and its
 * history rows are written after the last one succeeds. Every file ends with the session reset
 * (SESSION_RESET_SQL). On failure a MigrationError naming file, line and column is thrown.
 */
export async function applyFile(db: Queryable, file: MigrationFile, options: ApplyOptions): Promise<AppliedMigration> {
  const started = options.clock.now().getTime();
  if (file.noTransaction) await applyOutsideTransaction(db, file, options);
  else await applyInTransaction(db, file, options);
  const durationMs = options.clock.now().getTime() - started;
  return {
    version: file.version,
    name: file.name,
    fileName: file.fileName,
    durationMs,
    noTransaction: file.noTransaction,
  };
}

/**
 * Applies `pending` in order, each file on its own (see applyFile) from the same session state (the session is
 * reset first), logging each one. Stops at the first failure: the thrown MigrationError lists what was applied
 * before it in `appliedBeforeFailure`.
 */
export async function applyMigrations(
  db: Queryable,
  pending: MigrationFile[],
  options: ApplyOptions,
): Promise<AppliedMigration[]> {
  if (!options.preflighted) await preflight(pending);
  await db.query(SESSION_RESET_SQL);
  const applied: AppliedMigration[] = [];
  for (const file of pending) {
    options.logger.info(`Applying ${file.fileName}${file.noTransaction ? ' (outside a transaction)' : ''}…`);
    try {
      const done = await applyFile(db, file, options);
      applied.push(done);
      options.logger.info(`Applied ${file.fileName} in ${done.durationMs} ms`);
    } catch (error) {
      const failure =
        error instanceof MigrationError
          ? error
          : new MigrationError(
              'migration_failed',
              `${file.fileName}: ${options.redactor.redact(error instanceof Error ? error.message : String(error))}`,
              {
                file: file.fileName,
                hint: 'The connection failed while the file ran; its transaction was not committed and no history row was written.',
              },
            );
      failure.appliedBeforeFailure = applied.map(({ version, name, durationMs }) => ({ version, name, durationMs }));
      throw failure;
    }
  }
  return applied;
}
