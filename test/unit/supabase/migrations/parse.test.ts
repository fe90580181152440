import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { loadModule, parseSync } from 'libpg-query';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findStringModeChange,
  findTransactionControl,
  type StatementRange,
  scannerStatements,
} from '../../../../lib/supabase/migrations/parse.js';
import { skipComments } from '../../../../lib/supabase/migrations/statements.js';

beforeAll(loadModule);

/** UTF-16 offset of a UTF-8 byte offset (libpg-query's locations count bytes). */
function charOffset(sql: string, byte: number): number {
  return Buffer.from(sql).subarray(0, byte).toString('utf8').length;
}

/** The oracle: statements as PostgreSQL 15's own parser (libpg-query) reads `sql`; throws when it rejects it. */
function parseWithPostgres(sql: string): StatementRange[] {
  const stmts: Array<{ stmt?: { TransactionStmt?: { kind?: string } }; stmt_location?: number; stmt_len?: number }> =
    sql.trim() === '' ? [] : (parseSync(sql).stmts ?? []);
  return stmts.map((s) => {
    const start = charOffset(sql, s.stmt_location ?? 0);
    const end = s.stmt_len ? charOffset(sql, (s.stmt_location ?? 0) + s.stmt_len) : sql.length;
    const code = skipComments(sql, start);
    const kind = s.stmt?.TransactionStmt?.kind;
    return { start, code, end, text: sql.slice(code, end), ...(kind ? { transactionKind: kind } : {}) };
  });
}

/** Statement code and kind as PostgreSQL's parser (libpg-query) sees them: trailing whitespace trimmed. */
function byPostgres(sql: string): Array<[string, string | undefined]> {
  return parseWithPostgres(sql).map((s) => [s.text.replace(/[ \t\n\r\f\v]+$/, ''), s.transactionKind]);
}

/** The same, as the engine's own scanner (the fallback) reads it. */
function byScanner(sql: string): Array<[string, string | undefined]> {
  return scannerStatements(sql).map((s) => [s.text.replace(/[ \t\n\r\f\v]+$/, ''), s.transactionKind]);
}

const lineEnd = fc.constantFrom('\n', '\r', '\r\n');
const tagName = fc.oneof(
  fc.constant(''),
  fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/),
  // Longer than any fixed window a scanner might look ahead in.
  fc.integer({ min: 200, max: 400 }).map((n) => `t${'x'.repeat(n)}`),
);
/** Text that is hostile to a scanner: separators, quotes and comment markers. */
const noise = fc
  .array(fc.constantFrom(';', "'", '"', '$', '$$', '--', '/*', '*/', '\\', 'commit', ' ', '\n', '\r', 'x', 'é'), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

const lineComment = fc.tuple(noise, lineEnd).map(([text, end]) => `--${text.replace(/[\r\n]/g, ' ')}${end}`);
const blockComment = fc.tuple(noise, noise).map(([a, b]) => {
  const inner = (t: string) => t.replace(/\*\//g, '* /').replace(/\/\*/g, '/ *');
  return `/* ${inner(a)} /* ${inner(b)} */ ; */`;
});
const space = fc.constantFrom(' ', '\n', '\r', '\r\n', '\t', '  \r\n ');
const filler = fc
  .array(fc.oneof({ weight: 3, arbitrary: space }, lineComment, blockComment), { minLength: 1, maxLength: 3 })
  .map((parts) => ` ${parts.join('')} `);

const standardString = noise.map((t) => `'${t.replace(/'/g, "''")}'`);
const escapeString = noise.map((t) => `E'${t.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
const dollarString = fc.tuple(tagName, noise).map(([tag, body]) => {
  const delimiter = `$${tag}$`;
  const safe = body.includes(delimiter) || body.endsWith('$') ? `${body.replaceAll('$', '')}` : body;
  return `${delimiter}${safe}${delimiter}`;
});
const quotedIdent = noise.map((t) => `"${t.replace(/"/g, '""') || 'x'}"`);
const literal = fc.oneof(
  standardString,
  escapeString,
  dollarString,
  quotedIdent,
  fc.constantFrom(
    '1',
    '2.5',
    '1e3',
    "U&'d\\0061t'",
    "U&'d!0061t' UESCAPE '!'",
    "X'1F'",
    "B'101'",
    "N'n;'",
    '$1',
    'a$b',
    'é$',
    '1 */ 2',
    '3 +/* c; */ 4',
    '5 +-- c;\n 6',
    "xe'x'",
    "date '2020-01-01;'",
  ),
);

const selectStatement = fc
  .tuple(fc.array(fc.tuple(literal, filler), { minLength: 1, maxLength: 3 }), fc.option(quotedIdent), filler)
  .map(
    ([items, alias, f]) => `select${f}${items.map(([l, g]) => `${l}${g}`).join(',')}${alias ? ` as${f}${alias}` : ''}`,
  );
const transactionStatement = fc.constantFrom(
  'begin',
  'BEGIN WORK',
  'commit',
  'end',
  'rollback',
  'abort',
  'start transaction',
  'savepoint s1',
  'release s1',
  'rollback to s1',
  "prepare transaction 'x'",
  "commit prepared 'x'",
  'commit and chain',
);
const bodyStatement = fc
  .tuple(tagName, noise)
  .map(([tag, n]) => `do $${tag}$ begin perform '${n.replaceAll('$', '').replace(/'/g, "''")}'; commit; end $${tag}$`);
const identStatement = fc.constantFrom('select 1 as a$b$', 'select 1 as xe', 'create table t$1 (c$$ int)');
const statement = fc.oneof(
  { weight: 4, arbitrary: selectStatement },
  { weight: 2, arbitrary: transactionStatement },
  bodyStatement,
  identStatement,
);
const sqlFile = fc
  .tuple(
    fc.option(filler),
    fc.array(fc.tuple(statement, fc.constantFrom(';', ';;', ' ;'), filler), { minLength: 1, maxLength: 6 }),
    fc.boolean(),
  )
  .map(
    ([lead, parts, dropLast]) =>
      (lead ?? '') + parts.map(([s, sep, f], i) => `${s}${dropLast && i === parts.length - 1 ? '' : sep}${f}`).join(''),
  );

describe('the scanner agrees with PostgreSQL (libpg-query) — property test', () => {
  it('finds the same statements and the same transaction-control statements', () => {
    fc.assert(
      fc.property(sqlFile, (sql) => {
        expect(byScanner(sql)).toEqual(byPostgres(sql));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('the three ways the old scanner read SQL differently from PostgreSQL', () => {
  it('ends a -- comment at a lone CR, so the COMMIT on the next line is seen', () => {
    const sql = 'create table a (id int); -- note\rcommit;\ncreate table b (id int);';
    expect(findTransactionControl(sql)?.text).toBe('commit');
    expect(scannerStatements(sql).map((s) => s.transactionKind)).toEqual([undefined, 'TRANS_STMT_COMMIT', undefined]);
  });

  it('reads a dollar quote with a tag longer than 255 characters as one string', () => {
    const tag = `$t${'x'.repeat(300)}$`;
    const sql = `select ${tag} ; commit; ${tag};\ncommit;`;
    expect(byScanner(sql)).toEqual(byPostgres(sql));
    expect(findTransactionControl(sql)?.code).toBe(sql.lastIndexOf('commit'));
  });

  it('refuses a file that turns standard_conforming_strings off (strings would scan differently)', () => {
    expect(findStringModeChange("set standard_conforming_strings = off;\nselect 'a\\';")).toBe(4);
    expect(findStringModeChange("select set_config('standard_conforming_strings', 'off', false);")).toBe(19);
    expect(findStringModeChange('SET standard_conforming_strings TO on; show standard_conforming_strings;')).toBe(
      undefined,
    );
    expect(findStringModeChange('-- set standard_conforming_strings = off\nselect 1;')).toBe(undefined);
  });
});

describe('scannerStatements', () => {
  it('gives character offsets for text with multi-byte characters, as the parser does', () => {
    const sql = "select 'é😀';\n  -- c\n  commit;";
    const [, second] = scannerStatements(sql);
    expect(second).toMatchObject({ text: 'commit', code: sql.indexOf('commit'), transactionKind: 'TRANS_STMT_COMMIT' });
    expect(scannerStatements(sql)).toEqual(parseWithPostgres(sql).map((s) => ({ ...s, start: expect.any(Number) })));
  });

  it('still finds statements and transaction control in a file the parser rejects (newer syntax, typos)', () => {
    const sql = 'select 1;\nselect from where;\ncommit;';
    expect(() => parseSync(sql)).toThrow(/syntax error/);
    expect(scannerStatements(sql).map((s) => s.transactionKind)).toEqual([undefined, undefined, 'TRANS_STMT_COMMIT']);
  });

  it('allows savepoints inside a transactional file', () => {
    expect(findTransactionControl('savepoint a; select 1; rollback to savepoint a; release a;')).toBeUndefined();
  });
});

describe('every .sql file in the repository', () => {
  it('is split the same way by the scanner and by PostgreSQL', () => {
    const root = resolve(import.meta.dirname, '..', '..', '..', '..');
    const files = execFileSync('git', ['ls-files', '*.sql', '**/*.sql'], { cwd: root, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(4);
    let compared = 0;
    for (const file of new Set(files)) {
      const sql = readFileSync(join(root, file), 'utf8');
      try {
        parseSync(sql);
      } catch {
        continue; // not PostgreSQL 15 syntax (a deliberately broken fixture): nothing to compare with
      }
      expect({ file, statements: byScanner(sql) }).toEqual({ file, statements: byPostgres(sql) });
      compared++;
    }
    expect(compared).toBeGreaterThan(4);
  });
});
