import { describe, expect, it } from 'vitest';
import { lineAt, lineOfPosition, splitStatements } from '../../../../lib/supabase/migrations/statements.js';

const texts = (sql: string) => splitStatements(sql).map((s) => s.text);

describe('splitStatements', () => {
  // Expected values are what `supabase db push` (CLI 3.1.0) stored in schema_migrations.statements for the same input.
  it('keeps leading comments and drops the terminators', () => {
    expect(
      texts(
        "-- a comment\ncreate table t1 (id int primary key, note text default 'a;b');\n\ninsert into t1 values (1, 'x''y;');\n",
      ),
    ).toEqual([
      "-- a comment\ncreate table t1 (id int primary key, note text default 'a;b')",
      "insert into t1 values (1, 'x''y;')",
    ]);
  });

  it('gives each statement its head: the text after leading (nested) comments, empty for a comment-only piece', () => {
    const heads = splitStatements(
      "-- a\n/* x /* y */ */ commit;\n/* only /* nested */ */;\nselect '/* not a comment';",
    ).map((s) => s.head);
    expect(heads).toEqual(['commit', '', "select '/* not a comment'"]);
  });

  it('does not split inside dollar quotes, block comments or quoted identifiers', () => {
    expect(texts('create function f() returns int language plpgsql as $$ begin return 1; end $$;')).toEqual([
      'create function f() returns int language plpgsql as $$ begin return 1; end $$',
    ]);
    expect(texts('alter table t1 add column c int; /* block ; comment */ select 1;')).toEqual([
      'alter table t1 add column c int',
      '/* block ; comment */ select 1',
    ]);
    expect(texts('create function g() returns int language sql as $body$ select 1; $body$;')).toHaveLength(1);
    expect(texts('select "a;b" from (select 1 as "a;b") x;')).toEqual(['select "a;b" from (select 1 as "a;b") x']);
    expect(texts('/* outer /* inner ; */ still ; comment */ select 1;')).toHaveLength(1);
  });

  it('honours backslash escapes only in E strings', () => {
    expect(texts("select E'a\\';b';")).toEqual(["select E'a\\';b'"]);
    expect(texts("select 'a\\'; select 2;")).toEqual(["select 'a\\'", 'select 2']);
  });

  it('treats $1 and identifiers containing $ as plain text', () => {
    expect(texts('prepare p as select $1; select a$b$ from t;')).toEqual([
      'prepare p as select $1',
      'select a$b$ from t',
    ]);
  });

  it('keeps a trailing comment as its own statement and a statement without terminator', () => {
    expect(texts('select 1;\n-- trailing comment\n')).toEqual(['select 1', '-- trailing comment']);
    expect(texts('select 2;  select 3\n\n')).toEqual(['select 2', 'select 3']);
    expect(texts('select 4 -- c;d\n;')).toEqual(['select 4 -- c;d']);
    expect(texts('  \n ;; \n')).toEqual([]);
  });

  it('records the offset and line of each statement', () => {
    const [a, b] = splitStatements('select 1;\n\n  select\n  2;');
    expect(a).toMatchObject({ offset: 0, line: 1 });
    expect(b).toMatchObject({ offset: 13, line: 3, text: 'select\n  2' });
  });
});

describe('line mapping', () => {
  it('maps a PostgreSQL error position to a file line', () => {
    const sql = 'select 1;\n\ncreate table x (\n  id int,\n  bad nosuchtype\n);';
    const stmt = splitStatements(sql)[1]!;
    const position = stmt.text.indexOf('nosuchtype') + 1;
    expect(lineOfPosition(stmt, position)).toBe(5);
    expect(lineOfPosition(stmt, undefined)).toBe(3);
    expect(lineAt('a\nb\nc', 4)).toBe(3);
  });
});
