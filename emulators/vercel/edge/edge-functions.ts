import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { EdgeRuntime } from 'edge-runtime';
import { buildSync } from 'esbuild';
import { FunctionStartError, materialize, type VcConfig } from './functions.js';
import type { DeploymentTree } from './vfs.js';

/** The global the bundled function's exports are assigned to inside the runtime. */
const ENTRY_GLOBAL = '__shiplineEdgeEntry';
/** Marks a middleware that returned nothing (go on routing), as `NextResponse.next()` does. */
export const MIDDLEWARE_NEXT_HEADER = 'x-middleware-next';
export const MIDDLEWARE_REWRITE_HEADER = 'x-middleware-rewrite';
/** Vercel lets an Edge Function take up to 25 s to begin its response. */
const RESPONSE_START_MS = 25_000;

/**
 * The `fetch` listener appended to the bundle: calls the default export (a function, or an object with `fetch`),
 * else the export named after the method; a thrown error becomes 500 EDGE_FUNCTION_INVOCATION_FAILED, and a
 * middleware returning nothing becomes `x-middleware-next: 1`.
 */
const LISTENER = `
;addEventListener('fetch', (event) => {
  const mod = ${ENTRY_GLOBAL} || {};
  const method = event.request.method;
  const main = mod.default;
  const handler = typeof main === 'function' ? main
    : main && typeof main.fetch === 'function' ? main.fetch.bind(main)
    : typeof mod[method] === 'function' ? mod[method]
    : method === 'HEAD' && typeof mod.GET === 'function' ? mod.GET : undefined;
  const context = { waitUntil: (promise) => event.waitUntil(promise) };
  event.respondWith((async () => {
    if (!handler) return new Response('Method Not Allowed', { status: 405 });
    try {
      const response = await handler(event.request, context);
      if (response === undefined || response === null) {
        return new Response(null, { headers: { '${MIDDLEWARE_NEXT_HEADER}': '1' } });
      }
      if (!(response instanceof Response)) throw new TypeError('The Edge Function did not return a Response');
      return response;
    } catch (error) {
      console.error(String((error && error.stack) || error));
      return new Response('A server error has occurred\\n\\nEDGE_FUNCTION_INVOCATION_FAILED\\n', {
        status: 500,
        headers: { 'content-type': 'text/plain; charset=utf-8', 'x-vercel-error': 'EDGE_FUNCTION_INVOCATION_FAILED' },
      });
    }
  })());
});
`;

/** What an Edge Function needs: where its files are, its config and its environment. */
export interface EdgeFunctionTarget {
  key: string;
  tree: DeploymentTree;
  funcDir: string;
  config: VcConfig;
  env: Record<string, string>;
}

/** One request for an Edge Function, already routed. */
export interface EdgeRequest {
  url: string;
  method: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer | undefined;
}

/** The answer of an Edge Function, fully read. */
export interface EdgeAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/**
 * Bundles a function's entrypoint (and what it imports from its folder) into a script for the Edge Runtime: an
 * IIFE whose exports land in a global, plus the fetch listener. Throws FunctionStartError with esbuild's messages.
 */
export function compileEdgeFunction(tree: DeploymentTree, funcDir: string, config: VcConfig): string {
  if (!config.entrypoint) throw new FunctionStartError(`${funcDir}/.vc-config.json has no "entrypoint" (runtime edge)`);
  const dir = mkdtempSync(join(tmpdir(), 'vercel-emu-edge-'));
  try {
    materialize(tree, funcDir, dir, config.filePathMap);
    const entry = resolve(dir, config.entrypoint);
    if (!entry.startsWith(`${resolve(dir)}${sep}`) || !existsSync(entry)) {
      throw new FunctionStartError(`${funcDir}: the entrypoint "${config.entrypoint}" is not in the function folder`);
    }
    try {
      const built = buildSync({
        entryPoints: [entry],
        absWorkingDir: dir,
        bundle: true,
        format: 'iife',
        globalName: ENTRY_GLOBAL,
        platform: 'browser',
        conditions: ['edge-light', 'worker', 'browser'],
        target: 'es2022',
        write: false,
        logLevel: 'silent',
      });
      return `${built.outputFiles[0]?.text ?? ''}${LISTENER}`;
    } catch (error) {
      const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> })
        .errors;
      const detail = errors?.length
        ? errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('; ')
        : (error as Error).message;
      throw new FunctionStartError(`Cannot bundle the Edge Function ${funcDir}: ${detail}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs Vercel Edge Functions (`runtime: "edge"`) in Vercel's own `edge-runtime` VM: each function is bundled and
 * evaluated when its deployment is created (a broken one fails the build instead of answering 500 later), then
 * requests are dispatched to its fetch listener.
 */
export class EdgeFunctionHost {
  private readonly runtimes = new Map<string, EdgeRuntime>();
  /** Recent console output of each function (by `<deploymentId>:<funcDir>`). */
  readonly logs = new Map<string, string[]>();

  /** Bundles and evaluates a function, keeping its runtime; throws FunctionStartError when it cannot run. */
  prepare(target: EdgeFunctionTarget): void {
    if (this.runtimes.has(target.key)) return;
    const code = compileEdgeFunction(target.tree, target.funcDir, target.config);
    const log = this.logs.get(target.key) ?? [];
    this.logs.set(target.key, log);
    const remember = (...args: unknown[]) => {
      log.push(args.map((a) => (typeof a === 'string' ? a : safeJson(a))).join(' '));
      if (log.length > 200) log.shift();
    };
    const env = { ...target.env, ...(target.config.environment ?? {}) };
    let runtime: EdgeRuntime;
    try {
      runtime = new EdgeRuntime({
        initialCode: code,
        extend: (context) => {
          const console = { log: remember, info: remember, warn: remember, error: remember, debug: remember };
          Object.assign(context, { console, process: { env } });
          return context;
        },
      });
    } catch (error) {
      throw new FunctionStartError(
        `The Edge Function ${target.funcDir} failed while loading: ${(error as Error).message}`,
      );
    }
    const exported = runtime.evaluate<boolean>(
      `(() => { const m = ${ENTRY_GLOBAL} || {}; const d = m.default; return typeof d === 'function' || (!!d && typeof d.fetch === 'function') || ['GET','POST','PUT','PATCH','DELETE','HEAD','OPTIONS'].some((k) => typeof m[k] === 'function'); })()`,
    );
    if (!exported) {
      throw new FunctionStartError(
        `The Edge Function ${target.funcDir} exports no handler (export a default function, or GET/POST/… functions)`,
      );
    }
    this.runtimes.set(target.key, runtime);
  }

  /** Dispatches one request to a prepared function and reads its whole answer. */
  async dispatch(target: EdgeFunctionTarget, request: EdgeRequest): Promise<EdgeAnswer> {
    this.prepare(target);
    const runtime = this.runtimes.get(target.key) as EdgeRuntime;
    const headers = new Headers();
    for (const [k, v] of Object.entries(request.headers)) {
      if (v === undefined) continue;
      for (const value of Array.isArray(v) ? v : [v]) headers.append(k, value);
    }
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EdgeTimeoutError()), RESPONSE_START_MS);
      timer.unref();
    });
    try {
      const response = await Promise.race([
        runtime.dispatchFetch(request.url, {
          method: request.method,
          headers,
          ...(request.body && request.body.length > 0 ? { body: request.body } : {}),
        }),
        timeout,
      ]);
      const body = Buffer.from(await response.arrayBuffer());
      response.waitUntil().catch(() => undefined);
      const out: Array<[string, string]> = [];
      response.headers.forEach((value: string, key: string) => {
        if (key !== 'set-cookie') out.push([key, value]);
      });
      const cookies = (response.headers as Headers & { getSetCookie?: () => string[] }).getSetCookie?.() ?? [];
      for (const cookie of cookies) out.push(['set-cookie', cookie]);
      return { status: response.status, headers: out, body };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Answers an edge request on `res` (timeouts → 504 EDGE_FUNCTION_INVOCATION_TIMEOUT, crashes → 500). */
  async invoke(
    target: EdgeFunctionTarget,
    req: IncomingMessage,
    res: ServerResponse,
    request: Omit<EdgeRequest, 'body'>,
    extraResponseHeaders: Record<string, string>,
    status: number | undefined,
  ): Promise<void> {
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await readBody(req);
    let answer: EdgeAnswer;
    try {
      answer = await this.dispatch(target, { ...request, body });
    } catch (error) {
      const timedOut = error instanceof EdgeTimeoutError;
      this.logs.get(target.key)?.push(String((error as Error).message));
      const code = timedOut ? 'EDGE_FUNCTION_INVOCATION_TIMEOUT' : 'EDGE_FUNCTION_INVOCATION_FAILED';
      res.writeHead(timedOut ? 504 : 500, {
        ...extraResponseHeaders,
        'content-type': 'text/plain; charset=utf-8',
        'x-vercel-error': code,
      });
      res.end(`An error occurred with your deployment\n\n${code}\n`);
      return;
    }
    if (answer.headers.some(([k]) => k === MIDDLEWARE_NEXT_HEADER)) {
      // Only middleware may return nothing; a plain Edge Function must answer with a Response.
      this.logs.get(target.key)?.push('The Edge Function returned no Response');
      res.writeHead(500, {
        ...extraResponseHeaders,
        'content-type': 'text/plain; charset=utf-8',
        'x-vercel-error': 'EDGE_FUNCTION_INVOCATION_FAILED',
      });
      res.end('A server error has occurred\n\nEDGE_FUNCTION_INVOCATION_FAILED\n');
      return;
    }
    writeAnswer(res, answer, extraResponseHeaders, status, request.method);
  }

  /** Forgets every runtime (their timers are the VM's; nothing else to stop). */
  close(): void {
    this.runtimes.clear();
  }
}

/** Thrown when an Edge Function does not begin its response in time. */
class EdgeTimeoutError extends Error {
  override name = 'EdgeTimeoutError';

  constructor() {
    super('The Edge Function did not begin its response within 25 s');
  }
}

/** Writes an Edge Function's answer, with the edge's own headers on top (and a status a route may force). */
export function writeAnswer(
  res: ServerResponse,
  answer: EdgeAnswer,
  extraResponseHeaders: Record<string, string>,
  status: number | undefined,
  method: string,
): void {
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of answer.headers) {
    const existing = headers[k];
    if (existing === undefined) headers[k] = v;
    else headers[k] = Array.isArray(existing) ? [...existing, v] : [existing, v];
  }
  Object.assign(headers, extraResponseHeaders);
  headers['content-length'] = String(answer.body.length);
  res.writeHead(status ?? answer.status, headers);
  res.end(method === 'HEAD' ? undefined : answer.body);
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
