import { spawnSync } from 'node:child_process';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleAction } from '../../bench/lib/bundle.js';
import { exampleProject, tempDir } from '../integration/migrations/helpers.js';
import { usePostgres } from '../support/postgres.js';
import { type RunActionOptions, repoRoot, runAction as runBundle } from '../support/runner.js';

const pg = usePostgres();

// A bundle of the current sources laid out like dist/migrate (a dist/ left from an earlier build would test old
// code; ncc's build type-checks the whole repository and takes minutes on this machine).
const distDir = tempDir('e2e-migrate-dist');
beforeAll(async () => {
  await bundleAction('migrate', distDir);
}, 120_000);

const runAction = (name: string, options: RunActionOptions) => runBundle(name, { ...options, distDir });

describe('migrate action (dist/migrate bundle, as the runner runs it)', () => {
  it('applies the example migrations with a backup, sets outputs, masks the URL and writes the summary', async () => {
    const url = await pg.createDatabase();
    const { root } = exampleProject();
    const backupDir = tempDir('e2e-backup');
    const run = await runAction('migrate', {
      inputs: { 'database-url': url, 'backup-dir': backupDir },
      env: { GITHUB_WORKSPACE: root },
      cwd: root,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    const applied = JSON.parse(run.outputs.applied ?? '[]') as Array<{
      version: string;
      name: string;
      durationMs: number;
    }>;
    expect(applied.map((a) => a.name)).toEqual([
      'create_profiles',
      'create_products',
      'create_orders',
      'index_orders_by_user',
      'profile_on_signup',
    ]);
    expect(applied.every((a) => Number.isInteger(a.durationMs))).toBe(true);
    expect(JSON.parse(run.outputs.pending ?? 'null')).toEqual([]);
    expect(run.outputs['head-version']).toBe('20240901094000');
    expect(statSync(run.outputs['backup-path'] ?? '').size).toBeGreaterThan(0);
    expect(run.masks).toContain(url);
    expect(run.masks).toContain(pg.server.password);
    const visibleMasksStart = run.stdout.indexOf(`::add-mask::${url}`);
    expect(visibleMasksStart).toBeGreaterThanOrEqual(0);
    expect(run.stdout.slice(0, visibleMasksStart)).not.toContain(pg.server.password);
    expect(run.summary).toContain('Database migrations');
    expect(run.summary).toContain('| `20240901093000` | index_orders_by_user | applied now |');
    expect(run.summary).not.toContain(pg.server.password);

    const again = await runAction('migrate', {
      inputs: { 'database-url': url, 'dry-run': 'true' },
      cwd: root,
      env: { GITHUB_WORKSPACE: root },
    });
    expect(again.exitCode).toBe(0);
    expect(again.outputs.applied).toBe('[]');
    expect(again.outputs['backup-path']).toBe('');
  });

  it('fails with an error annotation on the file and line, and never prints the password', async () => {
    const url = await pg.createDatabase();
    const { root, dir } = exampleProject();
    writeFileSync(
      join(dir, '20240902080000_broken.sql'),
      "set lock_timeout = '5s';\n\nalter table public.products\n  add column price numerc;\n",
    );
    const run = await runAction('migrate', {
      inputs: { backup: 'false' },
      env: { GITHUB_WORKSPACE: root, SUPABASE_DB_URL: url },
      cwd: root,
    });
    expect(run.exitCode).toBe(1);
    const annotation = run.annotations.find((a) => a.level === 'error' && a.properties.file);
    expect(annotation?.properties).toMatchObject({
      file: 'supabase/migrations/20240902080000_broken.sql',
      line: '4',
      col: '20',
    });
    expect(annotation?.message).toContain('type "numerc" does not exist');
    expect(JSON.parse(run.outputs.applied ?? '[]')).toHaveLength(5);
    const printed = run.visible;
    expect(printed).not.toContain(pg.server.password);
    // The summary is Markdown: `**Failed**` after a raw <h2> would render as literal asterisks.
    expect(run.summary).toMatch(/^## Database migrations\n\n\*\*Failed\*\* \(`migration_failed`\)\n\n/);
    expect(run.summary).not.toMatch(/<h2>/);
  });

  it('applies and succeeds without GITHUB_STEP_SUMMARY (the summary is optional)', async () => {
    const url = await pg.createDatabase();
    const { root } = exampleProject();
    const run = await runAction('migrate', {
      inputs: { 'database-url': url, backup: 'false' },
      env: { GITHUB_WORKSPACE: root, GITHUB_STEP_SUMMARY: '' },
      cwd: root,
    });
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(JSON.parse(run.outputs.applied ?? '[]')).toHaveLength(5);
    expect(run.stdout).not.toContain('::error');
  });

  it('fails cleanly on a wrong password without printing it', async () => {
    const url = await pg.createDatabase();
    const { root } = exampleProject();
    const bad = url.replace(encodeURIComponent(pg.server.password), 'An0ther-Secret');
    const run = await runAction('migrate', {
      inputs: { 'database-url': bad, backup: 'false' },
      cwd: root,
      env: { GITHUB_WORKSPACE: root },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain('Cannot connect to');
    const printed = run.visible;
    expect(printed).not.toContain('An0ther-Secret');
    expect(printed).not.toContain(bad);
  });
});

describe('shipline migrate with a database URL that is not PostgreSQL (as `npm run shipline -- migrate` runs it)', () => {
  it.each([
    ['postgres//postgres:Hunter2-Secret@db.example.com:5432/postgres', 'malformed'],
    ['mysql://root:Hunter2-Secret@db.example.com:3306/shop', 'not a PostgreSQL URL'],
  ])('refuses %s with exit 2 before connecting, without printing it', (url, words) => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'migrate', '--db-url', url], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain(words);
    expect(run.stderr + run.stdout).not.toContain('Hunter2-Secret');
    expect(run.stderr).not.toContain('ENOTFOUND');
  });
});
