/**
 * What a rollback says about the database: Shipline never runs down-migrations, so the migrations the rolled-back
 * release applied stay applied. Migrations are expand-only (the lint refuses destructive steps), so the restored
 * release runs against the newer schema.
 */
import type { LedgerEntry } from '../github/ledger.js';

export interface MigrationsNote {
  /** The newest migration applied (the current release's head). */
  currentHead: string | null;
  /** The head the target release was deployed with; undefined when unknown. */
  targetHead: string | null | undefined;
  /** True when the current release applied migrations the target did not have. */
  differs: boolean;
  message: string;
}

/** Compares the migration heads of the current release and the target (ledger payload `migrations.head`). */
export function migrationsNote(
  current: LedgerEntry,
  targetVersion: string,
  targetHead: string | null | undefined,
): MigrationsNote {
  const currentHead = current.payload.migrations.head;
  const differs = targetHead !== undefined && currentHead !== targetHead && currentHead !== null;
  const message = differs
    ? `Database: migrations after ${targetHead ?? '(none)'} up to ${currentHead} stay applied — Shipline never runs down-migrations. They are expand-only, so ${targetVersion} runs against the newer schema.`
    : targetHead === undefined
      ? `Database: no migration is rolled back (Shipline never runs down-migrations); the schema stays at ${currentHead ?? 'no migration'}.`
      : `Database: ${current.release.version} and ${targetVersion} share the migration head ${currentHead ?? '(none)'}; nothing to say about the schema.`;
  return { currentHead, targetHead, differs, message };
}
