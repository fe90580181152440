/**
 * Migration lint: parses each migration file with the real PostgreSQL 15 parser (libpg-query, WASM), runs the rules
 * of `lint-rules.ts` statement by statement, and reports findings with the file and line they point at.
 * Destructive findings are errors unless the file declares itself a contract step with `-- shipline:contract`.
 */
import { hasSqlDetails, loadModule, type Node, parseSync, type RawStmt } from 'libpg-query';
import type { Check, CheckFinding, CheckResult } from '../../checks/types.js';
import { ShiplineError } from '../../core/errors.js';
import { isNoTransaction } from './files.js';
import { type FileContext, qualifiedName, RULES, type RuleName } from './lint-rules.js';
import { skipComments } from './statements.js';

/** The comment that marks a file as a deliberate contract step (destructive findings become warnings). */
export const CONTRACT_MARKER = '-- shipline:contract';
const CONTRACT_PATTERN = /^[ \t]*--[ \t]*shipline:contract\b/im;

/** One problem found in a migration file. `line` and `column` are 1-based; `column` counts characters. */
export interface Finding {
  rule: RuleName | 'syntax-error';
  severity: 'error' | 'warning';
  file: string;
  line: number;
  column?: number;
  message: string;
  /** What to do instead, concretely. */
  fix: string;
}

/** A migration file: its path as it should appear in findings (repository-relative) and its SQL text. */
export interface MigrationSource {
  file: string;
  sql: string;
}

/** Knobs shared by every lint entry point. */
export interface LintOptions {
  /** Rules not to run. */
  disabledRules?: readonly RuleName[];
  /**
   * The files are applied by a runner that sets a non-zero `lock_timeout` for the whole session before each file
   * (Shipline's migrate does): a file then needs no SET of its own, so `missing-lock-timeout` only fires after the
   * file itself turns the timeout off (`RESET ALL`, `SET lock_timeout = 0`).
   */
  sessionLockTimeout?: boolean;
}

/** How the project applies its migrations (the config's `supabase.migrations`): who runs the files, with which timeout. */
export interface ApplyPath {
  'apply-with': 'shipline' | 'other';
  'lock-timeout': string;
}

/**
 * Lint options true for the path the user actually runs: with `apply-with: shipline` and a non-zero `lock-timeout`
 * the session already has a lock_timeout; with another tool (`apply-with: other`) each file must set its own.
 */
export function lintOptionsFor(apply: ApplyPath): LintOptions {
  return { sessionLockTimeout: apply['apply-with'] === 'shipline' && !isZeroDuration(apply['lock-timeout']) };
}

/** `0`, `0ms`, `0s`…: PostgreSQL's "no limit". */
function isZeroDuration(text: string): boolean {
  return /^\s*0+(\.0*)?\s*(us|ms|s|min|h|d)?\s*$/i.test(text);
}

let parserReady = false;

/** Loads the WASM parser once; `lintMigration(s)` call it, `lintMigrationSync` needs it done first. */
export async function loadSqlParser(): Promise<void> {
  if (parserReady) return;
  await loadModule();
  parserReady = true;
}

/** Lints one migration file. */
export async function lintMigration(source: MigrationSource, options: LintOptions = {}): Promise<Finding[]> {
  await loadSqlParser();
  return lintMigrationSync(source, options);
}

/** Lints several files (each on its own: a table created in an earlier file counts as existing). */
export async function lintMigrations(
  sources: readonly MigrationSource[],
  options: LintOptions = {},
): Promise<Finding[]> {
  await loadSqlParser();
  return sources.flatMap((source) => lintMigrationSync(source, options));
}

/** Synchronous `lintMigration`; throws unless `loadSqlParser()` has resolved. */
export function lintMigrationSync(source: MigrationSource, options: LintOptions = {}): Finding[] {
  if (!parserReady) {
    throw new ShiplineError('parser_not_loaded', 'The SQL parser is not loaded yet.', {
      hint: 'Await loadSqlParser() (or use lintMigration) before lintMigrationSync.',
    });
  }
  const text = new SourceText(source.sql);
  let statements: RawStmt[];
  try {
    statements = source.sql.trim() === '' ? [] : (parseSync(source.sql).stmts ?? []);
  } catch (error) {
    return [syntaxError(source.file, text, error)];
  }

  const contract = CONTRACT_PATTERN.test(source.sql);
  const transactional = !isNoTransaction(source.sql);
  const disabled = new Set(options.disabledRules ?? []);
  const rules = RULES.filter((rule) => !disabled.has(rule.name));
  const reported = new Set<RuleName>();
  const createdTables = new Set<string>();
  let lockTimeoutSet = options.sessionLockTimeout === true;
  const findings: Finding[] = [];

  for (const raw of statements) {
    if (!raw.stmt) continue;
    const offset = text.statementStart(raw.stmt_location ?? 0);
    const ctx: FileContext = { createdTables, lockTimeoutSet, transactional };
    for (const rule of rules) {
      if (rule.oncePerFile && reported.has(rule.name)) continue;
      const hits = rule.check({ node: raw.stmt, offset }, ctx);
      if (hits.length === 0) continue;
      reported.add(rule.name);
      for (const hit of rule.oncePerFile ? hits.slice(0, 1) : hits) {
        const destructive = rule.category === 'destructive';
        findings.push({
          rule: rule.name,
          severity: destructive && !contract ? 'error' : 'warning',
          file: source.file,
          ...text.locate(hit.offset ?? offset),
          message: destructive && contract ? `(contract step) ${hit.message}` : hit.message,
          fix: hit.fix,
        });
      }
    }
    trackCreatedTables(raw.stmt, createdTables);
    lockTimeoutSet = lockTimeoutAfter(raw.stmt, lockTimeoutSet);
  }
  return findings.sort((a, b) => a.line - b.line || (a.column ?? 0) - (b.column ?? 0));
}

/** The `validate` check over `files` (paths as findings should show them, with their SQL): see lintCheckResult. */
export function migrationLintCheck(files: readonly MigrationSource[], options: LintOptions = {}): Check {
  return { id: 'migration-lint', title: 'Migration lint', run: () => lintCheckResult(files, options) };
}

/** Lints `files` into a check result: fails on any error finding, warns on warnings; findings carry file and line. */
export async function lintCheckResult(
  files: readonly MigrationSource[],
  options: LintOptions = {},
): Promise<Omit<CheckResult, 'id' | 'title' | 'durationMs'>> {
  if (files.length === 0) return { status: 'skip', message: 'No migration files to lint.' };
  const findings = await lintMigrations(files, options);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const summary = `${files.length} migration file${files.length === 1 ? '' : 's'} linted: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}.`;
  return {
    status: errors > 0 ? 'fail' : warnings > 0 ? 'warn' : 'pass',
    message: summary,
    details: findings.length > 0 ? findings.map(formatFinding).join('\n') : undefined,
    findings: findings.map(
      (f): CheckFinding => ({
        severity: f.severity,
        message: `${f.message}\nFix: ${f.fix}`,
        file: f.file,
        line: f.line,
        rule: f.rule,
      }),
    ),
  };
}

/** One finding on one line, `file:line:column severity rule: message`, for logs and reports. */
export function formatFinding(finding: Finding): string {
  const where = `${finding.file}:${finding.line}${finding.column ? `:${finding.column}` : ''}`;
  return `${where} ${finding.severity} ${finding.rule}: ${finding.message} Fix: ${finding.fix}`;
}

function syntaxError(file: string, text: SourceText, error: unknown): Finding {
  if (!hasSqlDetails(error)) {
    throw new ShiplineError('lint_parser_failed', `Could not parse ${file}: ${(error as Error)?.message ?? error}`);
  }
  // PostgreSQL reports the error position in characters (code points), not bytes.
  const position = error.sqlDetails.cursorPosition;
  return {
    rule: 'syntax-error',
    severity: 'error',
    file,
    ...text.locate(text.byteOffsetOfCodePoint(position)),
    message: `PostgreSQL cannot parse this file: ${error.sqlDetails.message}.`,
    fix: 'Correct the SQL at this position; the whole file is rejected, so nothing in it would be applied.',
  };
}

/**
 * Updates the set of tables created in this file after `node` ran. `CREATE TABLE IF NOT EXISTS` counts as creating:
 * a migration file runs once, so the table is new (and empty) in the run the lint speaks about; counting it as
 * existing made every index and constraint on it a false alarm.
 */
function trackCreatedTables(node: Node, created: Set<string>): void {
  if ('CreateStmt' in node) {
    created.add(qualifiedName(node.CreateStmt.relation));
  } else if ('CreateTableAsStmt' in node) {
    const stmt = node.CreateTableAsStmt;
    if (stmt.into?.rel) created.add(qualifiedName(stmt.into.rel));
  } else if ('RenameStmt' in node && node.RenameStmt.renameType === 'OBJECT_TABLE') {
    const from = qualifiedName(node.RenameStmt.relation);
    if (created.delete(from))
      created.add(qualifiedName({ ...node.RenameStmt.relation, relname: node.RenameStmt.newname }));
  } else if ('DropStmt' in node && node.DropStmt.removeType === 'OBJECT_TABLE') {
    for (const obj of node.DropStmt.objects ?? []) {
      const parts = ('List' in obj ? (obj.List.items ?? []) : []).map((i) => ('String' in i ? i.String.sval : ''));
      created.delete(`${parts.length > 1 ? parts.at(-2) : 'public'}.${parts.at(-1)}`);
    }
  }
}

/** Whether a non-zero lock_timeout is in effect after `node` (SET, SET LOCAL, RESET, set_config). */
function lockTimeoutAfter(node: Node, before: boolean): boolean {
  if ('VariableSetStmt' in node) {
    const stmt = node.VariableSetStmt;
    if (stmt.kind === 'VAR_RESET_ALL') return false;
    if (stmt.name !== 'lock_timeout') return before;
    if (stmt.kind !== 'VAR_SET_VALUE') return false;
    const arg = stmt.args?.[0];
    return arg !== undefined && 'A_Const' in arg ? !isZero(arg.A_Const) : true;
  }
  if ('SelectStmt' in node) {
    for (const target of node.SelectStmt.targetList ?? []) {
      const val = 'ResTarget' in target ? target.ResTarget.val : undefined;
      const call = val && 'FuncCall' in val ? val.FuncCall : undefined;
      const fn = call?.funcname?.map((n) => ('String' in n ? n.String.sval : '')).at(-1);
      const [name, value] = call?.args ?? [];
      if (fn !== 'set_config' || !name || !('A_Const' in name) || name.A_Const.sval?.sval !== 'lock_timeout') continue;
      return value !== undefined && 'A_Const' in value ? !isZero(value.A_Const) : true;
    }
  }
  return before;
}

function isZero(value: { ival?: { ival?: number }; sval?: { sval?: string } }): boolean {
  if (value.sval) return /^\s*0+\s*(ms|s|min|h|d)?\s*$/i.test(value.sval.sval ?? '');
  return (value.ival?.ival ?? 0) === 0;
}

/** The SQL text as UTF-8 bytes, with helpers that turn the parser's offsets into lines and columns. */
class SourceText {
  private readonly bytes: Buffer;
  private readonly lineStarts: number[] = [0];

  constructor(private readonly sql: string) {
    this.bytes = Buffer.from(sql, 'utf8');
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) this.lineStarts.push(i + 1);
  }

  /** 1-based line and character column of a byte offset. */
  locate(byteOffset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.lineStarts[mid] ?? 0) <= byteOffset) low = mid;
      else high = mid - 1;
    }
    const lineStart = this.lineStarts[low] ?? 0;
    const prefix = this.bytes.subarray(lineStart, byteOffset).toString('utf8');
    return { line: low + 1, column: [...prefix].length + 1 };
  }

  /**
   * A statement's `stmt_location` points just after the previous `;`; skip the whitespace and comments in
   * between (statements.ts's lexer) so the finding lands on the statement's first token.
   */
  statementStart(byteOffset: number): number {
    const from = this.charIndexOfByte(byteOffset);
    const start = skipComments(this.sql, from);
    return byteOffset + Buffer.byteLength(this.sql.slice(from, start), 'utf8');
  }

  private cursor = { byte: 0, char: 0 };

  /** UTF-16 index of a byte offset at a character boundary; cheap when offsets come in increasing order. */
  private charIndexOfByte(byteOffset: number): number {
    if (byteOffset < this.cursor.byte) this.cursor = { byte: 0, char: 0 };
    const { byte, char } = this.cursor;
    const chars = char + this.bytes.subarray(byte, byteOffset).toString('utf8').length;
    this.cursor = { byte: byteOffset, char: chars };
    return chars;
  }

  /** Byte offset of the `index`-th code point (PostgreSQL's error positions count characters). */
  byteOffsetOfCodePoint(index: number): number {
    let bytes = 0;
    let seen = 0;
    for (const ch of this.sql) {
      if (seen >= index) break;
      bytes += Buffer.byteLength(ch, 'utf8');
      seen++;
    }
    return bytes;
  }
}
