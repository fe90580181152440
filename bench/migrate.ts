/**
 * Benchmark: apply 500 generated migrations to a fresh database three ways, on one embedded PostgreSQL 15:
 *   1. Shipline as the GitHub runner starts it: `node <bundle>/migrate/index.js` (a fresh bundle of the sources, or
 *      dist/ with --dist) with INPUT_* variables (advisory lock,
 *      history + checksums, one transaction per file, backup off), one process per run like the other two;
 *   2. the Supabase CLI: `supabase db push --db-url … --yes` (its binary, run directly);
 *   3. the floor: one psql process, one connection, every file inside its own begin/commit, no history.
 * Each way runs several times, interleaved, each on a fresh `CREATE DATABASE`; medians count. Next to wall
 * time it records CPU time (client + server) from /proc, which a busy shared machine disturbs far less.
 * When a target is missed (or with --profile) one extra instrumented in-process migrate() shows where its time goes.
 * Prints everything, writes bench/results/migrate.json, and exits 0 even when a target is missed.
 *
 * Usage: tsx bench/migrate.ts [--runs 5] [--count 500] [--seed 20240101] [--profile] [--keep] [--dist]
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { startPostgres } from '../emulators/postgres/embedded.js';
import { cloneDatabase, createSupabaseTemplate } from '../emulators/postgres/template.js';
import { systemClock } from '../lib/core/clock.js';
import { silentLogger } from '../lib/core/logger.js';
import { Redactor } from '../lib/core/redact.js';
import { migrate } from '../lib/supabase/migrations/migrate.js';
import { applyWithPsql, applyWithSupabaseCli, supabaseCliBinary, writePsqlScript } from './lib/baselines.js';
import { clientCpuMs, findPostmasterPid, serverCpuMs } from './lib/cpu.js';
import { generateMigrations, writeMigrations } from './lib/generate-migrations.js';
import { profileQueries, type QueryProfile } from './lib/query-profile.js';
import { applyWithShipline, ensureMigrateBundle } from './lib/shipline.js';
import { formatMs, median } from './lib/stats.js';

type Way = 'shipline' | 'supabaseCli' | 'psqlFloor';
const WAYS: Way[] = ['shipline', 'supabaseCli', 'psqlFloor'];

const TARGETS = {
  /** Shipline may cost at most 15 % more than the bare minimum of applying the files. */
  'shipline/psql-floor': 1.15,
  /** …and must take at most 60 % of the Supabase CLI's time. */
  'shipline/supabase-cli': 0.6,
} as const;
type RatioName = keyof typeof TARGETS;

const LABELS: Record<Way, string> = {
  shipline: 'Shipline (node dist/migrate/index.js)',
  supabaseCli: 'supabase db push',
  psqlFloor: 'psql floor (1 process, begin/commit per file)',
};

/** One timed run of one way. CPU figures are undefined without /proc. */
interface Sample {
  wallMs: number;
  clientCpuMs: number;
  serverCpuMs?: number;
  load: number;
}

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    count: { type: 'string', default: '500' },
    seed: { type: 'string', default: '20240101' },
    profile: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    /** Measure dist/migrate instead of a fresh bundle of the sources. */
    dist: { type: 'boolean', default: false },
  },
});
const runs = Math.max(1, Number(args.runs));
const count = Math.max(1, Number(args.count));
const seed = Number(args.seed);

const repoRoot = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'shipline-bench-migrate-'));
const migrations = generateMigrations({ count, seed });
const migrationsDir = writeMigrations(work, migrations);
const psqlScript = writePsqlScript(join(work, 'floor.sql'), migrations);
const cli = supabaseCliBinary();
const totalBytes = migrations.reduce((sum, m) => sum + Buffer.byteLength(m.sql), 0);
console.log(`Generated ${migrations.length} migrations (${(totalBytes / 1024).toFixed(0)} KiB) in ${migrationsDir}`);

const bundle = await ensureMigrateBundle(join(work, 'bundle'), args.dist);
console.log(`Shipline bundle: ${bundle}`);
// No baseline on `postgres`: only the template below needs it.
const server = await startPostgres();
const postmaster = findPostmasterPid();
const admin = new pg.Client({ connectionString: server.url, application_name: 'bench-admin' });
admin.on('error', () => undefined);

function applyWith(way: Way, url: string): Promise<unknown> {
  if (way === 'supabaseCli') return applyWithSupabaseCli(url, work, cli);
  if (way === 'psqlFloor') return applyWithPsql(url, psqlScript);
  return applyWithShipline(url, work, bundle);
}

/** The same work in this process, for the instrumented profile only (never timed against the others). */
function migrateInProcess(url: string): Promise<unknown> {
  return migrate({
    databaseUrl: url,
    migrationsDir,
    dryRun: false,
    allowOutOfOrder: false,
    lockTimeout: '5s',
    statementTimeout: '15min',
    advisoryLockTimeoutMs: 60_000,
    backupDir: undefined,
    logger: silentLogger,
    redactor: new Redactor(),
    clock: systemClock,
  });
}

/** Every created table and history row must be there: a fast run that applied nothing would be meaningless. */
async function verify(way: Way, url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    const tables = await client.query<{ n: string }>(`select count(*) as n from pg_tables where schemaname = 'public'`);
    const expected = migrations.filter((m) => m.name.startsWith('create_')).length;
    if (Number(tables.rows[0]?.n) < expected) {
      throw new Error(`${way}: ${tables.rows[0]?.n} public tables after the run, expected at least ${expected}`);
    }
    if (way !== 'psqlFloor') {
      const history = await client.query<{ n: string }>(
        'select count(*) as n from supabase_migrations.schema_migrations',
      );
      if (Number(history.rows[0]?.n) !== migrations.length) {
        throw new Error(`${way}: ${history.rows[0]?.n} history rows, expected ${migrations.length}`);
      }
    }
  } finally {
    await client.end();
  }
}

/** Waits until no session is connected to `database` (its backends exited, so their CPU time is accounted). */
async function waitForBackendsToExit(database: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const r = await admin.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [
      database,
    ]);
    if (Number(r.rows[0]?.n) === 0) break;
    await new Promise((done) => setTimeout(done, 10));
  }
  await new Promise((done) => setTimeout(done, 20));
}

async function withFreshDatabase<T>(database: string, fn: (url: string) => Promise<T>): Promise<T> {
  const url = await cloneDatabase(server, 'bench_template', database);
  try {
    return await fn(url);
  } finally {
    if (!args.keep) await admin.query(`drop database if exists ${database} with (force)`);
  }
}

async function runOnce(way: Way, database: string): Promise<Sample> {
  return withFreshDatabase(database, async (url) => {
    const load = loadavg()[0] ?? 0;
    const server0 = postmaster ? serverCpuMs(postmaster) : undefined;
    const client0 = clientCpuMs();
    const started = performance.now();
    await applyWith(way, url);
    const wallMs = performance.now() - started;
    const client1 = clientCpuMs();
    await waitForBackendsToExit(database);
    const server1 = postmaster ? serverCpuMs(postmaster) : undefined;
    await verify(way, url);
    return {
      wallMs,
      clientCpuMs: client1 - client0,
      serverCpuMs: server0 !== undefined && server1 !== undefined ? server1 - server0 : undefined,
      load,
    };
  });
}

function ratiosOf(values: Record<Way, number>): Record<RatioName, number> {
  return {
    'shipline/psql-floor': values.shipline / values.psqlFloor,
    'shipline/supabase-cli': values.shipline / values.supabaseCli,
  };
}

function printProfile(profile: QueryProfile): void {
  console.log(`\nWhere Shipline's time goes (one instrumented run, ${formatMs(profile.wallMs)} wall):`);
  const rows = Object.entries(profile.buckets).sort((a, b) => b[1].ms - a[1].ms);
  for (const [name, b] of rows) {
    const share = ((b.ms / profile.wallMs) * 100).toFixed(1).padStart(5);
    console.log(
      `  ${name.padEnd(22)} ${String(b.queries).padStart(6)} queries  ${formatMs(b.ms).padStart(9)}  ${share} %  ${(b.ms / b.queries).toFixed(3)} ms/query`,
    );
  }
  const outside = ((profile.outsideQueriesMs / profile.wallMs) * 100).toFixed(1).padStart(5);
  console.log(
    `  ${'outside queries (JS)'.padEnd(22)} ${''.padStart(14)}  ${formatMs(profile.outsideQueriesMs).padStart(9)}  ${outside} %`,
  );
}

const samples: Record<Way, Sample[]> = { shipline: [], supabaseCli: [], psqlFloor: [] };
let exitCode = 0;
try {
  await admin.connect();
  // One template with the Supabase baseline (auth, storage, roles); each run copies it (not timed).
  await createSupabaseTemplate(server, 'bench_template');
  const version = (await admin.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v;
  console.log(`PostgreSQL ${version} (embedded) on port ${server.port}; ${runs} run(s) per way, interleaved`);
  console.log(
    `${'run'.padEnd(9)}${'way'.padEnd(48)}${'wall'.padStart(9)}${'client CPU'.padStart(12)}${'server CPU'.padStart(12)}${'load'.padStart(7)}`,
  );

  for (let run = 0; run < runs; run++) {
    // Rotate the order so no way always runs first (cold caches) or last.
    const order = WAYS.map((_, i) => WAYS[(i + run) % WAYS.length]!);
    for (const way of order) {
      const s = await runOnce(way, `bench_${way.toLowerCase()}_${run}`);
      samples[way].push(s);
      const serverCpu = s.serverCpuMs === undefined ? 'n/a' : formatMs(s.serverCpuMs);
      console.log(
        `${`${run + 1}/${runs}`.padEnd(9)}${LABELS[way].padEnd(48)}${formatMs(s.wallMs).padStart(9)}${formatMs(s.clientCpuMs).padStart(12)}${serverCpu.padStart(12)}${s.load.toFixed(2).padStart(7)}`,
      );
    }
  }

  const medianOf = (pick: (s: Sample) => number | undefined) =>
    Object.fromEntries(
      WAYS.map((way) => {
        const values = samples[way].map(pick).filter((v): v is number => v !== undefined);
        return [way, values.length > 0 ? median(values) : Number.NaN];
      }),
    ) as Record<Way, number>;
  const wall = medianOf((s) => s.wallMs);
  const cpu = medianOf((s) => (s.serverCpuMs === undefined ? undefined : s.clientCpuMs + s.serverCpuMs));
  const ratios = ratiosOf(wall);
  const cpuRatios = ratiosOf(cpu);
  // Runs of the same round sit close in time: their ratio cancels slow drifts of a shared machine's load.
  const pairedRatios = {
    'shipline/psql-floor': median(samples.shipline.map((s, i) => s.wallMs / samples.psqlFloor[i]!.wallMs)),
    'shipline/supabase-cli': median(samples.shipline.map((s, i) => s.wallMs / samples.supabaseCli[i]!.wallMs)),
  } satisfies Record<RatioName, number>;

  console.log(`\nMedian of ${runs} (${migrations.length} files):      wall     CPU (client + server)`);
  for (const way of WAYS)
    console.log(`  ${LABELS[way].padEnd(46)} ${formatMs(wall[way]).padStart(8)}  ${formatMs(cpu[way]).padStart(8)}`);
  console.log('');
  const pass = {} as Record<RatioName, boolean>;
  for (const key of Object.keys(TARGETS) as RatioName[]) {
    pass[key] = ratios[key] <= TARGETS[key];
    console.log(
      `  ${key.padEnd(22)} ${ratios[key].toFixed(3)}  target <= ${TARGETS[key]}  ${pass[key] ? 'PASS' : 'FAIL'}   (per-round median ${pairedRatios[key].toFixed(3)}, CPU ${cpuRatios[key].toFixed(3)})`,
    );
  }
  const loads = WAYS.flatMap((way) => samples[way].map((s) => s.load));
  const busiest = Math.max(...loads);
  if (busiest > availableParallelism() * 0.75) {
    console.log(
      `\n  Note: load average reached ${busiest.toFixed(2)} on ${availableParallelism()} CPUs during the runs; wall times are noisy, the CPU ratios are steadier.`,
    );
  }
  const missed = Object.values(pass).some((ok) => !ok);
  if (missed) console.log('\n  At least one target was MISSED (reported, not an error).');

  let profile: QueryProfile | undefined;
  if (missed || args.profile) {
    profile = await withFreshDatabase('bench_profile', (url) => profileQueries(() => migrateInProcess(url)));
    printProfile(profile);
  }

  const resultsDir = join(repoRoot, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const report = {
    benchmark: 'migrate',
    date: new Date().toISOString(),
    files: migrations.length,
    bytes: totalBytes,
    seed,
    runs,
    postgres: version,
    node: process.version,
    samples,
    medianWallMs: wall,
    medianCpuMs: cpu,
    ratios,
    pairedRatios,
    cpuRatios,
    targets: TARGETS,
    pass,
    profile,
  };
  writeFileSync(join(resultsDir, 'migrate.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nWrote ${join('bench', 'results', 'migrate.json')}`);
} catch (error) {
  console.error(`migrate benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  exitCode = 1;
} finally {
  await admin.end().catch(() => undefined);
  await server.stop();
  if (!args.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`Kept ${work}`);
}
process.exitCode = exitCode;
