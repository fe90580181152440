import { MigrationError } from './errors.js';
import { compareVersions, equivalentChecksums, type MigrationFile, normalizeText } from './files.js';
import type { HistoryRow } from './history.js';
import { splitStatements } from './statements.js';

/** Why a plan was refused; `code` is machine-readable. */
export type RefusalCode =
  | 'duplicate_version'
  | 'ambiguous_order'
  | 'edited_applied_file'
  | 'missing_local_file'
  | 'out_of_order';

export interface Refusal {
  code: RefusalCode;
  message: string;
  hint: string;
  /** The file the problem is about, when there is one. */
  file?: string;
  version: string;
}

/** What a run would do. */
export interface MigrationPlan {
  /** Local files not in the history, in the order they will run. */
  pending: MigrationFile[];
  /** Local files already applied (checksum matches, or adopted below). */
  applied: Array<{ file: MigrationFile; row: HistoryRow }>;
  /** Applied by another tool (no checksum yet): the checksum gets recorded, the file is not re-run. */
  adopted: MigrationFile[];
  /** Highest applied version before the run, or null. */
  headVersion: string | null;
}

export type PlanResult = { ok: true; plan: MigrationPlan } | { ok: false; refusals: Refusal[] };

export interface PlanOptions {
  /** Apply a pending file whose version is older than the newest applied one. Default false. */
  allowOutOfOrder?: boolean;
}

/** Statement lists equal up to BOM and line-end style (a Windows checkout is not an edit). */
function sameStatements(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((s, i) => normalizeText(s) === normalizeText(b[i] ?? ''));
}

/**
 * Compares local files (sorted, see readMigrationFiles) with the applied history and decides what to run.
 * Pure. Refuses on duplicate or ambiguous versions, edited applied files (checksum mismatch, or for rows
 * without checksum statements that differ from the file), versions applied but missing locally, and pending
 * files older than the newest applied version unless `allowOutOfOrder`.
 */
export function planMigrations(files: MigrationFile[], history: HistoryRow[], options: PlanOptions = {}): PlanResult {
  const refusals: Refusal[] = [];
  const byVersion = new Map<string, MigrationFile>();
  for (const file of files) {
    const seen = byVersion.get(file.version);
    if (seen) {
      refusals.push({
        code: 'duplicate_version',
        version: file.version,
        file: file.fileName,
        message: `Version ${file.version} is used by two files: ${seen.fileName} and ${file.fileName}`,
        hint: 'Give one of them a new, later version (rename it with a fresh timestamp).',
      });
      continue;
    }
    byVersion.set(file.version, file);
  }
  // Same value written differently (1 and 001), or an order other tools would not agree with
  // (the Supabase CLI orders by file name: 9_a after 10_b).
  const versions = [...byVersion.keys()].sort(compareVersions);
  for (let i = 1; i < versions.length; i++) {
    const prev = versions[i - 1] as string;
    const cur = versions[i] as string;
    const tie = compareVersions(prev, cur) === 0;
    const lexicalDisagrees = prev.length !== cur.length && prev > cur;
    if (tie || lexicalDisagrees) {
      const a = byVersion.get(prev)?.fileName;
      const b = byVersion.get(cur)?.fileName;
      refusals.push({
        code: 'ambiguous_order',
        version: cur,
        file: b,
        message: tie
          ? `Versions of ${a} and ${b} are the same number written differently`
          : `${a} and ${b} sort differently as numbers and as text, so tools would apply them in different orders`,
        hint: 'Use versions of the same width (timestamps YYYYMMDDHHMMSS, as `supabase migration new` writes).',
      });
    }
  }

  const applied: MigrationPlan['applied'] = [];
  const adopted: MigrationFile[] = [];
  let headVersion: string | null = null;
  for (const row of history) {
    if (headVersion === null || compareVersions(row.version, headVersion) > 0) headVersion = row.version;
    const file = byVersion.get(row.version);
    if (!file) {
      refusals.push({
        code: 'missing_local_file',
        version: row.version,
        message: `Version ${row.version}${row.name ? ` (${row.name})` : ''} is applied in the database but has no local file`,
        hint:
          'Restore the file from git (the database already ran it), or pull the branch that added it. ' +
          'If the row is wrong, repair the history with `supabase migration repair --status reverted <version>`.',
      });
      continue;
    }
    if (row.checksum !== null) {
      if (row.checksum !== file.checksum && !equivalentChecksums(file.sql).has(row.checksum)) {
        refusals.push({
          code: 'edited_applied_file',
          version: row.version,
          file: file.fileName,
          message: `${file.fileName} was edited after it was applied (checksum ${row.checksum.slice(0, 12)}… in the database, ${file.checksum.slice(0, 12)}… on disk)`,
          hint: 'Applied migrations are immutable: revert the edit and put the change in a new migration file.',
        });
        continue;
      }
      applied.push({ file, row });
      continue;
    }
    if (
      row.statements !== null &&
      !sameStatements(
        row.statements,
        splitStatements(file.sql).map((s) => s.text),
      )
    ) {
      refusals.push({
        code: 'edited_applied_file',
        version: row.version,
        file: file.fileName,
        message: `${file.fileName} differs from the statements recorded when it was applied`,
        hint: 'Applied migrations are immutable: revert the edit and put the change in a new migration file.',
      });
      continue;
    }
    adopted.push(file);
    applied.push({ file, row });
  }

  const appliedVersions = new Set(history.map((r) => r.version));
  const pending = [...byVersion.values()]
    .filter((f) => !appliedVersions.has(f.version))
    .sort((a, b) => compareVersions(a.version, b.version));
  if (!options.allowOutOfOrder && headVersion !== null) {
    for (const file of pending) {
      if (compareVersions(file.version, headVersion) < 0) {
        refusals.push({
          code: 'out_of_order',
          version: file.version,
          file: file.fileName,
          message: `${file.fileName} is older than the newest applied migration ${headVersion} and has not been applied`,
          hint: 'Rename it with a timestamp after the newest applied migration, or pass allow-out-of-order if running it late is safe.',
        });
      }
    }
  }
  if (refusals.length > 0) return { ok: false, refusals };
  return { ok: true, plan: { pending, applied, adopted, headVersion } };
}

/** Turns a refused plan into one MigrationError (the first refusal; the others attached). */
export function refusalError(refusals: Refusal[]): MigrationError {
  const [first, ...rest] = refusals.map(
    (r) => new MigrationError(r.code, r.message, { file: r.file, line: r.file ? 1 : undefined, hint: r.hint }),
  );
  const head = first as MigrationError;
  if (rest.length === 0) return head;
  const all = [head, ...rest].map((e) => `- ${e.message}`).join('\n');
  return new MigrationError(head.code, `Migration plan refused (${rest.length + 1} problems):\n${all}`, {
    file: head.file,
    line: head.line,
    hint: head.hint,
    others: rest,
  });
}
