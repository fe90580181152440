import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Random } from './random.js';

/** One generated migration file. */
export interface GeneratedMigration {
  version: string;
  name: string;
  fileName: string;
  sql: string;
}

export interface GenerateOptions {
  /** Number of files. Default 500. */
  count?: number;
  /** PRNG seed; the same seed gives byte-identical files. Default 20240101. */
  seed?: number;
}

interface Column {
  name: string;
  type: string;
}

interface Table {
  name: string;
  columns: Column[];
  hasOwner: boolean;
  rls: boolean;
  /** Next free row number for generated titles (keeps `unique (owner_id, title)`-style data plausible). */
  nextRow: number;
}

const NOUNS = [
  'accounts',
  'projects',
  'tasks',
  'comments',
  'invoices',
  'payments',
  'products',
  'orders',
  'order_items',
  'teams',
  'memberships',
  'tags',
  'notes',
  'events',
  'subscriptions',
  'plans',
  'messages',
  'channels',
  'documents',
  'attachments',
  'reviews',
  'categories',
  'addresses',
  'shipments',
  'coupons',
  'audit_logs',
  'notifications',
  'webhooks',
  'api_keys',
  'settings',
] as const;

const WORDS = [
  'alpha',
  'bravo',
  'delta',
  'echo',
  'nova',
  'orbit',
  'pixel',
  'quartz',
  'river',
  'sierra',
  'tango',
  'zephyr',
];
const TEXTS = [
  "O'Brien & Sons",
  'Café déjà vu',
  '東京 office',
  'semi;colon; inside',
  'multi\nline',
  'emoji 🚀 launch',
  'plain text',
  'tab\tseparated',
  '50% off -- not a comment',
  '/* not a comment */',
];

const NEW_COLUMN_TYPES: Array<{ type: string; default?: string }> = [
  { type: 'text' },
  { type: 'integer', default: '0' },
  { type: 'boolean', default: 'false' },
  { type: 'timestamptz' },
  { type: 'jsonb', default: "'{}'::jsonb" },
  { type: 'numeric(12,2)' },
  { type: 'uuid' },
  { type: 'text[]', default: "'{}'" },
];

/** A SQL string literal (standard_conforming_strings on). */
function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** `YYYYMMDDHHMMSS` in UTC. */
function versionOf(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

/**
 * Generates a realistic, deterministic history of Supabase migrations: tables with constraints and foreign
 * keys, added columns, indexes, plpgsql functions and triggers (dollar-quoted, with `;` inside), row level
 * security and policies, seed inserts of a few hundred rows, views and comments.
 */
export function generateMigrations(options: GenerateOptions = {}): GeneratedMigration[] {
  const count = options.count ?? 500;
  const rnd = new Random(options.seed ?? 20240101);
  const tables: Table[] = [];
  const usedNames = new Map<string, number>();
  let indexCounter = 0;
  let time = Date.UTC(2024, 0, 1, 9, 0, 0);
  const out: GeneratedMigration[] = [];

  const uniqueName = (base: string) => {
    const n = (usedNames.get(base) ?? 0) + 1;
    usedNames.set(base, n);
    return n === 1 ? base : `${base}_${n}`;
  };

  const createTable = (): { name: string; sql: string } => {
    const name = uniqueName(rnd.pick(NOUNS));
    const parent = tables.length > 0 && rnd.chance(0.6) ? rnd.pick(tables) : undefined;
    const hasOwner = rnd.chance(0.7);
    const columns: Column[] = [
      { name: 'id', type: 'bigint' },
      { name: 'title', type: 'text' },
      { name: 'status', type: 'text' },
      { name: 'amount', type: 'numeric' },
      { name: 'metadata', type: 'jsonb' },
      { name: 'created_at', type: 'timestamptz' },
      { name: 'updated_at', type: 'timestamptz' },
    ];
    const lines = [
      '  id bigint generated always as identity primary key,',
      hasOwner ? '  owner_id uuid default auth.uid() references auth.users (id) on delete cascade,' : '',
      parent ? `  ${parent.name}_id bigint references public.${parent.name} (id) on delete set null,` : '',
      '  title text not null check (char_length(title) between 1 and 200),',
      "  status text not null default 'active' check (status in ('active', 'archived', 'deleted')),",
      '  amount numeric(12,2) not null default 0 check (amount >= 0),',
      "  metadata jsonb not null default '{}'::jsonb,",
      '  created_at timestamptz not null default now(),',
      '  updated_at timestamptz not null default now(),',
      `  constraint ${name}_title_key unique (title)`,
    ].filter(Boolean);
    if (hasOwner) columns.push({ name: 'owner_id', type: 'uuid' });
    if (parent) columns.push({ name: `${parent.name}_id`, type: 'bigint' });
    const table: Table = { name, columns, hasOwner, rls: false, nextRow: 1 };
    tables.push(table);
    const parts = [
      `-- ${name}: ${rnd.pick(WORDS)} ${rnd.pick(WORDS)} records${parent ? `, each optionally linked to one of ${parent.name}` : ''}.`,
      `create table public.${name} (\n${lines.join('\n')}\n);`,
    ];
    if (parent) parts.push(`create index ${name}_${parent.name}_id_idx on public.${name} (${parent.name}_id);`);
    if (hasOwner) parts.push(`create index ${name}_owner_id_idx on public.${name} (owner_id);`);
    parts.push(`comment on table public.${name} is ${literal(`${name} of the ${rnd.pick(WORDS)} module`)};`);
    if (rnd.chance(0.5)) parts.push(enableRls(table));
    return { name: `create_${name}`, sql: parts.join('\n\n') };
  };

  const enableRls = (table: Table): string => {
    table.rls = true;
    const t = `public.${table.name}`;
    const policies = [`alter table ${t} enable row level security;`];
    if (table.hasOwner) {
      policies.push(
        `create policy "Owners read their ${table.name}" on ${t}\n  for select to authenticated\n  using ((select auth.uid()) = owner_id);`,
        `create policy "Owners insert their ${table.name}" on ${t}\n  for insert to authenticated\n  with check ((select auth.uid()) = owner_id);`,
        `create policy "Owners update their ${table.name}" on ${t}\n  for update to authenticated\n  using ((select auth.uid()) = owner_id)\n  with check ((select auth.uid()) = owner_id);`,
        `create policy "Owners delete their ${table.name}" on ${t}\n  for delete to authenticated\n  using ((select auth.uid()) = owner_id);`,
      );
    } else {
      policies.push(
        `create policy "Anyone reads active ${table.name}" on ${t}\n  for select to anon, authenticated\n  using (status = 'active');`,
        `create policy "Service role manages ${table.name}" on ${t}\n  for all to service_role\n  using (true)\n  with check (true);`,
      );
    }
    return policies.join('\n\n');
  };

  const addColumn = (): { name: string; sql: string } => {
    const table = rnd.pick(tables);
    const n = rnd.int(1, 3);
    const stmts: string[] = [];
    const added: string[] = [];
    for (let i = 0; i < n; i++) {
      const spec = rnd.pick(NEW_COLUMN_TYPES);
      const col = uniqueName(`${rnd.pick(WORDS)}_${spec.type.replace(/[^a-z]/g, '')}`);
      added.push(col);
      table.columns.push({ name: col, type: spec.type });
      stmts.push(
        `alter table public.${table.name} add column if not exists ${col} ${spec.type}${spec.default ? ` default ${spec.default}` : ''};`,
      );
      if (!spec.default && spec.type === 'text' && rnd.chance(0.5)) {
        stmts.push(`update public.${table.name} set ${col} = upper(left(title, 3)) where ${col} is null;`);
      }
      if (rnd.chance(0.3)) {
        stmts.push(
          `comment on column public.${table.name}.${col} is ${literal(`Added for ${rnd.pick(WORDS)}; see ticket #${rnd.int(100, 9999)}`)};`,
        );
      }
    }
    return { name: `add_${added[0]}_to_${table.name}`, sql: stmts.join('\n') };
  };

  const createIndex = (): { name: string; sql: string } => {
    const table = rnd.pick(tables);
    const kind = rnd.pick(['plain', 'multi', 'partial', 'gin', 'expression'] as const);
    const idx = `${table.name}_${kind}_${++indexCounter}_idx`;
    const t = `public.${table.name}`;
    const sql = {
      plain: `create index if not exists ${idx} on ${t} (created_at desc);`,
      multi: `create index if not exists ${idx} on ${t} (status, created_at);`,
      partial: `create index if not exists ${idx} on ${t} (updated_at) where status = 'active';`,
      gin: `create index if not exists ${idx} on ${t} using gin (metadata jsonb_path_ops);`,
      expression: `create index if not exists ${idx} on ${t} (lower(title));`,
    }[kind];
    return { name: `index_${table.name}_${kind}`, sql: `-- Speeds up the ${rnd.pick(WORDS)} listing.\n${sql}` };
  };

  const createFunction = (): { name: string; sql: string } => {
    const table = rnd.pick(tables);
    const t = `public.${table.name}`;
    if (rnd.chance(0.5)) {
      const fn = uniqueName(`${table.name}_touch_updated_at`);
      return {
        name: `trigger_${fn}`,
        sql: [
          `create or replace function public.${fn}()\nreturns trigger\nlanguage plpgsql\nas $$\nbegin\n  -- keep updated_at honest; clients may not send it\n  new.updated_at := now();\n  return new;\nend;\n$$;`,
          `create trigger ${fn} before update on ${t}\n  for each row execute function public.${fn}();`,
        ].join('\n\n'),
      };
    }
    const fn = uniqueName(`${table.name}_${rnd.pick(['archive', 'summarize', 'validate', 'recount'])}`);
    const body = [
      `create or replace function public.${fn}(p_limit integer default 100)`,
      'returns integer',
      'language plpgsql',
      'security definer',
      "set search_path = ''",
      'as $fn$',
      'declare',
      '  v_count integer := 0;',
      '  v_row record;',
      'begin',
      `  for v_row in select id, title from ${t} where status = 'active' order by id limit p_limit loop`,
      '    v_count := v_count + 1;',
      "    if v_row.title like '%;%' then",
      "      raise notice 'title with a semicolon; id %', v_row.id;",
      '    end if;',
      '  end loop;',
      `  update ${t} set updated_at = now() where status = 'archived' and updated_at < now() - interval '30 days';`,
      '  return v_count;',
      'end;',
      '$fn$;',
    ].join('\n');
    return {
      name: `function_${fn}`,
      sql: `${body}\n\nrevoke execute on function public.${fn}(integer) from anon;\ngrant execute on function public.${fn}(integer) to authenticated;`,
    };
  };

  const rlsPolicies = (): { name: string; sql: string } => {
    const candidates = tables.filter((t) => !t.rls);
    if (candidates.length === 0) return createTable();
    const table = rnd.pick(candidates);
    return { name: `rls_${table.name}`, sql: enableRls(table) };
  };

  const insertRows = (): { name: string; sql: string } => {
    const table = rnd.pick(tables);
    const rows = rnd.int(200, 400);
    const values: string[] = [];
    for (let i = 0; i < rows; i++) {
      const n = table.nextRow++;
      const title = `${rnd.pick(WORDS)} ${rnd.pick(TEXTS)} #${n}`;
      const status = rnd.pick(['active', 'active', 'active', 'archived']);
      const amount = (rnd.int(0, 1_000_000) / 100).toFixed(2);
      const meta = JSON.stringify({ source: rnd.pick(WORDS), rank: rnd.int(1, 100), flags: [rnd.pick(WORDS)] });
      values.push(`  (${literal(title)}, '${status}', ${amount}, ${literal(meta)}::jsonb)`);
    }
    return {
      name: `seed_${table.name}`,
      sql: `-- Seed data for ${table.name}.\ninsert into public.${table.name} (title, status, amount, metadata) values\n${values.join(',\n')};`,
    };
  };

  const createView = (): { name: string; sql: string } => {
    const table = rnd.pick(tables);
    const view = uniqueName(`${table.name}_summary`);
    return {
      name: `view_${view}`,
      sql: [
        `create or replace view public.${view}\nwith (security_invoker = on) as\nselect status,\n       count(*) as total,\n       sum(amount) as amount,\n       max(updated_at) as last_change\nfrom public.${table.name}\ngroup by status;`,
        `comment on view public.${view} is ${literal(`Totals of ${table.name} per status`)};`,
        `grant select on public.${view} to authenticated;`,
      ].join('\n\n'),
    };
  };

  const comments = (): { name: string; sql: string } => {
    const table = rnd.pick(tables);
    const stmts = table.columns
      .filter(() => rnd.chance(0.5))
      .map(
        (c) =>
          `comment on column public.${table.name}.${c.name} is ${literal(`${c.type} ${rnd.pick(WORDS)}: ${rnd.pick(TEXTS)}`)};`,
      );
    stmts.push(`comment on table public.${table.name} is ${literal(`${table.name} (${rnd.pick(WORDS)})`)};`);
    return { name: `comment_${table.name}`, sql: stmts.join('\n') };
  };

  const kinds = {
    table: createTable,
    column: addColumn,
    index: createIndex,
    fn: createFunction,
    rls: rlsPolicies,
    insert: insertRows,
    view: createView,
    comment: comments,
  };
  const weights = { table: 18, column: 16, index: 12, fn: 13, rls: 9, insert: 12, view: 10, comment: 10 };

  for (let i = 0; i < count; i++) {
    time += rnd.int(20, 60 * 24) * 60_000 + rnd.int(0, 59) * 1000;
    const kind = tables.length < 3 ? 'table' : rnd.weighted(weights);
    const { name, sql } = kinds[kind]();
    const version = versionOf(time);
    out.push({ version, name, fileName: `${version}_${name}.sql`, sql: `${sql}\n` });
  }
  return out;
}

/** Writes the migrations into `<root>/supabase/migrations/` and returns that directory. */
export function writeMigrations(root: string, migrations: readonly GeneratedMigration[]): string {
  const dir = join(root, 'supabase', 'migrations');
  mkdirSync(dir, { recursive: true });
  for (const m of migrations) writeFileSync(join(dir, m.fileName), m.sql);
  return dir;
}
