import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MigrationError } from './errors.js';
import { skipComments } from './statements.js';

/** A local migration file `supabase/migrations/<version>_<name>.sql`. */
export interface MigrationFile {
  /** The leading digits before the first `_`, as written (leading zeros kept). */
  version: string;
  /** Everything between the first `_` and `.sql`. */
  name: string;
  /** File name inside the migrations directory. */
  fileName: string;
  /** Absolute (or caller-relative) path. */
  path: string;
  sql: string;
  /** sha256 of the file bytes, hex. */
  checksum: string;
  /** The file carries `-- shipline:no-transaction` and runs outside a transaction. */
  noTransaction: boolean;
}

/** The Supabase CLI's migration file name pattern. */
export const MIGRATION_FILE_PATTERN = /^([0-9]+)_(.*)\.sql$/;
/** Human-readable form of the pattern, for error messages. */
export const MIGRATION_FILE_PATTERN_TEXT =
  '<version>_<name>.sql, version = digits (e.g. 20240101120000_create_orders.sql)';
/** Marker comment (on a line of its own) that makes a file run outside a transaction. */
export const NO_TRANSACTION_MARKER = /^[ \t]*--[ \t]*shipline:no-transaction[ \t]*$/m;

/**
 * Whether the file opts out of the transaction: the marker must be in the comment header before the first
 * statement, so the same text inside a function body or a later comment cannot silently switch a file to autocommit.
 */
export function isNoTransaction(sql: string): boolean {
  return NO_TRANSACTION_MARKER.test(sql.slice(0, skipComments(sql)));
}

/** Splits a migration file name into version and name, or returns undefined when it does not match. */
export function parseMigrationFileName(fileName: string): { version: string; name: string } | undefined {
  const m = MIGRATION_FILE_PATTERN.exec(fileName);
  return m ? { version: m[1] as string, name: m[2] as string } : undefined;
}

/**
 * Numeric-aware version order: versions are compared as non-negative integers of any length (leading zeros
 * ignored), so `9` < `10`. Two different strings with the same value (`1` and `001`) compare equal here;
 * plan() refuses those as ambiguous. Returns <0, 0 or >0.
 */
export function compareVersions(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  if (x.length !== y.length) return x.length - y.length;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** sha256 (hex) of the bytes. */
export function checksumOf(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads every `*.sql` migration in `dir`, sorted by version (numeric-aware, see compareVersions; equal
 * versions keep file-name order). A `.sql` file whose name does not match the CLI pattern is an error naming
 * it; other files, sub-directories and dotfiles are ignored. Duplicates are left for plan() to refuse.
 */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MigrationError(
      'migrations_dir_missing',
      `Cannot read the migrations directory ${dir} (${code ?? 'error'})`,
      {
        hint: 'Point migrations-dir at supabase/migrations inside your repository (relative to working-directory).',
      },
    );
  }
  const named: Array<{ name: string; parsed: NonNullable<ReturnType<typeof parseMigrationFileName>> }> = [];
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.startsWith('.') || !entry.name.endsWith('.sql')) continue;
    const parsed = parseMigrationFileName(entry.name);
    if (!parsed) {
      throw new MigrationError(
        'invalid_file_name',
        `Migration file ${entry.name} does not match ${MIGRATION_FILE_PATTERN_TEXT}`,
        {
          file: entry.name,
          hint: 'Rename it with `supabase migration new <name>` naming (a timestamp, an underscore, a name).',
        },
      );
    }
    named.push({ name: entry.name, parsed });
  }
  // Read several files at a time: one after the other, 500 files cost ~150 ms of waiting on the thread pool.
  const files: MigrationFile[] = new Array(named.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < named.length; i = next++) {
      const { name, parsed } = named[i]!;
      const path = join(dir, name);
      const bytes = await readFile(path);
      const sql = bytes.toString('utf8');
      files[i] = {
        ...parsed,
        fileName: name,
        path,
        sql,
        checksum: checksumOf(bytes),
        noTransaction: isNoTransaction(sql),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, named.length) }, worker));
  return sortMigrationFiles(files);
}

/** Sorts files by version (numeric-aware), then by file name. */
export function sortMigrationFiles<T extends { version: string; fileName: string }>(files: T[]): T[] {
  return [...files].sort(
    (a, b) => compareVersions(a.version, b.version) || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0),
  );
}
