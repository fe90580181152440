import { describe, expect, it } from 'vitest';
import { checksumOf, type MigrationFile } from '../../../../lib/supabase/migrations/files.js';
import type { HistoryRow } from '../../../../lib/supabase/migrations/history.js';
import { planMigrations, refusalError } from '../../../../lib/supabase/migrations/plan.js';

function file(version: string, sql = `select ${version};`, name = 'm'): MigrationFile {
  return {
    version,
    name,
    fileName: `${version}_${name}.sql`,
    path: `/m/${version}_${name}.sql`,
    sql,
    checksum: checksumOf(sql),
    noTransaction: false,
  };
}
function row(f: MigrationFile, opts: { checksum?: string | null; statements?: string[] | null } = {}): HistoryRow {
  return {
    version: f.version,
    name: f.name,
    statements: opts.statements === undefined ? [f.sql.replace(/;$/, '')] : opts.statements,
    checksum: opts.checksum === undefined ? f.checksum : opts.checksum,
    appliedAt: null,
    durationMs: null,
    appliedBy: null,
  };
}

describe('planMigrations', () => {
  const a = file('20240101000000');
  const b = file('20240102000000');
  const c = file('20240103000000');

  it('plans pending files after the applied ones', () => {
    const result = planMigrations([a, b, c], [row(a)]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.pending.map((f) => f.version)).toEqual([b.version, c.version]);
    expect(result.plan.headVersion).toBe(a.version);
    expect(result.plan.adopted).toEqual([]);
  });

  it('adopts rows without a checksum whose statements match the file', () => {
    const result = planMigrations([a, b], [row(a, { checksum: null }), row(b, { checksum: null, statements: null })]);
    expect(result.ok && result.plan.adopted.map((f) => f.version)).toEqual([a.version, b.version]);
    expect(result.ok && result.plan.pending).toEqual([]);
  });

  it('refuses an edited applied file, naming it', () => {
    const edited = { ...a, sql: 'select 42;', checksum: checksumOf('select 42;') };
    const result = planMigrations([edited, b], [row(a)]);
    expect(result).toMatchObject({ ok: false, refusals: [{ code: 'edited_applied_file', file: a.fileName }] });
    const cli = planMigrations([edited], [row(a, { checksum: null })]);
    expect(cli).toMatchObject({ ok: false, refusals: [{ code: 'edited_applied_file', file: a.fileName }] });
  });

  it('refuses versions applied in the database but missing locally', () => {
    expect(planMigrations([b], [row(a), row(b)])).toMatchObject({
      ok: false,
      refusals: [{ code: 'missing_local_file', version: a.version }],
    });
  });

  it('refuses out-of-order files unless allowed', () => {
    expect(planMigrations([a, b, c], [row(a), row(c)])).toMatchObject({
      ok: false,
      refusals: [{ code: 'out_of_order', file: b.fileName }],
    });
    const allowed = planMigrations([a, b, c], [row(a), row(c)], { allowOutOfOrder: true });
    expect(allowed.ok && allowed.plan.pending.map((f) => f.version)).toEqual([b.version]);
  });

  it('refuses duplicate and ambiguous versions', () => {
    expect(planMigrations([a, file(a.version, 'select 9;', 'other')], [])).toMatchObject({
      ok: false,
      refusals: [{ code: 'duplicate_version' }],
    });
    expect(planMigrations([file('1'), file('001')], [])).toMatchObject({
      ok: false,
      refusals: [{ code: 'ambiguous_order' }],
    });
    expect(planMigrations([file('9'), file('10')], [])).toMatchObject({
      ok: false,
      refusals: [{ code: 'ambiguous_order' }],
    });
    expect(planMigrations([file('09'), file('10')], []).ok).toBe(true);
  });

  it('turns several refusals into one error that lists them all', () => {
    const result = planMigrations([b], [row(a), { ...row(b), checksum: 'f'.repeat(64) }]);
    if (result.ok) throw new Error('expected refusal');
    const error = refusalError(result.refusals);
    expect(error.code).toBe('missing_local_file');
    expect(error.others).toHaveLength(1);
    expect(error.message).toContain(b.fileName);
  });
});
