/** One statement of a migration file, as the Supabase CLI stores it in `schema_migrations.statements`. */
export interface SqlStatement {
  /** The statement without its terminating `;`, trimmed; leading comments stay attached. */
  text: string;
  /** Offset of `text` in the file (UTF-16 code units). */
  offset: number;
  /** 1-based line of the statement's first character in the file. */
  line: number;
}

const IDENT_CHAR = /[A-Za-z0-9_$\u0080-\uffff]/;
const DOLLAR_TAG = /^\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)?\$/;

/**
 * Splits SQL into statements the way the Supabase CLI does: at each `;` outside string literals (`'…'`,
 * `E'…'` with backslash escapes), quoted identifiers, dollar quotes (`$$…$$`, `$tag$…$tag$`), line comments
 * and (nested) block comments. Each piece is trimmed; empty pieces are dropped; a trailing comment is kept
 * as its own statement, exactly like the CLI. Never throws: an unterminated quote runs to the end of input.
 */
export function splitStatements(sql: string): SqlStatement[] {
  const out: SqlStatement[] = [];
  let start = 0;
  let i = 0;
  const n = sql.length;
  const push = (end: number) => {
    const raw = sql.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) out.push({ text, offset: start + lead, line: lineAt(sql, start + lead) });
  };
  while (i < n) {
    const c = sql[i];
    const next = sql[i + 1];
    if (c === '-' && next === '-') {
      const eol = sql.indexOf('\n', i);
      i = eol === -1 ? n : eol + 1;
    } else if (c === '/' && next === '*') {
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (sql[i] === '/' && sql[i + 1] === '*') {
          depth++;
          i += 2;
        } else if (sql[i] === '*' && sql[i + 1] === '/') {
          depth--;
          i += 2;
        } else i++;
      }
    } else if (c === "'") {
      const prev = sql[i - 1];
      const escapes = (prev === 'E' || prev === 'e') && !IDENT_CHAR.test(sql[i - 2] ?? ' ');
      i = skipQuoted(sql, i + 1, "'", escapes);
    } else if (c === '"') {
      i = skipQuoted(sql, i + 1, '"', false);
    } else if (c === '$' && !IDENT_CHAR.test(sql[i - 1] ?? ' ')) {
      const tag = DOLLAR_TAG.exec(sql.slice(i, i + 256));
      if (tag) {
        const close = sql.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
      } else i++;
    } else if (c === ';') {
      push(i);
      i++;
      start = i;
    } else i++;
  }
  push(n);
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
