/**
 * The `shipline` command the way a user gets it: `npm pack` the project, install the tarball into an empty folder
 * with production dependencies only, and run `npx shipline …` there; plus the README's `npm run shipline -- …` in
 * the checkout. Every run is a child process.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../support/postgres.js';
import { repoRoot } from '../support/runner.js';

const pg = usePostgres();
const temp = mkdtempSync(join(tmpdir(), 'shipline-package-'));
// As root, the embedded server runs as `postgres`: it must be able to enter the installed package's folders.
chmodSync(temp, 0o755);
const installDir = join(temp, 'user-project');
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** PATH with the Node that runs these tests first, so npm, npx and the `#!/usr/bin/env node` bin all use it. */
const env = {
  ...process.env,
  PATH: `${join(process.execPath, '..')}:${process.env.PATH ?? ''}`,
  NO_COLOR: '1',
  npm_config_update_notifier: 'false',
};
delete (env as Record<string, string | undefined>).SUPABASE_DB_URL;

function run(cmd: string, args: string[], cwd: string, timeout = 120_000) {
  const res = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout });
  return { status: res.status, stdout: res.stdout ?? '', stderr: res.stderr ?? '', error: res.error };
}

beforeAll(() => {
  // A copy of the project (sources, no dist/, no .git), packed with its own `prepack` build, like a release.
  const project = join(temp, 'project');
  const skip = new Set(['node_modules', '.git', 'dist', '.shipline', 'coverage']);
  cpSync(repoRoot, project, {
    recursive: true,
    filter: (src) => !skip.has(basename(src)) || relative(repoRoot, src).includes('/'),
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(project, 'node_modules'));
  const pack = run('npm', ['pack', '--json', '--pack-destination', temp], project, 300_000);
  expect(pack.status, `${pack.stdout}${pack.stderr}`).toBe(0);
  const tarball = readdirSync(temp).find((f) => f.endsWith('.tgz'));
  expect(tarball).toBeDefined();

  mkdirSync(installDir);
  writeFileSync(join(installDir, 'package.json'), '{ "name": "user-project", "private": true }\n');
  const install = run(
    'npm',
    [
      'install',
      '--omit=dev',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
      '--foreground-scripts=false',
      join(temp, tarball as string),
    ],
    installDir,
    600_000,
  );
  expect(install.status, `${install.stdout}${install.stderr}`).toBe(0);
  expect(install.stderr).not.toContain('EBADENGINE');
}, 900_000);

describe('the installed package (npm pack, npm install --omit=dev)', () => {
  it('ships the compiled CLI and no development files', () => {
    const files = readdirSync(join(installDir, 'node_modules', 'shipline')).sort();
    expect(files).toEqual(['README.md', 'bin', 'dist', 'package.json']);
    expect(readdirSync(join(installDir, 'node_modules', 'shipline', 'dist'))).toEqual(['cli']);
    // Development dependencies are not installed: the command must not need them.
    expect(() => readdirSync(join(installDir, 'node_modules', 'tsx'))).toThrow();
  });

  it('`npx shipline --help` lists every command and each command has its own --help', () => {
    const help = run('npx', ['--no-install', 'shipline', '--help'], installDir);
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    const names = [...help.stdout.matchAll(/^ {2}(\w[\w-]*)$/gm)].map((m) => m[1] as string);
    expect(names).toEqual(expect.arrayContaining(['validate', 'migrate', 'start', 'emulate']));
    for (const name of names) {
      const own = run('npx', ['--no-install', 'shipline', name, '--help'], installDir);
      expect(own.status, `${name} --help: ${own.stderr}`).toBe(0);
      expect(own.stdout).toContain(`Usage: shipline ${name}`);
    }
  });

  it('an unknown command exits 2 with a suggestion; no command prints usage and exits 2', () => {
    const unknown = run('npx', ['--no-install', 'shipline', 'migrat'], installDir);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "migrat". Did you mean `migrate`?');
    const none = run('npx', ['--no-install', 'shipline'], installDir);
    expect(none.status).toBe(2);
    expect(none.stdout).toContain('Usage: shipline <command>');
  });

  it('`npx shipline migrate --db-url` applies migrations to a real PostgreSQL', async () => {
    const url = await pg.createDatabase();
    const migrations = join(installDir, 'supabase', 'migrations');
    mkdirSync(migrations, { recursive: true });
    writeFileSync(
      join(migrations, '20260101000000_orders.sql'),
      'create table public.orders (id bigint primary key);\n',
    );
    const migrate = run(
      'npx',
      ['--no-install', 'shipline', 'migrate', '--db-url', url, '--dir', 'supabase/migrations', '--no-backup'],
      installDir,
    );
    expect(migrate.status, `${migrate.stdout}${migrate.stderr}`).toBe(0);
    const rows = await pg.query<{ version: string }>(url, 'select version from supabase_migrations.schema_migrations');
    expect(rows.map((r) => r.version)).toEqual(['20260101000000']);
    expect(await pg.query(url, "select to_regclass('public.orders')::text as t")).toEqual([{ t: 'orders' }]);
    // A failing run reports failure through the exit code (CI must not see success).
    writeFileSync(join(migrations, '20260102000000_broken.sql'), 'create table public.orders (id bigint);\n');
    const failing = run(
      'npx',
      ['--no-install', 'shipline', 'migrate', '--db-url', url, '--dir', 'supabase/migrations', '--no-backup'],
      installDir,
    );
    expect(failing.status).toBe(1);
  });
});

describe('`npm run shipline -- …` in the checkout (README)', () => {
  it('prints help, runs a command and passes its exit code on', () => {
    const help = run('npm', ['run', '--silent', 'shipline', '--', '--help'], repoRoot);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: shipline <command>');
    const own = run('npm', ['run', '--silent', 'shipline', '--', 'validate', '--help'], repoRoot);
    expect(own.status).toBe(0);
    expect(own.stdout).toContain('Usage: shipline validate');
    const unknown = run('npm', ['run', '--silent', 'shipline', '--', 'nope'], repoRoot);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown command "nope"');
  });
});
