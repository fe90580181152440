import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMigration } from '../../../../lib/supabase/migrations/lint.js';
import { RULES, type RuleName } from '../../../../lib/supabase/migrations/lint-rules.js';
import { repoRoot } from '../../../support/runner.js';

/** Findings of one rule for a file whose lock_timeout is set (so missing-lock-timeout stays out of the way). */
async function hits(rule: RuleName, sql: string) {
  const findings = await lintMigration({ file: 'supabase/migrations/20240101000000_x.sql', sql });
  return findings.filter((f) => f.rule === rule);
}

const SAFE = "set lock_timeout = '5s';\n";

interface Case {
  rule: RuleName;
  /** What the rule's fix must say (its rule-specific remedy). */
  fix: RegExp;
  severity: 'error' | 'warning';
  positive: string[];
  negative: string[];
}

const cases: Case[] = [
  {
    rule: 'drop-table',
    fix: /then drop it/,
    severity: 'error',
    positive: ['drop table orders;', 'drop table if exists public.orders cascade;', 'drop table a, b;'],
    negative: [
      'create table scratch (id int);\ndrop table scratch;',
      'drop view orders_view;',
      'drop index orders_idx;',
      'drop function f();',
    ],
  },
  {
    rule: 'drop-column',
    fix: /then drop the column/,
    severity: 'error',
    positive: ['alter table orders drop column note;', 'alter table public.orders drop column if exists note cascade;'],
    negative: [
      'alter table orders add column note text;',
      'alter table orders drop constraint orders_note_check;',
      'create table t (id int, note text);\nalter table t drop column note;',
    ],
  },
  {
    rule: 'rename-table',
    fix: /create \w+ \(or a view named/,
    severity: 'error',
    positive: ['alter table orders rename to purchases;', 'alter table if exists app.orders rename to purchases;'],
    negative: [
      'create table draft (id int);\nalter table draft rename to final;',
      'alter table orders rename column a to b;',
      'alter index orders_idx rename to orders_idx2;',
    ],
  },
  {
    rule: 'rename-column',
    fix: /as a new column, write both/,
    severity: 'error',
    positive: ['alter table orders rename column total to amount;', 'alter table orders rename total to amount;'],
    negative: [
      'alter table orders rename to purchases;',
      'create table t (a int);\nalter table t rename column a to b;',
      'alter table orders rename constraint c1 to c2;',
    ],
  },
  {
    rule: 'add-not-null-column-without-default',
    fix: /as nullable/,
    severity: 'warning',
    positive: [
      'alter table orders add column status text not null;',
      'alter table orders add column code int primary key;',
      'alter table orders add column a int, add column b uuid not null;',
    ],
    negative: [
      "alter table orders add column status text not null default 'new';",
      'alter table orders add column status text;',
      'alter table orders add column id bigint generated always as identity not null;',
      'alter table orders add column seq bigserial not null;',
      'alter table orders add column total numeric generated always as (price * qty) stored not null;',
      'create table t (id int);\nalter table t add column status text not null;',
    ],
  },
  {
    rule: 'set-not-null',
    fix: /IS NOT NULL\) NOT VALID/,
    severity: 'warning',
    positive: ['alter table orders alter column status set not null;'],
    negative: [
      'alter table orders alter column status drop not null;',
      'create table t (status text);\nalter table t alter column status set not null;',
    ],
  },
  {
    rule: 'change-column-type',
    fix: /new column with the new type/,
    severity: 'warning',
    positive: [
      'alter table orders alter column total type numeric(12,2);',
      'alter table orders alter column id set data type bigint using id::bigint;',
    ],
    negative: [
      'alter table orders alter column total set default 0;',
      'create table t (total int);\nalter table t alter column total type bigint;',
    ],
  },
  {
    rule: 'index-without-concurrently',
    fix: /concurrently/,
    severity: 'warning',
    positive: [
      'create index orders_user_idx on orders (user_id);',
      'create unique index on public.orders (email);',
      'alter table orders add constraint orders_email_key unique (email);',
      'alter table orders add primary key (id);',
    ],
    negative: [
      'create index concurrently orders_user_idx on orders (user_id);',
      'create table t (id int, user_id int);\ncreate index t_user_idx on t (user_id);',
      'alter table orders add constraint orders_email_key unique using index orders_email_idx;',
    ],
  },
  {
    rule: 'constraint-without-not-valid',
    fix: /validate constraint/,
    severity: 'warning',
    positive: [
      'alter table orders add constraint orders_user_fk foreign key (user_id) references users (id);',
      'alter table orders add constraint orders_total_check check (total >= 0);',
    ],
    negative: [
      'alter table orders add constraint orders_user_fk foreign key (user_id) references users (id) not valid;',
      'alter table orders add constraint orders_total_check check (total >= 0) not valid;',
      'alter table orders validate constraint orders_total_check;',
      'create table t (id int, user_id int);\nalter table t add constraint t_fk foreign key (user_id) references t (id);',
    ],
  },
];

describe.each(cases)('$rule', ({ rule, fix, severity, positive, negative }) => {
  it.each(positive)('flags %s', async (sql) => {
    const found = await hits(rule, SAFE + sql);
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]?.severity).toBe(severity);
    expect(found[0]?.fix).toMatch(fix);
  });
  it.each(negative)('accepts %s', async (sql) => {
    expect(await hits(rule, SAFE + sql)).toEqual([]);
  });
});

describe('drop-table', () => {
  it('reports each existing table of a multi-table drop, with its name', async () => {
    const found = await hits('drop-table', 'create table scratch (id int);\ndrop table scratch, app.orders;');
    expect(found.map((f) => f.message)).toEqual([expect.stringContaining('app.orders')]);
  });
});

describe('add-not-null-column-without-default', () => {
  it('points at the column definition, not the statement start', async () => {
    const [finding] = await hits(
      'add-not-null-column-without-default',
      'alter table orders\n  add column a int,\n  add column b uuid not null;',
    );
    expect(finding).toMatchObject({ line: 3, column: 14 });
  });
});

describe('index-without-concurrently', () => {
  it('says the lock lasts until commit only in a transactional file', async () => {
    const sql = "set lock_timeout = '5s';\ncreate index orders_idx on orders (user_id);";
    const [inTx] = await hits('index-without-concurrently', sql);
    expect(inTx?.message).toContain('until the whole file commits');
    const [outside] = await hits('index-without-concurrently', `-- shipline:no-transaction\n${sql}`);
    expect(outside?.message).not.toContain('until the whole file commits');
    expect(outside?.line).toBe(3);
  });
});

describe('missing-lock-timeout', () => {
  const rule: RuleName = 'missing-lock-timeout';

  it.each([
    'alter table orders add column note text;',
    'create index orders_idx on orders (user_id);',
    'create policy "own rows" on orders for select using (auth.uid() = user_id);',
    'alter table orders enable row level security;',
    'create trigger t before update on orders for each row execute function touch();',
    'create table items (id int, order_id int references orders (id));',
    'drop table orders;',
    'truncate orders;',
  ])('flags %s with no lock_timeout', async (sql) => {
    const found = await hits(rule, sql);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: 1 });
  });

  it.each([
    "set lock_timeout = '5s';\nalter table orders add column note text;",
    'set local lock_timeout to 3000;\nalter table orders add column note text;',
    "select set_config('lock_timeout', '4s', false);\nalter table orders add column note text;",
    'create table t (id int);\ncreate index t_idx on t (id);\nalter table t enable row level security;',
    'create index concurrently orders_idx on orders (user_id);',
    'alter table orders validate constraint orders_total_check;',
    'create function f() returns int language sql as $$ select 1 $$;\ncomment on table orders is $$Orders$$;',
    'insert into orders (id) values (1);',
  ])('accepts %s', async (sql) => {
    expect(await hits(rule, sql)).toEqual([]);
  });

  it('reports once per file, at the first risky statement', async () => {
    const found = await hits(
      rule,
      'create table t (id int);\n\nalter table orders add column a int;\nalter table orders add column b int;',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.line).toBe(3);
  });

  it('counts a lock_timeout set only after the DDL as missing', async () => {
    const found = await hits(rule, "alter table orders add column a int;\nset lock_timeout = '5s';");
    expect(found).toHaveLength(1);
  });

  it.each([
    'set lock_timeout = 0;\nalter table orders add column a int;',
    "set lock_timeout = '0';\nalter table orders add column a int;",
    "set lock_timeout = '5s';\nreset lock_timeout;\nalter table orders add column a int;",
    "set lock_timeout = '5s';\nset lock_timeout to default;\nalter table orders add column a int;",
    "set lock_timeout = '5s';\nreset all;\nalter table orders add column a int;",
  ])('treats a zero, reset or default lock_timeout as missing: %s', async (sql) => {
    expect(await hits(rule, sql)).toHaveLength(1);
  });
});

describe('README and code agree on every rule and its severity (issue 7 §6)', () => {
  it('lists each rule once with the severity its category gives outside a contract step', () => {
    const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
    const documented = new Map<string, string>();
    for (const [, names = '', severity = ''] of readme.matchAll(
      /^\s*\| (`[a-z-]+`(?:, `[a-z-]+`)*) \| (error|warning) \|/gm,
    )) {
      for (const name of names.matchAll(/`([a-z-]+)`/g)) documented.set(name[1] ?? '', severity);
    }
    const inCode = new Map(RULES.map((rule) => [rule.name, rule.category === 'destructive' ? 'error' : 'warning']));
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(inCode));
  });
});
