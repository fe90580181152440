import pg, { type DatabaseError, escapeLiteral } from 'pg';
import type { Clock } from '../../core/clock.js';
import { ShiplineError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import type { Redactor } from '../../core/redact.js';
import { MigrationError } from './errors.js';
import type { MigrationFile } from './files.js';
import { type Queryable, recordApplied, recordAppliedSql, SERVER_SIDE_DURATION_MS } from './history.js';
import { blankComments, lineOfPosition, type SqlStatement, splitStatements } from './statements.js';

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
  /** Session `lock_timeout` / `statement_timeout` (PostgreSQL interval text), re-set before each file. */
  lockTimeout: string;
  statementTimeout: string;
}

const TRANSACTION_CONTROL = /^(begin|commit|end|rollback|abort|start\s+transaction)\b(?!\s+atomic)/i;

function isDatabaseError(error: unknown): error is DatabaseError {
  return error instanceof Error && typeof (error as { severity?: unknown }).severity === 'string';
}

/** Builds the MigrationError for a statement PostgreSQL rejected: file, line, statement, message, detail, hint. */
export function statementError(
  file: MigrationFile,
  statement: SqlStatement,
  error: unknown,
  redactor: Redactor,
  committedBefore: boolean,
  /** The error position relative to `statement` when PostgreSQL's is relative to a larger query (a batch). */
  positionInStatement?: number,
): MigrationError {
  const r = (s: string | undefined) => (s === undefined ? undefined : redactor.redact(s));
  const pgError = isDatabaseError(error) ? error : undefined;
  const position = positionInStatement ?? (pgError?.position ? Number(pgError.position) : undefined);
  const line = lineOfPosition(statement, position);
  const message = r(error instanceof Error ? error.message : String(error)) ?? '';
  // Redact whole texts first, then cut excerpts: a cut could leave half a secret that no longer matches.
  const firstLine = r(statement.head || statement.text)?.split('\n')[0] ?? '';
  const parts = [`${file.fileName}:${line}: ${message}`];
  if (pgError?.detail) parts.push(`Detail: ${r(pgError.detail)}`);
  parts.push(`Statement (line ${statement.line}): ${firstLine.trim().slice(0, 200)}`);
  const errorLine = r(file.sql.split('\n')[line - 1]?.trim());
  if (line !== statement.line && errorLine) parts.push(`Line ${line}: ${errorLine.slice(0, 200)}`);
  const hints = [
    pgError?.hint ? `PostgreSQL: ${r(pgError.hint)}` : '',
    committedBefore
      ? `${file.fileName} runs outside a transaction: statements before line ${line} stayed applied; make them idempotent (IF NOT EXISTS) and drop any INVALID index before re-running.`
      : `Nothing from ${file.fileName} was applied (its transaction was rolled back); later files did not run.`,
    pgError?.code === '55P03' ? 'A lock was not granted within lock_timeout: retry when traffic is lower.' : '',
    pgError?.code === '57014' ? 'The statement ran longer than statement_timeout.' : '',
  ].filter(Boolean);
  return new MigrationError('migration_failed', parts.join('\n'), {
    file: file.fileName,
    line,
    hint: hints.join(' '),
    postgres: {
      statement: r(statement.text),
      sqlState: pgError?.code,
      detail: r(pgError?.detail),
      pgHint: r(pgError?.hint),
    },
  });
}

/** Runs a no-transaction file's statements one by one in autocommit; an error says what stayed applied. */
async function runStatementsOutside(
  db: Queryable,
  file: MigrationFile,
  statements: SqlStatement[],
  options: ApplyOptions,
) {
  let ran = 0;
  for (const statement of statements) {
    try {
      await db.query(statement.text);
      ran++;
    } catch (error) {
      throw statementError(file, statement, error, options.redactor, ran > 0);
    }
  }
}

/** A pg Query that counts the statements PostgreSQL completed (one CommandComplete message each). */
type CountingQuery = pg.Query & { completed: number };

/**
 * Wraps pg's per-message handler to count completions (the count names the failing statement of a batch);
 * throws when the installed pg has no such handler (Shipline pins pg 8.23.1, which has it).
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

/**
 * Runs a transactional file in ONE round trip: `begin`, the settings, every statement, the history rows and
 * `commit` in one simple-protocol message (statement_timeout and lock_timeout still apply per statement).
 * On failure the statement is named from PostgreSQL's error position (relative to the message) or, without
 * one, from the number of statements that completed; the caller rolls back.
 */
async function runBatch(
  db: Queryable,
  file: MigrationFile,
  statements: SqlStatement[],
  prefix: string[],
  suffix: string,
  options: ApplyOptions,
): Promise<void> {
  // Each piece ends with a newline before `;` so a trailing line comment cannot swallow the separator.
  const head = prefix.map((p) => `${p}\n;\n`).join('');
  const pieces = statements.map((s) => `${s.text}\n;\n`);
  const query = countingQuery(`${head}${pieces.join('')}${suffix}`);
  try {
    await submit(db, query);
  } catch (error) {
    const pgError = isDatabaseError(error) ? error : undefined;
    // Comment-only pieces produce no message at all: skip them when counting.
    const counted = statements.filter((s) => s.head !== '');
    let failed = counted[query.completed - prefix.length];
    let positionInStatement: number | undefined;
    if (pgError?.position) {
      // PostgreSQL counts characters (code points) from the start of the message.
      let at = Array.from(head).length;
      const position = Number(pgError.position);
      for (const [i, statement] of statements.entries()) {
        const length = Array.from(pieces[i] ?? '').length;
        if (position > at && position <= at + length) {
          failed = statement;
          positionInStatement = position - at;
          break;
        }
        at += length;
      }
    }
    // Past the last statement: the history write or the commit failed (the caller reports that).
    if (!failed || query.completed < prefix.length) throw error;
    throw statementError(file, failed, error, options.redactor, false, positionInStatement);
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
  const offset = find(hit.name) ?? 0;
  const line = file.sql.slice(0, offset).split('\n').length;
  throw new MigrationError(
    'invalid_index',
    `${file.fileName}:${line}: index ${hit.schema}.${hit.name} exists but is INVALID (an earlier concurrent build failed or was interrupted)`,
    {
      file: file.fileName,
      line,
      hint: `Run \`drop index concurrently ${hit.schema}.${hit.name};\` and re-run the migration; the file was not recorded as applied.`,
    },
  );
}

/**
 * Applies one file: inside `BEGIN … COMMIT` together with its history and checksum rows, in one round trip
 * (runBatch; an error names the statement and its line). A `-- shipline:no-transaction` file runs
 * statement by statement in autocommit, and its history rows are written after the last one succeeds.
 * On failure the transaction is rolled back and a MigrationError naming file and line is thrown.
 */
export async function applyFile(db: Queryable, file: MigrationFile, options: ApplyOptions): Promise<AppliedMigration> {
  const statements = splitStatements(file.sql);
  const texts = statements.map((s) => s.text);
  const started = options.clock.now().getTime();
  // Session-level (not LOCAL): re-set before every file so a file's own SET cannot leak into the next one.
  const settings = `select set_config('lock_timeout', ${escapeLiteral(options.lockTimeout)}, false), set_config('statement_timeout', ${escapeLiteral(options.statementTimeout)}, false)`;
  const record = (durationMs: number) => ({
    version: file.version,
    name: file.name,
    statements: texts,
    checksum: file.checksum,
    durationMs,
    appliedBy: options.appliedBy,
  });
  if (file.noTransaction) {
    await db.query(settings);
    await runStatementsOutside(db, file, statements, options);
    await assertNoInvalidIndexes(db, file);
    const durationMs = options.clock.now().getTime() - started;
    await db.query('begin');
    try {
      await recordApplied(db, record(durationMs));
      await db.query('commit');
    } catch (error) {
      await db.query('rollback').catch(() => undefined);
      throw error;
    }
    return { version: file.version, name: file.name, fileName: file.fileName, durationMs, noTransaction: true };
  }
  const control = statements.find((s) => TRANSACTION_CONTROL.test(s.head));
  if (control) {
    throw new MigrationError(
      'transaction_control',
      `${file.fileName}:${control.line}: the file controls its own transaction (${control.head.split('\n')[0]?.trim()})`,
      {
        file: file.fileName,
        line: control.line,
        hint: 'Shipline wraps each file in a transaction with its history row: remove BEGIN/COMMIT, or mark the file `-- shipline:no-transaction`.',
      },
    );
  }
  // Round trips are most of the cost of a small file: the whole file travels in one message with `begin`, the
  // settings, its history rows and `commit` (runBatch).
  try {
    const suffix = `${recordAppliedSql(record(0), SERVER_SIDE_DURATION_MS)};\ncommit`;
    await runBatch(db, file, statements, ['begin', settings], suffix, options);
    const durationMs = options.clock.now().getTime() - started;
    return { version: file.version, name: file.name, fileName: file.fileName, durationMs, noTransaction: false };
  } catch (error) {
    await db.query('rollback').catch(() => undefined);
    throw error;
  }
}

/**
 * Applies `pending` in order, each file on its own (see applyFile), logging each one. Stops at the first
 * failure: the thrown MigrationError lists what was applied before it in `appliedBeforeFailure`.
 */
export async function applyMigrations(
  db: Queryable,
  pending: MigrationFile[],
  options: ApplyOptions,
): Promise<AppliedMigration[]> {
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
                line: 1,
                hint: 'The connection or the history write failed; nothing of this file was recorded.',
              },
            );
      failure.appliedBeforeFailure = applied.map(({ version, name, durationMs }) => ({ version, name, durationMs }));
      throw failure;
    }
  }
  return applied;
}
