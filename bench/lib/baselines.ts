import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform } from 'node:os';
import { dirname, join } from 'node:path';
import type { GeneratedMigration } from './generate-migrations.js';
import { runProcess } from './processes.js';

/**
 * Writes the psql floor script: every file inside its own `begin; … commit;`, in version order, in one
 * script. Nothing else: no history table, no checksums, no lock. This is what applying the files costs at least.
 */
export function writePsqlScript(path: string, migrations: readonly GeneratedMigration[]): string {
  const parts = migrations.map((m) => `-- ${m.fileName}\nbegin;\n${m.sql}\n;\ncommit;\n`);
  writeFileSync(path, parts.join(''));
  return path;
}

/** The floor: ONE psql process, one connection, running the script written by `writePsqlScript`. */
export async function applyWithPsql(databaseUrl: string, scriptPath: string, psql = 'psql'): Promise<void> {
  // -X: no ~/.psqlrc; -q: quiet; ON_ERROR_STOP: the first error fails the run (the files must apply cleanly).
  await runProcess(psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', databaseUrl, '-f', scriptPath], {
    redact: (text) => text.replaceAll(databaseUrl, '<database-url>'),
  });
}

const CLI_PACKAGES: Record<string, Record<string, string[]>> = {
  linux: { x64: ['linux-x64', 'linux-x64-musl'], arm64: ['linux-arm64', 'linux-arm64-musl'] },
  darwin: { x64: ['darwin-x64'], arm64: ['darwin-arm64'] },
  win32: { x64: ['windows-x64'], arm64: ['windows-arm64'] },
};

/**
 * Path of the Supabase CLI binary the `supabase` npm package ships (`@supabase/cli-<platform>/bin/supabase`),
 * so the benchmark runs it directly instead of paying for npx and the package's Node wrapper.
 */
export function supabaseCliBinary(): string {
  const require = createRequire(import.meta.url);
  for (const suffix of CLI_PACKAGES[platform()]?.[arch()] ?? []) {
    try {
      const pkg = require.resolve(`@supabase/cli-${suffix}/package.json`);
      return join(dirname(pkg), 'bin', platform() === 'win32' ? 'supabase.exe' : 'supabase');
    } catch {
      // try the next candidate
    }
  }
  throw new Error(
    `No Supabase CLI binary package (@supabase/cli-*) for ${platform()}-${arch()}; is the supabase package installed?`,
  );
}

/** `supabase db push --db-url <url> --yes --workdir <root>`; `root` holds the `supabase/migrations` folder. */
export async function applyWithSupabaseCli(
  databaseUrl: string,
  root: string,
  binary = supabaseCliBinary(),
): Promise<void> {
  await runProcess(binary, ['db', 'push', '--db-url', databaseUrl, '--yes', '--workdir', root], {
    cwd: root,
    env: { ...process.env, DO_NOT_TRACK: '1', SUPABASE_TELEMETRY_DISABLED: '1' },
    redact: (text) => text.replaceAll(databaseUrl, '<database-url>'),
  });
}
