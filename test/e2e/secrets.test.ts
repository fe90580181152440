/**
 * The sentinel test (issue 7 §5): every bundle (validate, migrate) and every CLI command runs with a database
 * password in each accepted form — percent-encoded in the URL, `?password=`, PGPASSWORD, a raw `%` — on success and
 * on each failure path (malformed and oddly formed URLs, unreachable host, wrong password, failing migration,
 * failing backup). No stdout, stderr, output, job summary or annotation may contain the secret, any of its
 * encodings, or any 6-character piece of them. Each run must also have taken the path it is meant to (exit code and
 * a marker), so a run that failed early for another reason cannot pass for a clean one.
 */
import { execFile, spawn } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usePostgres } from '../support/postgres.js';
import { repoRoot, runAction } from '../support/runner.js';

const pg = usePostgres();
const run = promisify(execFile);
const temp = mkdtempSync(join(tmpdir(), 'shipline-secrets-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const hex = () => randomBytes(4).toString('hex');
/** Needs encoding in a URL: every delimiter a password can hold, a non-ASCII letter, a space. */
const SECRET = `Q7/${hex()}@${hex()}#?:%é+ ${hex()}&`;
/** Only legal raw (node-pg repairs the stray `%`s): no valid %XX escape in it. */
const RAW_SECRET = `Rw%zz${hex()}%g${hex()}`;
/** Written unencoded, so the URL parser cuts it into pieces. */
const ODD_SECRET = `Od${hex()}/Sn${hex()}#Tl${hex()}`;
/** Unencoded with a digits-only head: the URL parser reads `user:<digits>` as host and port, the rest as the path. */
const ODD_DIGITS_SECRET = `${1000 + randomInt(8999)}/Sd${hex()}?Sq${hex()}`;
/** A wrong password is as secret as a right one. */
const WRONG_SECRET = `Wr${hex()}-${hex()}`;
const ALL_SECRETS = [SECRET, RAW_SECRET, ODD_SECRET, ODD_DIGITS_SECRET, WRONG_SECRET];

function decodeSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Every form a secret could print in, and every 6-character piece of each (half a secret is a leak). */
function leakPatterns(secret: string): string[] {
  const forms = new Set([
    secret,
    encodeURIComponent(secret),
    encodeURI(secret),
    decodeSafe(secret),
    JSON.stringify(secret).slice(1, -1),
  ]);
  const pieces = new Set<string>();
  for (const form of forms) for (let i = 0; i + 6 <= form.length; i++) pieces.add(form.slice(i, i + 6));
  // Pieces of pure delimiters or of the percent-encoding alphabet alone would match ordinary text.
  return [...pieces].filter((piece) => /[0-9a-f]{3}/i.test(piece.replace(/%[0-9A-F]{2}/g, '')));
}
const PATTERNS = ALL_SECRETS.flatMap(leakPatterns);

/** Fails naming the run and the piece when any text holds a piece of a secret. */
function expectNoSecret(label: string, texts: Record<string, string>): void {
  for (const [where, text] of Object.entries(texts)) {
    const leaked = PATTERNS.find((piece) => text.includes(piece));
    expect(leaked, `${label}: ${where} contains "${leaked}":\n${text}`).toBeUndefined();
  }
}

let server: { host: string; port: string };
let distDir: string;

beforeAll(async () => {
  const admin = new URL(await pg.createDatabase({ name: 'secrets_admin' }));
  server = { host: admin.hostname, port: admin.port };
  const sql = (role: string, password: string) =>
    `create role ${role} login superuser password '${password.replace(/'/g, "''")}'`;
  await pg.query(admin.toString(), sql('sntl_a', SECRET));
  await pg.query(admin.toString(), sql('sntl_b', RAW_SECRET));
  // The bundles as the runner runs them, built from the sources into a temp folder (SHIPLINE_TEST_DIST reuses a
  // folder built earlier, e.g. by CI's build step).
  distDir = process.env.SHIPLINE_TEST_DIST ?? join(temp, 'dist');
  if (!existsSync(join(distDir, 'migrate', 'index.js')) || !existsSync(join(distDir, 'validate', 'index.js'))) {
    await run(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), distDir, 'validate', 'migrate'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
  }
}, 20 * 60_000);

let dbCounter = 0;
/** A fresh database with the Supabase baseline; its name. */
async function freshDatabase(): Promise<string> {
  dbCounter++;
  const url = new URL(await pg.createDatabase({ name: `secrets_${process.pid}_${dbCounter}` }));
  return url.pathname.slice(1);
}

/** One way of handing the database to Shipline: the URL, plus environment variables. */
interface Form {
  name: string;
  url: (db: string, port?: string) => string;
  env: Record<string, string>;
}

const enc = encodeURIComponent;
const FORMS: Form[] = [
  {
    name: 'userinfo, percent-encoded',
    url: (db, port = server.port) => `postgres://sntl_a:${enc(SECRET)}@${server.host}:${port}/${db}`,
    env: {},
  },
  {
    name: '?password= query',
    url: (db, port = server.port) =>
      `postgresql://sntl_a@${server.host}:${port}/${db}?sslmode=disable&password=${enc(SECRET)}`,
    env: {},
  },
  {
    name: 'PGPASSWORD',
    url: (db, port = server.port) => `postgres://sntl_a@${server.host}:${port}/${db}`,
    env: { PGPASSWORD: SECRET },
  },
  {
    name: 'raw % in the password',
    url: (db, port = server.port) => `postgres://sntl_b:${RAW_SECRET}@${server.host}:${port}/${db}`,
    env: {},
  },
];

/** Malformed and oddly formed URLs: each must be refused without printing any part of the password. */
const BAD_URLS = (db: string): Array<[string, string]> => [
  ['unencoded / # in the password', `postgres://sntl_a:${ODD_SECRET}@${server.host}:${server.port}/${db}`],
  ['unencoded / ? after digits', `postgres://sntl_a:${ODD_DIGITS_SECRET}@${server.host}:${server.port}/${db}`],
  ['missing colon after the scheme', `postgres//sntl_a:${enc(SECRET)}@${server.host}:${server.port}/${db}`],
  ['not PostgreSQL', `mysql://sntl_a:${enc(SECRET)}@${server.host}:${server.port}/${db}`],
  ['escape that is not UTF-8', `postgres://sntl_a:${enc(WRONG_SECRET)}%ff@${server.host}:${server.port}/${db}`],
];

const WRONG_FORMS: Array<[string, (db: string) => string, Record<string, string>]> = [
  [
    'wrong password in the URL',
    (db) => `postgres://sntl_a:${enc(WRONG_SECRET)}@${server.host}:${server.port}/${db}`,
    {},
  ],
  [
    'wrong password in the query',
    (db) => `postgres://sntl_a@${server.host}:${server.port}/${db}?password=${enc(WRONG_SECRET)}`,
    {},
  ],
  ['wrong PGPASSWORD', (db) => `postgres://sntl_a@${server.host}:${server.port}/${db}`, { PGPASSWORD: WRONG_SECRET }],
];

const GOOD_MIGRATIONS = {
  '20240101000000_create_notes.sql': 'create table public.notes (id bigint primary key, body text);\n',
  '20240102000000_index_notes.sql': 'create index notes_body_idx on public.notes (body);\n',
};

/** A repository with a config and the given migrations; its root. */
function project(migrations: Record<string, string>, config = 'version: 1\n'): string {
  const root = mkdtempSync(join(temp, 'repo-'));
  mkdirSync(join(root, '.github'), { recursive: true });
  writeFileSync(join(root, '.github', 'shipline.yml'), config);
  const dir = join(root, 'supabase', 'migrations');
  mkdirSync(dir, { recursive: true });
  for (const [name, sql] of Object.entries(migrations)) writeFileSync(join(dir, name), sql);
  return root;
}

/** A migration that fails, with the password on the statement's first line right across the 200-character cut. */
function failingMigration(secret: string): Record<string, string> {
  // `create table public.broken (note text default '` is 47 characters, `' || '` 6: the secret starts at 190.
  const pad = 'x'.repeat(190 - 47 - 6);
  return {
    ...GOOD_MIGRATIONS,
    '20240103000000_broken.sql': `create table public.broken (note text default '${pad}' || '${secret}', price numerc);\n`,
  };
}

/**
 * A folder with a pg_dump that prints what it was given (arguments and PGPASSWORD) and fails; it also writes its
 * arguments to `argv.log` there, which must hold no credential (other processes can read a command line).
 */
function leakyPgDump(): { bin: string; path: string } {
  const bin = mkdtempSync(join(temp, 'bin-'));
  const stub = join(bin, 'pg_dump');
  writeFileSync(
    stub,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${bin}/argv.log"\necho "pg_dump: error: args [$*] password [$PGPASSWORD]" >&2\nexit 1\n`,
  );
  chmodSync(stub, 0o755);
  return { bin, path: `${bin}:${process.env.PATH ?? ''}` };
}

interface Outcome {
  exitCode: number | null;
  texts: Record<string, string>;
  all: string;
}

/** Runs a bundled action; returns everything a reader of the job could see. */
async function action(
  name: 'migrate' | 'validate',
  root: string,
  inputs: Record<string, string>,
  env: Record<string, string>,
): Promise<Outcome> {
  const result = await runAction(name, {
    inputs,
    env: { GITHUB_WORKSPACE: root, ...env },
    cwd: root,
    distDir,
    timeoutMs: 180_000,
  });
  const stdout = result.stdout.replace(/^::add-mask::.*$/gm, '');
  const texts = {
    stdout,
    stderr: result.stderr,
    outputs: JSON.stringify(result.outputs),
    summary: result.summary,
    annotations: JSON.stringify(result.annotations),
  };
  return { exitCode: result.exitCode, texts, all: Object.values(texts).join('\n') };
}

/** Runs `shipline <args>` from the sources the way a checkout runs it (tsx), as a child process. */
function cli(args: string[], cwd: string, env: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'cli', 'main.ts'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: temp, USER: 'sentinel', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('error', reject);
    child.on('close', (exitCode) => {
      clearTimeout(timer);
      resolve({ exitCode, texts: { stdout, stderr }, all: `${stdout}\n${stderr}` });
    });
  });
}

/** Runs `jobs` two at a time (the machine is shared), in order of their results. */
async function limited<T>(jobs: Array<() => Promise<T>>, width = 2): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < jobs.length) {
        const index = next++;
        results[index] = await (jobs[index] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

type Runner = (
  root: string,
  url: string,
  env: Record<string, string>,
  extra?: Record<string, string>,
) => Promise<Outcome>;

const migrateRunners: Record<string, Runner> = {
  'migrate action (input)': (root, url, env, extra = {}) =>
    action('migrate', root, { 'database-url': url, 'backup-dir': join(root, 'backups'), ...extra }, env),
  'migrate action (SUPABASE_DB_URL)': (root, url, env, extra = {}) =>
    action('migrate', root, { 'backup-dir': join(root, 'backups'), ...extra }, { ...env, SUPABASE_DB_URL: url }),
  'shipline migrate (--db-url)': (root, url, env, extra = {}) =>
    cli(
      [
        'migrate',
        '--db-url',
        url,
        '--backup-dir',
        join(root, 'backups'),
        ...(extra.backup === 'false' ? ['--no-backup'] : []),
      ],
      root,
      env,
    ),
  'shipline migrate (SUPABASE_DB_URL)': (root, url, env, extra = {}) =>
    cli(
      ['migrate', '--backup-dir', join(root, 'backups'), ...(extra.backup === 'false' ? ['--no-backup'] : [])],
      root,
      {
        ...env,
        SUPABASE_DB_URL: url,
      },
    ),
};

const validateRunners: Record<string, Runner> = {
  'validate action (input)': (root, url, env) => action('validate', root, { 'database-url': url }, env),
  'shipline validate (--db-url)': (root, url, env) => cli(['validate', '--db-url', url, '--json'], root, env),
  'shipline validate (SUPABASE_DB_URL)': (root, url, env) => cli(['validate'], root, { ...env, SUPABASE_DB_URL: url }),
};

describe.each(Object.entries(migrateRunners))('%s never prints the password', (label, runner) => {
  it('on success, with a backup, in every accepted form', async () => {
    const outcomes = await limited(
      FORMS.map((form) => async () => {
        const root = project(GOOD_MIGRATIONS);
        return [form.name, await runner(root, form.url(await freshDatabase()), form.env)] as const;
      }),
    );
    for (const [name, outcome] of outcomes) {
      expect(outcome.exitCode, `${label} / ${name}:\n${outcome.all}`).toBe(0);
      expect(outcome.all).toContain('20240102000000');
      expectNoSecret(`${label} / ${name}`, outcome.texts);
    }
  }, 600_000);

  it('on a malformed or oddly formed URL, naming the problem', async () => {
    const db = await freshDatabase();
    const outcomes = await limited(
      BAD_URLS(db).map(
        ([name, url]) =>
          async () =>
            [name, await runner(project(GOOD_MIGRATIONS), url, {})] as const,
      ),
    );
    for (const [name, outcome] of outcomes) {
      expect(outcome.exitCode, `${label} / ${name}:\n${outcome.all}`).not.toBe(0);
      expect(outcome.all).toMatch(/malformed|oddly formed|not a PostgreSQL URL|not valid UTF-8/);
      expectNoSecret(`${label} / ${name}`, outcome.texts);
    }
  }, 600_000);

  it('on an unreachable host and on a wrong password, in every form', async () => {
    const db = await freshDatabase();
    const jobs: Array<() => Promise<readonly [string, string, Outcome]>> = [
      ...FORMS.map(
        (form) => async () =>
          ['unreachable', form.name, await runner(project(GOOD_MIGRATIONS), form.url(db, '1'), form.env)] as const,
      ),
      ...WRONG_FORMS.map(
        ([name, url, env]) =>
          async () =>
            ['wrong password', name, await runner(project(GOOD_MIGRATIONS), url(db), env)] as const,
      ),
    ];
    for (const [kind, name, outcome] of await limited(jobs)) {
      expect(outcome.exitCode, `${label} / ${kind} / ${name}:\n${outcome.all}`).not.toBe(0);
      expect(outcome.all).toMatch(
        kind === 'unreachable' ? /ECONNREFUSED|Cannot connect/ : /password authentication failed/,
      );
      expectNoSecret(`${label} / ${kind} / ${name}`, outcome.texts);
    }
  }, 600_000);

  it('on a failing migration whose statement holds the password, and on a failing backup', async () => {
    const jobs = FORMS.flatMap(
      (form): Array<() => Promise<readonly [string, string, Outcome]>> => [
        async () => {
          const secret = form.name === 'raw % in the password' ? RAW_SECRET : SECRET;
          const root = project(failingMigration(secret));
          return [
            'migration',
            form.name,
            await runner(root, form.url(await freshDatabase()), form.env, { backup: 'false' }),
          ] as const;
        },
        async () => {
          const root = project(GOOD_MIGRATIONS);
          const stub = leakyPgDump();
          const outcome = await runner(root, form.url(await freshDatabase()), { ...form.env, PATH: stub.path });
          const argv = existsSync(join(stub.bin, 'argv.log')) ? readFileSync(join(stub.bin, 'argv.log'), 'utf8') : '';
          return ['backup', form.name, { ...outcome, texts: { ...outcome.texts, 'pg_dump argv': argv } }] as const;
        },
      ],
    );
    for (const [kind, name, outcome] of await limited(jobs)) {
      expect(outcome.exitCode, `${label} / ${kind} / ${name}:\n${outcome.all}`).not.toBe(0);
      expect(outcome.all).toContain(kind === 'migration' ? 'numerc' : 'pg_dump: error: args [');
      expectNoSecret(`${label} / ${kind} / ${name}`, outcome.texts);
    }
  }, 600_000);
});

describe.each(Object.entries(validateRunners))('%s never prints the password', (label, runner) => {
  // A command that prints the database variables it can see, and fails so its output is shown.
  const config =
    'version: 1\nvalidate:\n  commands:\n    - name: env\n      run: ["sh", "-c", "echo url=$SUPABASE_DB_URL pw=$PGPASSWORD; exit 1"]\n';

  it('with a reachable database in every form (the plan check passes)', async () => {
    const outcomes = await limited(
      FORMS.map(
        (form) => async () =>
          [
            form.name,
            await runner(project(GOOD_MIGRATIONS, config), form.url(await freshDatabase()), form.env),
          ] as const,
      ),
    );
    for (const [name, outcome] of outcomes) {
      expect(outcome.all, `${label} / ${name}`).toMatch(/2 pending: 20240101000000, 20240102000000/);
      expectNoSecret(`${label} / ${name}`, outcome.texts);
    }
  }, 600_000);

  it('on bad URLs, an unreachable host and a wrong password', async () => {
    const db = await freshDatabase();
    const repo = () => project(GOOD_MIGRATIONS, config);
    const BAD = /malformed|oddly formed|not a PostgreSQL URL|not valid UTF-8/;
    const jobs: Array<() => Promise<readonly [string, RegExp, Outcome]>> = [
      ...BAD_URLS(db).map(
        ([name, url]) =>
          async () =>
            [name, BAD, await runner(repo(), url, {})] as const,
      ),
      ...FORMS.map(
        (form) => async () =>
          [
            `unreachable, ${form.name}`,
            /ECONNREFUSED|Cannot connect/,
            await runner(repo(), form.url(db, '1'), form.env),
          ] as const,
      ),
      ...WRONG_FORMS.map(
        ([name, url, env]) =>
          async () =>
            [name, /password authentication failed/, await runner(repo(), url(db), env)] as const,
      ),
    ];
    for (const [name, marker, outcome] of await limited(jobs)) {
      expect(outcome.exitCode, `${label} / ${name}:\n${outcome.all}`).not.toBe(0);
      expect(outcome.all, `${label} / ${name}`).toMatch(marker);
      expectNoSecret(`${label} / ${name}`, outcome.texts);
    }
  }, 600_000);
});

describe('the other CLI commands never print a secret they are given', () => {
  it('help, usage errors and unknown commands, with the secret in the arguments and the environment', async () => {
    const url = `postgres://sntl_a:${enc(SECRET)}@${server.host}:${server.port}/postgres`;
    const env = { PGPASSWORD: SECRET, SUPABASE_DB_URL: url };
    const root = project(GOOD_MIGRATIONS);
    const runs: Array<[string[], number]> = [
      [['--help'], 0],
      [['start', '--help'], 0],
      [['emulate', '--help'], 0],
      [['migrate', '--help'], 0],
      [['validate', '--help'], 0],
      [['migrat', '--db-url', url], 2],
      [['migrate', '--db-url', url, '--bogus', url], 2],
      [['validate', '--db-url', url, '--cwd', join(root, 'missing')], 2],
    ];
    const outcomes = await limited(
      runs.map(
        ([args]) =>
          () =>
            cli(args, root, env),
      ),
    );
    runs.forEach(([args, code], i) => {
      const outcome = outcomes[i] as Outcome;
      // Help exits 0; usage errors must fail (their exact code is issue 7 §1's).
      if (code === 0) expect(outcome.exitCode, `${args.join(' ')}:\n${outcome.all}`).toBe(0);
      else expect(outcome.exitCode, `${args.join(' ')}:\n${outcome.all}`).not.toBe(0);
      expect(outcome.all.trim(), args.join(' ')).not.toBe('');
      expectNoSecret(`shipline ${args[0]}`, outcome.texts);
    });
  }, 600_000);
});
