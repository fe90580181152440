/** One statement of a migration file, as the Supabase CLI stores it in `schema_migrations.statements`. */
export interface SqlStatement {
  /** The statement without its terminating `;`, trimmed; leading comments stay attached. */
  text: string;
  /** `text` without its leading comments and whitespace; '' for a piece that is only comments. */
  head: string;
  /** Offset of `text` in the file (UTF-16 code units). */
  offset: number;
  /** 1-based line of the statement's first character in the file. */
  line: number;
}

/** PostgreSQL's identifier characters (scan.l `ident_start` / `ident_cont`): every non-ASCII character counts. */
function isIdentStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 0x80;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isIdentCont(c: number): boolean {
  return isIdentStart(c) || isDigit(c) || c === 36;
}
/** scan.l `dolqdelim`: `$$` or `$tag$`, a tag of any length. */
const DOLLAR_TAG = /\$(?:[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/y;
/** PostgreSQL's whitespace (scan.l `space`); a no-break space is an identifier character there, not whitespace. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Whether a comment (`--` or `/*`) starts at `i`. */
function commentAt(sql: string, i: number): boolean {
  const c = sql[i];
  const next = sql[i + 1];
  return (c === '-' && next === '-') || (c === '/' && next === '*');
}

/**
 * Index just past the lexical unit at `i`, read the way PostgreSQL's scanner (scan.l, standard_conforming_strings
 * on) reads it: a `--` comment (up to, not including, the next CR or LF), a nested block comment, an identifier
 * or keyword, a number, a quoted run (`'…'`, `E'…'`, `"…"`, `$tag$…$tag$` with a tag of any length) or else one
 * character. Unterminated comments and quotes run to the end of the text. This is the one SQL lexer of the
 * migration engine; a property test compares it with libpg-query.
 */
function tokenEnd(sql: string, i: number): number {
  const n = sql.length;
  const c = sql[i] as string;
  const next = sql[i + 1];
  if (c === '-' && next === '-') {
    for (let j = i + 2; j < n; j++) {
      const d = sql.charCodeAt(j);
      if (d === 10 || d === 13) return j;
    }
    return n;
  }
  if (c === '/' && next === '*') {
    let depth = 1;
    let j = i + 2;
    while (j < n && depth > 0) {
      if (sql[j] === '/' && sql[j + 1] === '*') {
        depth++;
        j += 2;
      } else if (sql[j] === '*' && sql[j + 1] === '/') {
        depth--;
        j += 2;
      } else j++;
    }
    return j;
  }
  if (c === "'") return skipQuoted(sql, i + 1, "'", false);
  if (c === '"') return skipQuoted(sql, i + 1, '"', false);
  if (isIdentStart(sql.charCodeAt(i))) {
    // E'…' is an escape string only when the identifier is the single letter E (`xe'…'` is `xe` then '…').
    if ((c === 'E' || c === 'e') && next === "'") return skipQuoted(sql, i + 2, "'", true);
    let j = i + 1;
    while (j < n && isIdentCont(sql.charCodeAt(j))) j++;
    return j;
  }
  if (c >= '0' && c <= '9') {
    let j = i + 1;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
    return j;
  }
  if (c === '$') {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(sql);
    if (tag) {
      const close = sql.indexOf(tag[0], i + tag[0].length);
      return close === -1 ? n : close + tag[0].length;
    }
    // `$1` (a parameter) and a lone `$`.
    let j = i + 1;
    while (j < n && isDigit(sql.charCodeAt(j))) j++;
    return j;
  }
  return i + 1;
}

/**
 * Splits SQL into statements the way the Supabase CLI does: at each `;` outside string literals (`'…'`,
 * `E'…'` with backslash escapes), quoted identifiers, dollar quotes (`$$…$$`, `$tag$…$tag$`), line comments
 * and (nested) block comments. Each piece is trimmed; empty pieces are dropped; a trailing comment is kept
 * as its own statement, exactly like the CLI. Never throws: an unterminated quote runs to the end of input.
 */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  /** Index of the piece's first character outside comments and whitespace; -1 while there is none. */
  let code = -1;
  // Lines are counted incrementally: statements come in order.
  let lineOffset = 0;
  let line = 1;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const head = code === -1 ? '' : sql.slice(code, end).trim();
    if (!text) return;
    const offset = start + lead;
    for (let k = lineOffset; k < offset; k++) if (sql.charCodeAt(k) === 10) line++;
    lineOffset = offset;
    out.push({ text, head, offset, line });
  };
  let i = 0;
  while (i < sql.length) {
    const end = tokenEnd(sql, i);
    if (sql[i] === ';') {
      push(i);
      start = i + 1;
      code = -1;
    } else if (code === -1 && !commentAt(sql, i) && !isSpace(sql.charCodeAt(i))) code = i;
    i = end;
  }
  push(sql.length);
  return out;
}

/** Index of the first character at or after `from` that is neither whitespace nor inside a comment. */
export function skipComments(sql: string, from = 0): number {
  let i = from;
  while (i < sql.length) {
    if (!commentAt(sql, i) && !isSpace(sql.charCodeAt(i))) return i;
    i = tokenEnd(sql, i);
  }
  return sql.length;
}

/**
 * The SQL with `--` and (nested) block comments replaced by spaces, keeping every offset and newline; text
 * inside string literals, quoted identifiers and dollar quotes is kept as is (`'--'` is not a comment).
 */
export function blankComments(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const end = tokenEnd(sql, i);
    const piece = sql.slice(i, end);
    out += commentAt(sql, i) ? piece.replace(/[^\n]/g, ' ') : piece;
    i = end;
  }
  return out;
}

/** Index just past the closing quote; a doubled quote is a literal quote; backslash escapes when `escapes`. */
function skipQuoted(sql: string, from: number, quote: string, escapes: boolean): number {
  let i = from;
  while (i < sql.length) {
    const c = sql[i];
    if (escapes && c === '\\') {
      i += 2;
    } else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length;
}

/** 1-based line number of `offset` in `text`. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * Maps PostgreSQL's error `position` (1-based, in characters, relative to the statement sent) to a 1-based
 * line in the file the statement came from.
 */
export function lineOfPosition(statement: SqlStatement, position: number | undefined): number {
  if (!position || position < 1) return statement.line;
  const chars = Array.from(statement.text)
    .slice(0, position - 1)
    .join('');
  return statement.line + lineAt(chars, chars.length) - 1;
}
