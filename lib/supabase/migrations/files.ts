import { createHash } from 'node:crypto';
import { readdir, readFile, readlink, stat } from 'node:fs/promises';
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
  /** The file's text (UTF-8), without a leading byte order mark; line endings as in the file. */
  sql: string;
  /** sha256 (hex) of the text with a BOM removed and CRLF / CR line ends written as LF (see checksumOf). */
  checksum: string;
  /** Where the file's symlink points, when the directory entry is a symlink (it is followed). */
  symlinkTarget?: string;
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

const BOM = '\uFEFF';

/** The text with a leading byte order mark removed and CRLF / lone CR line ends turned into LF. */
export function normalizeText(text: string): string {
  return (text.startsWith(BOM) ? text.slice(1) : text).replace(/\r\n?/g, '\n');
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * sha256 (hex) of a migration's content: BOM and line-end style are not content (a Windows checkout is not an
 * edit), so the text is normalized first (normalizeText). For LF files without a BOM this is the sha256 of the bytes.
 */
export function checksumOf(bytes: Uint8Array | string): string {
  const text = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  return sha256(normalizeText(text));
}

/**
 * Every checksum an earlier run may have recorded for this content: the normalized one and those of the same text
 * with CRLF line ends and/or a BOM (older runs hashed the raw bytes).
 */
export function equivalentChecksums(sql: string): Set<string> {
  const lf = normalizeText(sql);
  const crlf = lf.replace(/\n/g, '\r\n');
  return new Set([lf, crlf, BOM + lf, BOM + crlf].map(sha256));
}

/** A `.sql` file in the migrations directory that is not a migration (the Supabase CLI skips it with a notice). */
export interface SkippedFile {
  fileName: string;
  reason: string;
}

/** What readMigrationsDir found. */
export interface MigrationsDir {
  files: MigrationFile[];
  skipped: SkippedFile[];
}

/**
 * Reads every `*.sql` migration in `dir`, sorted by version (numeric-aware, see compareVersions; equal versions
 * keep file-name order). Like the Supabase CLI, a `.sql` file whose name does not match `<version>_<name>.sql`
 * (e.g. `seed.sql`) is skipped and listed in `skipped`; symlinks are followed (a broken one, or one to a
 * directory, is an error naming it). Other files, sub-directories and dotfiles are ignored. Duplicates are
 * left for plan() to refuse.
 */
export async function readMigrationsDir(dir: string): Promise<MigrationsDir> {
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
  const named: Array<{
    name: string;
    parsed: NonNullable<ReturnType<typeof parseMigrationFileName>>;
    symlinkTarget?: string;
  }> = [];
  const skipped: SkippedFile[] = [];
  for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.') || !entry.name.endsWith('.sql')) continue;
    let symlinkTarget: string | undefined;
    if (entry.isSymbolicLink()) {
      const path = join(dir, entry.name);
      symlinkTarget = await readlink(path);
      const target = await stat(path).catch((error: NodeJS.ErrnoException) => error);
      if (target instanceof Error || !target.isFile()) {
        throw new MigrationError(
          'broken_symlink',
          `Migration file ${entry.name} is a symlink to ${symlinkTarget}, which ${target instanceof Error ? `cannot be read (${target.code ?? target.message})` : 'is not a regular file'}`,
          {
            file: entry.name,
            hint: 'Fix or remove the symlink (symlinked migrations are followed), or commit the file itself into the migrations folder.',
          },
        );
      }
    } else if (!entry.isFile()) continue;
    const parsed = parseMigrationFileName(entry.name);
    if (!parsed) {
      skipped.push({
        fileName: entry.name,
        reason: `the name does not match ${MIGRATION_FILE_PATTERN_TEXT}`,
      });
      continue;
    }
    named.push({ name: entry.name, parsed, ...(symlinkTarget !== undefined ? { symlinkTarget } : {}) });
  }
  // Read several files at a time: one after the other, 500 files cost ~150 ms of waiting on the thread pool.
  const files: MigrationFile[] = new Array(named.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < named.length; i = next++) {
      const { name, parsed, symlinkTarget } = named[i]!;
      const path = join(dir, name);
      const text = (await readFile(path)).toString('utf8');
      const sql = text.startsWith(BOM) ? text.slice(1) : text;
      files[i] = {
        ...parsed,
        fileName: name,
        path,
        sql,
        checksum: checksumOf(sql),
        noTransaction: isNoTransaction(sql),
        ...(symlinkTarget !== undefined ? { symlinkTarget } : {}),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(16, named.length) }, worker));
  return { files: sortMigrationFiles(files), skipped };
}

/** The migrations of `dir` (readMigrationsDir without the list of skipped files). */
export async function readMigrationFiles(dir: string): Promise<MigrationFile[]> {
  return (await readMigrationsDir(dir)).files;
}

/** Sorts files by version (numeric-aware), then by file name. */
export function sortMigrationFiles<T extends { version: string; fileName: string }>(files: T[]): T[] {
  return [...files].sort(
    (a, b) => compareVersions(a.version, b.version) || (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0),
  );
}
