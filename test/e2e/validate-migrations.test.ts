/** The bundled validate action linting and planning migrations (libpg-query's WASM loaded from dist/validate). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../support/postgres.js';
import { runAction } from '../support/runner.js';

const pgt = usePostgres();
const temp = mkdtempSync(join(tmpdir(), 'shipline-e2e-validate-migrations-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function workspace(files: Record<string, string>): string {
  const dir = mkdtempSync(join(temp, 'ws-'));
  mkdirSync(join(dir, 'app', '.github'), { recursive: true });
  mkdirSync(join(dir, 'app', 'supabase', 'migrations'), { recursive: true });
  writeFileSync(join(dir, 'app', '.github', 'shipline.yml'), 'version: 1\n');
  for (const [name, sql] of Object.entries(files)) {
    writeFileSync(join(dir, 'app', 'supabase', 'migrations', name), sql);
  }
  return dir;
}

describe('validate action (bundle) with migrations', () => {
  it('annotates a destructive migration on its file and line, from the repository root', async () => {
    const cwd = workspace({
      '20240101000000_items.sql': "set lock_timeout = '5s';\ncreate table items (id int primary key, title text);\n",
      '20240102000000_drop.sql': "set lock_timeout = '5s';\n\nalter table items drop column title;\n",
    });
    const run = await runAction('validate', {
      cwd,
      env: { GITHUB_WORKSPACE: cwd },
      inputs: { 'working-directory': 'app' },
    });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.passed).toBe('false');
    const drop = run.annotations.find((a) => a.message.includes('drop'));
    expect(drop?.level).toBe('error');
    expect(drop?.properties).toMatchObject({ file: 'app/supabase/migrations/20240102000000_drop.sql', line: '3' });
    expect(run.summary).toContain('Migration lint');
  });

  it('checks the plan against the database given as a masked input', async () => {
    const url = await pgt.createDatabase();
    const cwd = workspace({ '20240101000000_items.sql': "set lock_timeout = '5s';\ncreate table items (id int);\n" });
    const run = await runAction('validate', {
      cwd,
      env: { GITHUB_WORKSPACE: cwd },
      inputs: { 'working-directory': 'app', 'database-url': url },
    });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(run.outputs.report ?? '{}') as { checks: Array<{ id: string; message: string }> };
    expect(report.checks.find((c) => c.id === 'migration-plan')?.message).toContain('1 pending: 20240101000000');
    const password = decodeURIComponent(new URL(url).password);
    expect(run.masks).toContain(password);
    expect(run.visible).not.toContain(password);
  });
});
