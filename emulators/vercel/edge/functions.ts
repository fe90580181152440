import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { ShiplineError } from '../../../lib/core/errors.js';
import { FUNCTION_RUNNER_SOURCE } from './function-runner.js';
import { type DeploymentTree, isSymlinkMode } from './vfs.js';

/** The parts of `.vc-config.json` the emulator uses. */
export interface VcConfig {
  runtime?: string;
  handler?: string;
  launcherType?: string;
  shouldAddHelpers?: boolean;
  environment?: Record<string, string>;
  filePathMap?: Record<string, string>;
  /** Seconds a request may run before the edge answers 504 FUNCTION_INVOCATION_TIMEOUT. */
  maxDuration?: number;
  /** Edge Functions (`runtime: "edge"`): the module to run, relative to the function folder. */
  entrypoint?: string;
  envVarsInUse?: string[];
}

/** Thrown when a function cannot be started; the edge answers 500 FUNCTION_INVOCATION_FAILED. */
export class FunctionStartError extends ShiplineError {
  override name = 'FunctionStartError';

  constructor(message: string) {
    super('function_start_failed', message);
  }
}

interface RunningFunction {
  child: ChildProcess;
  port: Promise<number>;
  dir: string;
  /** `maxDuration` from `.vc-config.json`, in ms; requests running longer get 504 FUNCTION_INVOCATION_TIMEOUT. */
  maxDurationMs: number | undefined;
}

function sendFailure(res: ServerResponse, status: number, code: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-error': code });
  res.end(`${status === 504 ? 'An error occurred with your deployment' : 'A server error has occurred'}\n\n${code}\n`);
}

/** What a function invocation needs besides the request: where its files are and its environment. */
export interface FunctionTarget {
  key: string;
  tree: DeploymentTree;
  funcDir: string;
  env: Record<string, string>;
}

const START_TIMEOUT_MS = 15_000;

/** Parses a function's `.vc-config.json`; throws FunctionStartError when it is missing or not JSON. */
export function parseVcConfig(tree: DeploymentTree, funcDir: string): VcConfig {
  const raw = tree.readFile(`${funcDir}/.vc-config.json`);
  if (!raw) throw new FunctionStartError(`Missing ${funcDir}/.vc-config.json`);
  try {
    return JSON.parse(raw.toString('utf8')) as VcConfig;
  } catch (error) {
    throw new FunctionStartError(`Invalid ${funcDir}/.vc-config.json: ${(error as Error).message}`);
  }
}

/** Parses a function's `.vc-config.json` and checks the emulator can run it (a `nodejs*` runtime with a handler). */
export function readVcConfig(tree: DeploymentTree, funcDir: string): VcConfig {
  const config = parseVcConfig(tree, funcDir);
  if (!config.runtime?.startsWith('nodejs')) {
    throw new FunctionStartError(
      `${funcDir}: unsupported function runtime "${config.runtime}" (the emulator runs nodejs* and edge functions)`,
    );
  }
  if (!config.handler) throw new FunctionStartError(`${funcDir}/.vc-config.json has no "handler"`);
  const handler = config.handler.replace(/^\.?\/+/, '');
  if (!tree.readFile(`${funcDir}/${handler}`) && config.filePathMap?.[handler] === undefined) {
    throw new FunctionStartError(`${funcDir}: the handler "${config.handler}" is not in the function folder`);
  }
  return config;
}

/** True for an Edge Function (`runtime: "edge"`). */
export function isEdgeConfig(config: VcConfig): boolean {
  return config.runtime === 'edge';
}

/**
 * Runs Vercel Node.js functions in child processes, one per (deployment, function), started on first request
 * and kept until `close()`. Requests are proxied to the child over loopback HTTP.
 */
export class FunctionHost {
  private readonly running = new Map<string, RunningFunction>();
  /** Every directory a function was written to (crashed ones included), removed on close. */
  private readonly dirs = new Set<string>();
  /** Recent stdout/stderr lines of each function, for debugging tests. */
  readonly logs = new Map<string, string[]>();

  /** Proxies one request to the function, starting it when needed. */
  async invoke(
    target: FunctionTarget,
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    headers: Record<string, string | string[] | undefined>,
    extraResponseHeaders: Record<string, string>,
    status: number | undefined,
  ): Promise<void> {
    let fn: RunningFunction;
    let port: number;
    try {
      fn = this.running.get(target.key) ?? this.start(target);
      port = await fn.port;
    } catch (error) {
      this.logs.get(target.key)?.push(String((error as Error).message));
      sendFailure(res, 500, 'FUNCTION_INVOCATION_FAILED');
      return;
    }
    await new Promise<void>((resolve) => {
      let settled = false;
      const settle = (failure?: [number, string]) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (failure) sendFailure(res, failure[0], failure[1]);
        resolve();
      };
      const upstream = httpRequest({ host: '127.0.0.1', port, method: req.method, path, headers }, (answer) => {
        const outHeaders: Record<string, string | string[]> = {};
        for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined) outHeaders[k] = v;
        Object.assign(outHeaders, extraResponseHeaders);
        res.writeHead(status ?? answer.statusCode ?? 200, outHeaders);
        answer.pipe(res);
        answer.on('end', () => settle());
        answer.on('error', () => settle([500, 'FUNCTION_INVOCATION_FAILED']));
      });
      const timer =
        fn.maxDurationMs === undefined
          ? undefined
          : setTimeout(() => {
              upstream.destroy();
              settle([504, 'FUNCTION_INVOCATION_TIMEOUT']);
            }, fn.maxDurationMs);
      upstream.on('error', () => settle([500, 'FUNCTION_INVOCATION_FAILED']));
      req.pipe(upstream);
    });
  }

  /** Stops every function process and removes their files. */
  async close(): Promise<void> {
    const all = [...this.running.values()];
    this.running.clear();
    await Promise.all(
      all.map(
        (fn) =>
          new Promise<void>((resolve) => {
            if (fn.child.exitCode !== null || fn.child.signalCode !== null) resolve();
            else {
              fn.child.once('exit', () => resolve());
              fn.child.kill('SIGTERM');
            }
          }),
      ),
    );
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
    this.dirs.clear();
  }

  private start(target: FunctionTarget): RunningFunction {
    const config = readVcConfig(target.tree, target.funcDir);
    const dir = mkdtempSync(join(tmpdir(), 'vercel-emu-fn-'));
    this.dirs.add(dir);
    const fnRoot = join(dir, 'task');
    materialize(target.tree, target.funcDir, fnRoot, config.filePathMap);
    writeFileSync(join(dir, 'runner.mjs'), FUNCTION_RUNNER_SOURCE);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      TZ: 'UTC',
      ...target.env,
      ...(config.environment ?? {}),
    };
    const child = spawn(
      process.execPath,
      [join(dir, 'runner.mjs'), join(fnRoot, config.handler ?? 'index.js'), config.shouldAddHelpers ? '1' : '0'],
      { cwd: fnRoot, env, stdio: ['pipe', 'pipe', 'pipe'] },
    );
    const log = this.logs.get(target.key) ?? [];
    this.logs.set(target.key, log);
    const remember = (line: string) => {
      log.push(line);
      if (log.length > 200) log.shift();
    };
    const port = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new FunctionStartError('The function did not start in time')),
        START_TIMEOUT_MS,
      );
      timer.unref();
      let announced = false;
      createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
        if (!announced) {
          try {
            const parsed = JSON.parse(line) as { port?: number };
            if (typeof parsed.port === 'number') {
              announced = true;
              clearTimeout(timer);
              resolve(parsed.port);
              return;
            }
          } catch {
            // a log line printed while the module loaded
          }
        }
        remember(line);
      });
      createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', remember);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        if (this.running.get(target.key)?.child === child) this.running.delete(target.key);
        if (!announced)
          reject(
            new FunctionStartError(`The function exited during start (${code ?? signal}): ${log.slice(-5).join('\n')}`),
          );
      });
    });
    port.catch(() => undefined);
    const maxDurationMs = typeof config.maxDuration === 'number' ? config.maxDuration * 1000 : undefined;
    const running = { child, port, dir, maxDurationMs };
    this.running.set(target.key, running);
    return running;
  }
}

/** Writes a function's files (and its `filePathMap` extras) to disk; symlinks are written as what they point at. */
export function materialize(
  tree: DeploymentTree,
  funcDir: string,
  to: string,
  filePathMap: Record<string, string> | undefined,
): void {
  mkdirSync(to, { recursive: true });
  writeTree(tree, funcDir, to, 0);
  for (const [inFunction, fromRoot] of Object.entries(filePathMap ?? {})) {
    const data = tree.readFile(fromRoot);
    if (!data) continue;
    const dest = resolve(to, ...inFunction.split('/'));
    // An uploaded config must not write outside the function's folder.
    if (dest !== to && !dest.startsWith(`${resolve(to)}${sep}`)) continue;
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, data);
  }
}

function writeTree(tree: DeploymentTree, dir: string, to: string, depth: number): void {
  const base = tree.resolve(dir);
  if (base === undefined || depth > 8) return;
  for (const { path, file } of tree.list(base)) {
    const dest = join(to, ...path.split('/'));
    const full = posix.join(base, path);
    mkdirSync(dirname(dest), { recursive: true });
    if (!isSymlinkMode(file.mode)) {
      const data = tree.readFile(full);
      if (data) writeFileSync(dest, data, { mode: file.mode & 0o777 || 0o644 });
      continue;
    }
    const data = tree.readFile(full);
    if (data) writeFileSync(dest, data);
    else if (tree.isDirectory(full)) writeTree(tree, full, dest, depth + 1);
  }
}
