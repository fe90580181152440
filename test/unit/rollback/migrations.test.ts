import { describe, expect, it } from 'vitest';
import type { LedgerEntry } from '../../../lib/github/ledger.js';
import { migrationsNote } from '../../../lib/rollback/migrations.js';

const current = (head: string | null) =>
  ({
    release: { version: 'v2.0.0', sha: 'a'.repeat(40) },
    payload: { migrations: { head } },
  }) as unknown as LedgerEntry;

describe('migrationsNote', () => {
  it('says which migrations stay applied and that they are expand-only', () => {
    const note = migrationsNote(current('20240902'), 'v1.0.0', '20240901');
    expect(note.differs).toBe(true);
    expect(note.message).toBe(
      'Database: migrations after 20240901 up to 20240902 stay applied — Shipline never runs down-migrations. They are expand-only, so v1.0.0 runs against the newer schema.',
    );
  });

  it('says nothing differs when both releases share the head', () => {
    const note = migrationsNote(current('20240901'), 'v1.0.0', '20240901');
    expect(note.differs).toBe(false);
    expect(note.message).toContain('share the migration head 20240901');
  });

  it('still promises no down-migration when the target’s head is unknown', () => {
    const note = migrationsNote(current('20240902'), 'v1.0.0', undefined);
    expect(note.differs).toBe(false);
    expect(note.message).toContain('never runs down-migrations');
  });
});
