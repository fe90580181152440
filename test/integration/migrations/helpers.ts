import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The example app's migrations (the realistic shop schema). */
export const EXAMPLE_MIGRATIONS = resolve(
  import.meta.dirname,
  '..',
  '..',
  '..',
  'examples',
  'app',
  'supabase',
  'migrations',
);

const created: string[] = [];
process.once('exit', () => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

/** A temp directory (removed when the test process exits); `prefix` names it. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `shipline-${prefix}-`));
  created.push(dir);
  return dir;
}

/** A temp directory holding the given migration files (name -> SQL). */
export function migrationsDir(files: Record<string, string>): string {
  const dir = tempDir('migrations');
  for (const [name, sql] of Object.entries(files)) writeFileSync(join(dir, name), sql);
  return dir;
}

/** A temp Supabase project (`<root>/supabase/migrations`) seeded with the example migrations; returns the root. */
export function exampleProject(): { root: string; dir: string } {
  const root = tempDir('project');
  const dir = join(root, 'supabase', 'migrations');
  cpSync(EXAMPLE_MIGRATIONS, dir, { recursive: true });
  return { root, dir };
}

/** Result of a `shipline migrate` child process. */
export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

const REPO = resolve(import.meta.dirname, '..', '..', '..');
const CLI_FIXTURE = resolve(import.meta.dirname, 'fixtures', 'run-cli.ts');

/** Starts `shipline migrate …args` as a separate Node process; `done` settles when it exits. */
export function spawnMigrate(args: string[]): { child: ChildProcess; done: Promise<CliRun> } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI_FIXTURE, ...args], {
    cwd: REPO,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<CliRun>((resolvePromise, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  return { child, done };
}
