/**
 * The migration lint rules. Each rule is one small named function that looks at one parsed statement (the real
 * PostgreSQL 15 parse tree from libpg-query) and returns what is wrong with it, if anything. The driver in `lint.ts`
 * parses the file, tracks what the file has done so far (`FileContext`), turns hits into findings with a line number
 * and decides the severity.
 *
 * What is risky: a statement that takes a strong lock on a table other sessions are using (it waits behind any
 * long-running query and, while it waits, every later query on the table queues behind it), that rewrites or scans
 * such a table under that lock, or that removes something the running release still uses. A table created earlier
 * in the same file is invisible to other sessions and to the running release, and empty, so none of that applies
 * to it. `CREATE TABLE IF NOT EXISTS` counts as creating too: a migration file runs once, on a database where the
 * table is new.
 *
 * Severity: `destructive` rules (errors) are the ones that certainly break the running release or lose data.
 * `change-column-type` is a `lock` rule (a warning): many type changes are compatible with running code (a longer
 * varchar, varchar to text, int to bigint) and some do not even rewrite; what it always risks is the lock.
 */
import type {
  AlterTableCmd,
  AlterTableStmt,
  ColumnDef,
  Constraint,
  CreateStmt,
  DropStmt,
  IndexStmt,
  Node,
  RangeVar,
  RenameStmt,
} from 'libpg-query';

/** Names of the rules; `syntax-error` is reported by the driver when the file does not parse. */
export type RuleName =
  | 'drop-table'
  | 'drop-column'
  | 'rename-table'
  | 'rename-column'
  | 'add-not-null-column-without-default'
  | 'set-not-null'
  | 'change-column-type'
  | 'index-without-concurrently'
  | 'constraint-without-not-valid'
  | 'missing-lock-timeout';

/** `destructive` rules break the running release or lose data (errors); `lock` rules risk blocking traffic (warnings). */
export type RuleCategory = 'destructive' | 'lock';

/** What the file has done before the statement being checked. */
export interface FileContext {
  /** Tables created earlier in this file, as `schema.name` (unqualified names are taken as `public`). */
  createdTables: ReadonlySet<string>;
  /** A non-zero `lock_timeout` is in effect (set by the runner for the session, or SET/set_config earlier in the file). */
  lockTimeoutSet: boolean;
  /** The file runs in one transaction (it is not marked `-- shipline:no-transaction`): locks last until it commits. */
  transactional: boolean;
}

/** One parsed statement handed to the rules. */
export interface StatementView {
  /** The parse tree node, e.g. `{ AlterTableStmt: {...} }`. */
  node: Node;
  /** Byte offset (UTF-8) of the statement's first token in the file. */
  offset: number;
}

/** What a rule reports; the driver adds file, line and severity. */
export interface RuleHit {
  message: string;
  /** A concrete way to get the same result safely. */
  fix: string;
  /** Byte offset of the offending part when the parser gives one; the statement's start otherwise. */
  offset?: number;
}

/** A rule: its name, category and check function. `oncePerFile` rules report only their first hit in a file. */
export interface LintRule {
  name: RuleName;
  category: RuleCategory;
  oncePerFile?: boolean;
  check(stmt: StatementView, ctx: FileContext): RuleHit[];
}

/** Where a contract step goes; repeated in several fixes. */
const CONTRACT_HINT =
  'do it in a later release, once no deployed code uses it, in a file marked `-- shipline:contract` (after a backup)';

/** `schema.name` for a RangeVar; unqualified names resolve to `public` (Supabase's search_path). */
export function qualifiedName(rel: RangeVar | undefined): string {
  return `${rel?.schemaname ?? 'public'}.${rel?.relname ?? ''}`;
}

/** The name as written in the file (without the implicit `public.`), for messages. */
function displayName(rel: RangeVar | undefined): string {
  return rel?.schemaname ? `${rel.schemaname}.${rel.relname}` : (rel?.relname ?? '?');
}

/** `schema.name` of a dotted name list (`{ List: { items: [String...] } }`) as DropStmt carries it. */
function listName(node: Node | undefined): { qualified: string; display: string } {
  const items = node && 'List' in node ? (node.List.items ?? []) : [];
  const parts = items.map((item) => ('String' in item ? (item.String.sval ?? '') : ''));
  const name = parts.at(-1) ?? '';
  const schema = parts.length > 1 ? parts.at(-2) : undefined;
  return { qualified: `${schema ?? 'public'}.${name}`, display: schema ? `${schema}.${name}` : name };
}

/** True when the statement's table already existed before this file (it was not created earlier in it). */
function isExisting(rel: RangeVar | undefined, ctx: FileContext): boolean {
  return !ctx.createdTables.has(qualifiedName(rel));
}

/** The ALTER TABLE statement (on a table, not an index/view/sequence) and its commands, when the node is one. */
function alterTable(node: Node): { stmt: AlterTableStmt; cmds: AlterTableCmd[] } | undefined {
  if (!('AlterTableStmt' in node)) return undefined;
  const stmt = node.AlterTableStmt;
  if (stmt.objtype !== undefined && stmt.objtype !== 'OBJECT_TABLE') return undefined;
  const cmds = (stmt.cmds ?? []).flatMap((cmd) => ('AlterTableCmd' in cmd ? [cmd.AlterTableCmd] : []));
  return { stmt, cmds };
}

function columnDef(cmd: AlterTableCmd): ColumnDef | undefined {
  return cmd.def && 'ColumnDef' in cmd.def ? cmd.def.ColumnDef : undefined;
}

function constraintDef(cmd: AlterTableCmd): Constraint | undefined {
  return cmd.def && 'Constraint' in cmd.def ? cmd.def.Constraint : undefined;
}

function constraintsOf(column: ColumnDef): Constraint[] {
  return (column.constraints ?? []).flatMap((c) => ('Constraint' in c ? [c.Constraint] : []));
}

/** DROP TABLE of a table that existed before this file. */
export function dropTable({ node }: StatementView, ctx: FileContext): RuleHit[] {
  if (!('DropStmt' in node)) return [];
  const stmt: DropStmt = node.DropStmt;
  if (stmt.removeType !== 'OBJECT_TABLE') return [];
  return (stmt.objects ?? [])
    .map(listName)
    .filter((name) => !ctx.createdTables.has(name.qualified))
    .map((name) => ({
      message: `DROP TABLE ${name.display} deletes the table and all its rows; the running release fails as soon as it touches it.`,
      fix: `Stop reading and writing ${name.display} in one release, then drop it: ${CONTRACT_HINT}.`,
    }));
}

/** ALTER TABLE … DROP COLUMN on an existing table. */
export function dropColumn({ node }: StatementView, ctx: FileContext): RuleHit[] {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds
    .filter((cmd) => cmd.subtype === 'AT_DropColumn')
    .map((cmd) => ({
      message: `DROP COLUMN ${table}.${cmd.name} deletes the column's data; the running release fails on queries that name it (and on \`select *\` mapped to a fixed shape).`,
      fix: `Remove every use of ${cmd.name} in one release, then drop the column: ${CONTRACT_HINT}.`,
    }));
}

/** ALTER TABLE … RENAME TO on an existing table. */
export function renameTable({ node }: StatementView, ctx: FileContext): RuleHit[] {
  if (!('RenameStmt' in node)) return [];
  const stmt: RenameStmt = node.RenameStmt;
  if (stmt.renameType !== 'OBJECT_TABLE' || !isExisting(stmt.relation, ctx)) return [];
  const table = displayName(stmt.relation);
  return [
    {
      message: `Renaming table ${table} to ${stmt.newname} breaks the running release, which still queries ${table}.`,
      fix: `Expand/contract instead: create ${stmt.newname} (or a view named ${stmt.newname} over ${table}), ship code that uses the new name, then drop the old name: ${CONTRACT_HINT}.`,
    },
  ];
}

/** ALTER TABLE … RENAME COLUMN on an existing table. */
export function renameColumn({ node }: StatementView, ctx: FileContext): RuleHit[] {
  if (!('RenameStmt' in node)) return [];
  const stmt: RenameStmt = node.RenameStmt;
  if (stmt.renameType !== 'OBJECT_COLUMN' || !isExisting(stmt.relation, ctx)) return [];
  const table = displayName(stmt.relation);
  return [
    {
      message: `Renaming column ${table}.${stmt.subname} to ${stmt.newname} breaks the running release, which still uses ${stmt.subname}.`,
      fix: `Add ${stmt.newname} as a new column, write both and backfill it, switch reads to ${stmt.newname} in a release, then drop ${stmt.subname}: ${CONTRACT_HINT}.`,
    },
  ];
}

const SERIAL_TYPES = new Set(['serial', 'serial2', 'serial4', 'serial8', 'smallserial', 'bigserial']);

/** ALTER TABLE … ADD COLUMN … NOT NULL (or PRIMARY KEY) with no DEFAULT, identity or generated value. */
export function addNotNullColumnWithoutDefault({ node }: StatementView, ctx: FileContext): RuleHit[] {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  const hits: RuleHit[] = [];
  for (const cmd of alter.cmds) {
    const column = cmd.subtype === 'AT_AddColumn' ? columnDef(cmd) : undefined;
    if (!column) continue;
    const kinds = new Set(constraintsOf(column).map((c) => c.contype));
    const notNull = column.is_not_null || kinds.has('CONSTR_NOTNULL') || kinds.has('CONSTR_PRIMARY');
    const filled =
      column.raw_default !== undefined ||
      kinds.has('CONSTR_DEFAULT') ||
      kinds.has('CONSTR_IDENTITY') ||
      kinds.has('CONSTR_GENERATED');
    const typeNames = (column.typeName?.names ?? []).map((n) => ('String' in n ? n.String.sval : ''));
    const serial = SERIAL_TYPES.has(typeNames.at(-1) ?? '');
    if (!notNull || filled || serial) continue;
    hits.push({
      message: `ADD COLUMN ${table}.${column.colname} NOT NULL without a DEFAULT fails on a table that has rows ("column contains null values"), and the running release does not write the column.`,
      fix: `Add the column as nullable (or with a constant DEFAULT), ship code that writes it, backfill existing rows in batches, then SET NOT NULL in a later release (see set-not-null for doing that without a long lock).`,
      offset: column.location,
    });
  }
  return hits;
}

/** ALTER TABLE … ALTER COLUMN … SET NOT NULL on an existing table: a full scan under an ACCESS EXCLUSIVE lock. */
export function setNotNull({ node }: StatementView, ctx: FileContext): RuleHit[] {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds
    .filter((cmd) => cmd.subtype === 'AT_SetNotNull')
    .map((cmd) => ({
      message: `SET NOT NULL on ${table}.${cmd.name} scans the whole table while holding an ACCESS EXCLUSIVE lock: no reads or writes until it finishes.`,
      fix: `Add \`CONSTRAINT ${cmd.name}_not_null CHECK (${cmd.name} IS NOT NULL) NOT VALID\`, then \`VALIDATE CONSTRAINT ${cmd.name}_not_null\` (no write lock), then SET NOT NULL (PostgreSQL 12+ skips the scan thanks to the valid check) and drop the check.`,
    }));
}

/** ALTER TABLE … ALTER COLUMN … TYPE on an existing table: usually a rewrite under an ACCESS EXCLUSIVE lock. */
export function changeColumnType({ node }: StatementView, ctx: FileContext): RuleHit[] {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds
    .filter((cmd) => cmd.subtype === 'AT_AlterColumnType')
    .map((cmd) => ({
      message: `Changing the type of ${table}.${cmd.name} rewrites the table and its indexes under an ACCESS EXCLUSIVE lock (only a few changes, such as varchar(n) to text or a longer varchar, skip the rewrite), and the running release may not handle the new type.`,
      fix: `Add a new column with the new type, write both and backfill in batches, switch reads in a release, then drop the old column: ${CONTRACT_HINT}.`,
      offset: columnDef(cmd)?.location,
    }));
}

/**
 * CREATE INDEX without CONCURRENTLY on an existing table (blocks writes for the whole build), and ADD UNIQUE /
 * PRIMARY KEY without `USING INDEX` (builds the index under an ACCESS EXCLUSIVE lock).
 */
export function indexWithoutConcurrently({ node }: StatementView, ctx: FileContext): RuleHit[] {
  const concurrentFix = (table: string) =>
    `Build it with CREATE INDEX CONCURRENTLY in a migration file of its own marked \`-- shipline:no-transaction\` (CONCURRENTLY cannot run inside a transaction block), e.g. \`create index concurrently if not exists … on ${table} (…);\`.`;
  if ('IndexStmt' in node) {
    const stmt: IndexStmt = node.IndexStmt;
    if (stmt.concurrent || !isExisting(stmt.relation, ctx)) return [];
    const table = displayName(stmt.relation);
    return [
      {
        message: `CREATE ${stmt.unique ? 'UNIQUE ' : ''}INDEX ${stmt.idxname ?? ''} on ${table} without CONCURRENTLY blocks every write to ${table} for the whole build${ctx.transactional ? ', and inside the transaction of the file the lock lasts until the whole file commits' : ''}.`,
        fix: concurrentFix(table),
      },
    ];
  }
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds
    .map((cmd) => (cmd.subtype === 'AT_AddConstraint' ? constraintDef(cmd) : undefined))
    .filter((c): c is Constraint => (c?.contype === 'CONSTR_UNIQUE' || c?.contype === 'CONSTR_PRIMARY') && !c.indexname)
    .map((c) => ({
      message: `ADD ${c.contype === 'CONSTR_PRIMARY' ? 'PRIMARY KEY' : 'UNIQUE'} on ${table} builds its index while holding an ACCESS EXCLUSIVE lock: no reads or writes until it finishes.`,
      fix: `First \`create unique index concurrently ${c.conname ?? `${alter.stmt.relation?.relname}_key`} on ${table} (…)\` in its own \`-- shipline:no-transaction\` migration file, then \`alter table ${table} add constraint … ${c.contype === 'CONSTR_PRIMARY' ? 'primary key' : 'unique'} using index …\` (instant).`,
      offset: c.location,
    }));
}

/** ADD FOREIGN KEY / CHECK without NOT VALID on an existing table: validates every row while holding the lock. */
export function constraintWithoutNotValid({ node }: StatementView, ctx: FileContext): RuleHit[] {
  const alter = alterTable(node);
  if (!alter || !isExisting(alter.stmt.relation, ctx)) return [];
  const table = displayName(alter.stmt.relation);
  return alter.cmds
    .map((cmd) => (cmd.subtype === 'AT_AddConstraint' ? constraintDef(cmd) : undefined))
    .filter(
      (c): c is Constraint => (c?.contype === 'CONSTR_FOREIGN' || c?.contype === 'CONSTR_CHECK') && !c.skip_validation,
    )
    .map((c) => {
      const kind = c.contype === 'CONSTR_FOREIGN' ? 'FOREIGN KEY' : 'CHECK';
      const name = c.conname ?? '<constraint>';
      const locked =
        c.contype === 'CONSTR_FOREIGN'
          ? `${table} and ${displayName(c.pktable)} (SHARE ROW EXCLUSIVE: writes blocked)`
          : `${table} (ACCESS EXCLUSIVE: reads and writes blocked)`;
      return {
        message: `ADD ${kind} ${c.conname ?? ''} on ${table} checks every existing row while locking ${locked}.`,
        fix: `Add it with NOT VALID (\`alter table ${table} add constraint ${name} … not valid;\`, instant, enforced for new rows), then \`alter table ${table} validate constraint ${name};\` in a later statement or migration: validation takes only a SHARE UPDATE EXCLUSIVE lock.`,
        offset: c.location,
      };
    });
}

/** ALTER TABLE subcommands that take only a SHARE UPDATE EXCLUSIVE lock (reads and writes go on). */
const LIGHT_ALTER_SUBTYPES = new Set(['AT_ValidateConstraint', 'AT_SetStatistics', 'AT_SetOptions', 'AT_ResetOptions']);

/**
 * The pre-existing tables a statement locks strongly enough to queue traffic behind it (ACCESS EXCLUSIVE, SHARE
 * ROW EXCLUSIVE or SHARE), as names for messages. Empty for statements that lock nothing of note.
 */
export function strongLockTargets(node: Node, ctx: FileContext): string[] {
  const existing = (rel: RangeVar | undefined) => (rel && isExisting(rel, ctx) ? [displayName(rel)] : []);
  if ('AlterTableStmt' in node) {
    const alter = alterTable(node);
    if (!alter || alter.cmds.every((cmd) => LIGHT_ALTER_SUBTYPES.has(cmd.subtype ?? ''))) return [];
    const referenced = alter.cmds.flatMap((cmd) => {
      const c = cmd.subtype === 'AT_AddConstraint' ? constraintDef(cmd) : undefined;
      return c?.contype === 'CONSTR_FOREIGN' ? existing(c.pktable) : [];
    });
    return [...existing(alter.stmt.relation), ...referenced];
  }
  if ('IndexStmt' in node) return node.IndexStmt.concurrent ? [] : existing(node.IndexStmt.relation);
  if ('RenameStmt' in node) return existing(node.RenameStmt.relation);
  if ('CreateTrigStmt' in node) return existing(node.CreateTrigStmt.relation);
  if ('CreatePolicyStmt' in node) return existing(node.CreatePolicyStmt.table);
  if ('AlterPolicyStmt' in node) return existing(node.AlterPolicyStmt.table);
  if ('RuleStmt' in node) return existing(node.RuleStmt.relation);
  if ('TruncateStmt' in node) {
    return (node.TruncateStmt.relations ?? []).flatMap((r) => ('RangeVar' in r ? existing(r.RangeVar) : []));
  }
  if ('DropStmt' in node) {
    const stmt = node.DropStmt;
    if (stmt.concurrent) return [];
    const names = (stmt.objects ?? []).map(listName);
    if (stmt.removeType === 'OBJECT_TABLE') {
      return names.filter((n) => !ctx.createdTables.has(n.qualified)).map((n) => n.display);
    }
    if (
      stmt.removeType === 'OBJECT_TRIGGER' ||
      stmt.removeType === 'OBJECT_POLICY' ||
      stmt.removeType === 'OBJECT_RULE'
    ) {
      // objects = [schema?, table, name]: the table is all but the last element.
      return (stmt.objects ?? []).flatMap((obj) => {
        const items = 'List' in obj ? (obj.List.items ?? []) : [];
        const table = listName({ List: { items: items.slice(0, -1) } });
        return ctx.createdTables.has(table.qualified) ? [] : [table.display];
      });
    }
    if (stmt.removeType === 'OBJECT_INDEX') return names.map((n) => `the table of index ${n.display}`);
    return [];
  }
  if ('CreateStmt' in node) {
    // A new table's foreign keys lock the referenced (existing) tables in SHARE ROW EXCLUSIVE mode.
    const stmt: CreateStmt = node.CreateStmt;
    const constraints = [
      ...(stmt.constraints ?? []),
      ...(stmt.tableElts ?? []).flatMap((elt) => {
        if ('Constraint' in elt) return [elt];
        return 'ColumnDef' in elt ? (elt.ColumnDef.constraints ?? []) : [];
      }),
    ];
    return constraints.flatMap((c) =>
      'Constraint' in c && c.Constraint.contype === 'CONSTR_FOREIGN' ? existing(c.Constraint.pktable) : [],
    );
  }
  return [];
}

/** A statement that locks an existing table strongly while no `lock_timeout` is set earlier in the file. */
export function missingLockTimeout({ node }: StatementView, ctx: FileContext): RuleHit[] {
  if (ctx.lockTimeoutSet) return [];
  const targets = [...new Set(strongLockTargets(node, ctx))];
  if (targets.length === 0) return [];
  return [
    {
      message: `This statement locks ${targets.join(', ')} with no lock_timeout set before it: if a long query holds the table, the migration waits, and every read and write of the table queues behind it.`,
      fix: `Put \`set lock_timeout = '5s';\` at the top of the file (before the first DDL) so a blocked migration fails fast and can be retried, instead of stalling traffic. (Applied by Shipline with \`supabase.migrations.apply-with: shipline\` and a non-zero \`lock-timeout\`, the session has one already.)`,
    },
  ];
}

/** Every rule, in the order findings on the same line are listed. */
export const RULES: readonly LintRule[] = [
  { name: 'drop-table', category: 'destructive', check: dropTable },
  { name: 'drop-column', category: 'destructive', check: dropColumn },
  { name: 'rename-table', category: 'destructive', check: renameTable },
  { name: 'rename-column', category: 'destructive', check: renameColumn },
  { name: 'add-not-null-column-without-default', category: 'lock', check: addNotNullColumnWithoutDefault },
  { name: 'set-not-null', category: 'lock', check: setNotNull },
  { name: 'change-column-type', category: 'lock', check: changeColumnType },
  { name: 'index-without-concurrently', category: 'lock', check: indexWithoutConcurrently },
  { name: 'constraint-without-not-valid', category: 'lock', check: constraintWithoutNotValid },
  { name: 'missing-lock-timeout', category: 'lock', oncePerFile: true, check: missingLockTimeout },
];
