/**
 * A migration file as PostgreSQL reads it: statement boundaries and transaction-control statements, from the
 * engine's scanner (statements.ts), which reads SQL the way PostgreSQL's lexer does. A property test proves it
 * against PostgreSQL 15's own parser (libpg-query) on generated SQL and on every `.sql` file in the repository.
 * The parser itself is not on the apply path: loading its WASM and parsing cost ~0.3 s of CPU per 500-file run
 * (measured with bench/migrate), against ~0.06 s for the scanner; the server-side history guard
 * (RECORD_APPLIED_SQL) backs the scanner up at run time.
 */
import { blankComments, splitStatements } from './statements.js';

/** One statement of a file, as offsets into the file text (UTF-16 code units). */
export interface StatementRange {
  /** Offset just after the previous statement's `;` (leading whitespace and comments included). */
  start: number;
  /** Offset of the statement's first token (after leading whitespace and comments). */
  code: number;
  /** Offset of the terminating `;`, or the end of the text. */
  end: number;
  /** The statement's text without leading comments: `sql.slice(code, end)`. */
  text: string;
  /** TransactionStmt kind (TRANS_STMT_BEGIN, …) when the statement is one. */
  transactionKind?: string;
}

/** Transaction-control statements a transactional file may not contain (SAVEPOINT, RELEASE, ROLLBACK TO may stay). */
const REFUSED_KINDS = new Set([
  'TRANS_STMT_BEGIN',
  'TRANS_STMT_START',
  'TRANS_STMT_COMMIT',
  'TRANS_STMT_ROLLBACK',
  'TRANS_STMT_PREPARE',
  'TRANS_STMT_COMMIT_PREPARED',
  'TRANS_STMT_ROLLBACK_PREPARED',
]);

/** A statement head's TransactionStmt kind (PostgreSQL's names: TRANS_STMT_BEGIN, …), or undefined. */
export function transactionKindOf(head: string): string | undefined {
  const words = head
    .toLowerCase()
    .split(/[ \t\n\r\f\v]+|(?=;)/)
    .filter(Boolean);
  const [first, second, third] = words;
  switch (first) {
    case 'begin':
      return 'TRANS_STMT_BEGIN';
    case 'start':
      return second === 'transaction' ? 'TRANS_STMT_START' : undefined;
    case 'commit':
      return second === 'prepared' ? 'TRANS_STMT_COMMIT_PREPARED' : 'TRANS_STMT_COMMIT';
    case 'end':
      return 'TRANS_STMT_COMMIT';
    case 'abort':
      return 'TRANS_STMT_ROLLBACK';
    case 'rollback':
      if (second === 'prepared') return 'TRANS_STMT_ROLLBACK_PREPARED';
      if (second === 'to' || (second === 'work' && third === 'to') || (second === 'transaction' && third === 'to'))
        return 'TRANS_STMT_ROLLBACK_TO';
      return 'TRANS_STMT_ROLLBACK';
    case 'prepare':
      return second === 'transaction' ? 'TRANS_STMT_PREPARE' : undefined;
    case 'savepoint':
      return 'TRANS_STMT_SAVEPOINT';
    case 'release':
      return 'TRANS_STMT_RELEASE';
    default:
      return undefined;
  }
}

/** Whether a TransactionStmt kind ends or starts a transaction (so a transactional file must not run it). */
export function isRefusedTransactionKind(kind: string | undefined): boolean {
  return kind !== undefined && REFUSED_KINDS.has(kind);
}

/** The file's statements (code-bearing pieces only; comment-only pieces are not statements) as ranges. */
export function scannerStatements(sql: string): StatementRange[] {
  const out: StatementRange[] = [];
  for (const s of splitStatements(sql)) {
    if (s.head === '') continue;
    const code = s.offset + (s.text.length - s.head.length);
    const end = s.offset + s.text.length;
    const kind = transactionKindOf(s.head);
    out.push({ start: s.offset, code, end, text: sql.slice(code, end), ...(kind ? { transactionKind: kind } : {}) });
  }
  return out;
}

/** Words that begin every transaction-control statement: a file without any of them cannot contain one. */
const TRANSACTION_WORDS = /\b(?:begin|start|commit|end|rollback|abort|prepare)\b/i;

/**
 * The first statement that would end or start a transaction inside Shipline's `BEGIN … COMMIT`, as PostgreSQL
 * reads the file, or undefined. Files that do not contain any transaction keyword at all are not scanned.
 */
export function findTransactionControl(sql: string): StatementRange | undefined {
  if (!TRANSACTION_WORDS.test(sql)) return undefined;
  return scannerStatements(sql).find((s) => isRefusedTransactionKind(s.transactionKind));
}

/**
 * Offset of the first place outside comments where the file sets standard_conforming_strings to anything but on
 * (SET, SET LOCAL, set_config, ALTER … SET), or undefined. Shipline and the server read every file with it on.
 */
export function findStringModeChange(sql: string): number | undefined {
  if (!/standard_conforming_strings/i.test(sql)) return undefined;
  const code = blankComments(sql);
  const pattern = /standard_conforming_strings/gi;
  for (let m = pattern.exec(code); m; m = pattern.exec(code)) {
    const after = code.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const before = code.slice(Math.max(0, m.index - 12), m.index);
    if (/(?:show|reset)\s+$/i.test(before)) continue;
    if (/^\s*(?:=|to)\s*'?(?:on|true|yes|1)'?(?![\w$])/i.test(after)) continue;
    if (/^'\s*,\s*'(?:on|true|yes|1)'/i.test(after)) continue;
    if (/^'\s*,\s*true\s*\)/i.test(after) || /^'\s*\)/.test(after)) continue; // current_setting('…'[, true])
    return m.index;
  }
  return undefined;
}
