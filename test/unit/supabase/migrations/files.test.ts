import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checksumOf,
  compareVersions,
  equivalentChecksums,
  isNoTransaction,
  parseMigrationFileName,
  readMigrationFiles,
  readMigrationsDir,
} from '../../../../lib/supabase/migrations/files.js';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-files-'));
  dirs.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}

describe('migration files', () => {
  it('parses names like the Supabase CLI: version = digits before the first underscore', () => {
    expect(parseMigrationFileName('20240101120000_create_orders.sql')).toEqual({
      version: '20240101120000',
      name: 'create_orders',
    });
    expect(parseMigrationFileName('1_a_b.sql')).toEqual({ version: '1', name: 'a_b' });
    expect(parseMigrationFileName('create_orders.sql')).toBeUndefined();
    expect(parseMigrationFileName('2024-01-01_x.sql')).toBeUndefined();
  });

  it('orders versions numerically', () => {
    expect(['10', '9', '0010', '100'].sort(compareVersions)).toEqual(['9', '10', '0010', '100']);
    expect(compareVersions('20240101000000', '20240101000001')).toBeLessThan(0);
    expect(compareVersions('007', '7')).toBe(0);
  });

  it('reads, sorts, checksums and detects the no-transaction marker', async () => {
    const dir = dirWith({
      '20240102000000_b.sql': 'select 2;',
      '20240101000000_a.sql': '-- shipline:no-transaction\ncreate index concurrently i on t (c);',
      'README.md': 'ignored',
      '.gitkeep': '',
    });
    mkdirSync(join(dir, 'sub'));
    const files = await readMigrationFiles(dir);
    expect(files.map((f) => f.fileName)).toEqual(['20240101000000_a.sql', '20240102000000_b.sql']);
    expect(files[0]?.noTransaction).toBe(true);
    expect(files[1]?.noTransaction).toBe(false);
    expect(files[1]?.checksum).toBe(checksumOf('select 2;'));
  });

  it('skips a .sql file that is not a migration (seed.sql) and names it, like the Supabase CLI', async () => {
    const dir = dirWith({ '20240101000000_a.sql': 'select 1;', 'seed.sql': 'insert into t values (1);' });
    const { files, skipped } = await readMigrationsDir(dir);
    expect(files.map((f) => f.fileName)).toEqual(['20240101000000_a.sql']);
    expect(skipped).toEqual([{ fileName: 'seed.sql', reason: expect.stringContaining('<version>_<name>.sql') }]);
  });

  it('follows a symlinked migration and says so; a broken symlink is an error naming it', async () => {
    const target = dirWith({ 'shared.sql': 'select 42;' });
    const dir = dirWith({ '20240101000000_a.sql': 'select 1;' });
    symlinkSync(join(target, 'shared.sql'), join(dir, '20240102000000_linked.sql'));
    const files = await readMigrationFiles(dir);
    expect(files.map((f) => [f.fileName, f.sql, f.symlinkTarget])).toEqual([
      ['20240101000000_a.sql', 'select 1;', undefined],
      ['20240102000000_linked.sql', 'select 42;', join(target, 'shared.sql')],
    ]);
    symlinkSync(join(target, 'missing.sql'), join(dir, '20240103000000_broken.sql'));
    await expect(readMigrationFiles(dir)).rejects.toMatchObject({
      code: 'broken_symlink',
      file: '20240103000000_broken.sql',
      message: expect.stringContaining('missing.sql'),
    });
  });

  it('checksums content, not line-end style or a BOM (a Windows checkout is not an edit)', async () => {
    const lf = 'create table t (id int);\n-- note\nselect 1;\n';
    const dir = dirWith({
      '1_lf.sql': lf,
      '2_crlf.sql': lf.replace(/\n/g, '\r\n'),
      '3_bom.sql': `\uFEFF${lf}`,
      '4_edit.sql': lf.replace('1', '2'),
    });
    const files = await readMigrationFiles(dir);
    const [a, b, c, d] = files.map((f) => f.checksum);
    expect(a).toBe(createHash('sha256').update(lf).digest('hex'));
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(d).not.toBe(a);
    expect(files[2]?.sql).toBe(lf);
    // What older runs recorded (sha256 of the raw CRLF bytes) still counts as the same content.
    expect(equivalentChecksums(lf).has(createHash('sha256').update(lf.replace(/\n/g, '\r\n')).digest('hex'))).toBe(
      true,
    );
  });

  it('fails clearly when the directory is missing', async () => {
    await expect(readMigrationFiles('/nonexistent/shipline')).rejects.toMatchObject({ code: 'migrations_dir_missing' });
  });
});

describe('isNoTransaction', () => {
  it('honours the marker only in the comment header before the first statement', () => {
    expect(isNoTransaction('-- shipline:no-transaction\ncreate index concurrently i on t (c);')).toBe(true);
    expect(isNoTransaction('\n-- why\n  -- shipline:no-transaction\nselect 1;')).toBe(true);
    expect(isNoTransaction('select 1;\n-- shipline:no-transaction\n')).toBe(false);
    expect(
      isNoTransaction('create function f() returns int language sql as $$\n-- shipline:no-transaction\nselect 1\n$$;'),
    ).toBe(false);
  });
});
