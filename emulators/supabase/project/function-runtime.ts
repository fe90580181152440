/**
 * Runs deployed Supabase Edge Functions in a web-standard runtime (Vercel's `edge-runtime` VM): the uploaded files
 * are bundled in memory with esbuild into an IIFE, behind a small `Deno` shim (`Deno.serve` records the handler,
 * `Deno.env` reads the project's environment). Relative imports and import-map entries pointing at uploaded files
 * work; remote modules (`https:`, `npm:`, `jsr:`, `node:`) cannot be fetched offline, so such a function gets a clear
 * 501 instead of a crash.
 */
import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { EdgeRuntime } from 'edge-runtime';
import { build, type Loader, type Plugin } from 'esbuild';
import type { FunctionVersion } from '../state.js';

/** The function cannot run here (it needs modules from the network); answered with 501. */
export class UnsupportedFunctionError extends Error {
  override name = 'UnsupportedFunctionError';
}

/** The function failed to bundle or to start (answered with 503 BOOT_ERROR, as the platform does). */
export class FunctionBootError extends Error {
  override name = 'FunctionBootError';
}

const HANDLER_GLOBAL = '__shiplineDenoHandler';
const REMOTE = /^(?:https?:|npm:|jsr:|node:)/;
const LOADERS: Record<string, Loader> = {
  '.ts': 'ts',
  '.mts': 'ts',
  '.tsx': 'tsx',
  '.js': 'js',
  '.mjs': 'js',
  '.jsx': 'jsx',
  '.json': 'json',
};

/** `Deno.serve(handler)`, `Deno.serve(options, handler)`, `Deno.serve({ handler })`; `Deno.env.get/has/toObject`. */
function denoShim(env: Record<string, string>): string {
  return `
var ${HANDLER_GLOBAL};
globalThis.Deno = Object.freeze({
  env: Object.freeze({
    get: (name) => Object.prototype.hasOwnProperty.call(__env, name) ? __env[name] : undefined,
    has: (name) => Object.prototype.hasOwnProperty.call(__env, name),
    toObject: () => ({ ...__env }),
  }),
  serve: (a, b) => {
    const handler = typeof a === 'function' ? a : typeof b === 'function' ? b : a && a.handler;
    if (typeof handler !== 'function') throw new TypeError('Deno.serve needs a handler function');
    ${HANDLER_GLOBAL} = handler;
    return { finished: new Promise(() => {}), shutdown: async () => {}, ref() {}, unref() {}, addr: { transport: 'tcp', hostname: '0.0.0.0', port: 8000 } };
  },
});
var __env = ${JSON.stringify(env)};
`;
}

const LISTENER = `
;addEventListener('fetch', (event) => {
  event.respondWith((async () => {
    try {
      const response = await ${HANDLER_GLOBAL}(event.request, { remoteAddr: { transport: 'tcp', hostname: '127.0.0.1', port: 0 } });
      if (!(response instanceof Response)) throw new TypeError('The handler did not return a Response');
      return response;
    } catch (error) {
      console.error(String((error && error.stack) || error));
      return new Response(JSON.stringify({ code: 'WORKER_ERROR', message: 'Function exited due to an error (please check logs)' }), {
        status: 500,
        headers: { 'content-type': 'application/json' },
      });
    }
  })());
});
`;

/** Bundles a function version's files from memory; throws UnsupportedFunctionError or FunctionBootError. */
export async function bundleFunction(bundle: FunctionVersion): Promise<string> {
  const files = bundle.files;
  const unsupported = new Set<string>();
  const missing: string[] = [];
  const importMap = readImportMap(bundle, files);
  const plugin: Plugin = {
    name: 'uploaded-files',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return { path: normalise(args.path), namespace: 'fn' };
        const target = resolveSpecifier(args.path, args.importer, importMap);
        if (target === undefined || REMOTE.test(target)) {
          unsupported.add(args.path);
          return { path: args.path, namespace: 'unsupported' };
        }
        if (!files.has(target)) {
          missing.push(`${args.importer}: "${args.path}"`);
          return { path: args.path, namespace: 'unsupported' };
        }
        return { path: target, namespace: 'fn' };
      });
      b.onLoad({ filter: /.*/, namespace: 'unsupported' }, () => ({
        contents: 'export default undefined;',
        loader: 'js',
      }));
      b.onLoad({ filter: /.*/, namespace: 'fn' }, (args) => {
        const bytes = files.get(args.path);
        if (!bytes) return { errors: [{ text: `${args.path} was not uploaded` }] };
        return { contents: bytes, loader: LOADERS[posix.extname(args.path)] ?? 'ts' };
      });
    },
  };
  let code: string;
  try {
    const out = await build({
      entryPoints: [bundle.entrypointPath],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      plugins: [plugin],
    });
    code = out.outputFiles[0]?.text ?? '';
  } catch (error) {
    if (unsupported.size > 0) throw unsupportedError(unsupported);
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> })
      .errors;
    const detail = errors?.length
      ? errors.map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`).join('; ')
      : (error as Error).message;
    throw new FunctionBootError(`Function failed to bundle: ${detail}`);
  }
  if (missing.length > 0)
    throw new FunctionBootError(`Function imports files that were not uploaded: ${missing.join(', ')}`);
  if (unsupported.size > 0) throw unsupportedError(unsupported);
  return code;
}

function unsupportedError(specifiers: Set<string>): UnsupportedFunctionError {
  return new UnsupportedFunctionError(
    `The emulator runs functions offline and cannot load ${[...specifiers].map((s) => `"${s}"`).join(', ')}; only uploaded files and the Deno.serve / Deno.env APIs are available`,
  );
}

interface ImportMapData {
  dir: string;
  imports: Record<string, string>;
}

function readImportMap(bundle: FunctionVersion, files: Map<string, Buffer>): ImportMapData | undefined {
  const path = bundle.importMapPath;
  if (!path) return undefined;
  const bytes = files.get(normalise(path));
  if (!bytes) return undefined;
  try {
    const parsed = JSON.parse(bytes.toString('utf8')) as { imports?: Record<string, unknown> };
    const imports: Record<string, string> = {};
    for (const [k, v] of Object.entries(parsed.imports ?? {})) if (typeof v === 'string') imports[k] = v;
    return { dir: posix.dirname(normalise(path)), imports };
  } catch {
    return undefined;
  }
}

function resolveSpecifier(spec: string, importer: string, map: ImportMapData | undefined): string | undefined {
  if (spec.startsWith('./') || spec.startsWith('../')) return normalise(posix.join(posix.dirname(importer), spec));
  if (REMOTE.test(spec)) return spec;
  if (!map) return undefined;
  let target = map.imports[spec];
  if (target === undefined) {
    const prefix = Object.keys(map.imports)
      .filter((k) => k.endsWith('/') && spec.startsWith(k))
      .sort((a, b) => b.length - a.length)[0];
    if (prefix !== undefined) target = `${map.imports[prefix]}${spec.slice(prefix.length)}`;
  }
  if (target === undefined) return undefined;
  if (target.startsWith('./') || target.startsWith('../')) return normalise(posix.join(map.dir, target));
  return target;
}

function normalise(path: string): string {
  return posix.normalize(path.replace(/\\/g, '/')).replace(/^\/+/, '');
}

/** A request for a function, as the relay hands it over. */
export interface FunctionRequest {
  url: string;
  method: string;
  headers: Headers;
  body: Buffer | undefined;
}

/** A function's full answer. */
export interface FunctionAnswer {
  status: number;
  headers: Array<[string, string]>;
  body: Buffer;
}

/**
 * Keeps one runtime per (function version, environment): bundled and booted on first use, reused afterwards.
 * Boot failures are remembered for that version, so a broken function fails fast.
 */
export class FunctionHost {
  private readonly runtimes = new Map<string, Promise<EdgeRuntime>>();
  /** Console output of the functions, newest last (bounded). */
  readonly logs: string[] = [];

  /** Dispatches one request to `bundle` with `env` as its environment. */
  async invoke(
    bundle: FunctionVersion,
    key: string,
    env: Record<string, string>,
    request: FunctionRequest,
  ): Promise<FunctionAnswer> {
    const runtime = await this.runtime(bundle, key, env);
    const response = await runtime.dispatchFetch(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body && request.body.length > 0 && request.method !== 'GET' && request.method !== 'HEAD'
        ? { body: request.body }
        : {}),
    });
    const body = Buffer.from(await response.arrayBuffer());
    response.waitUntil().catch(() => undefined);
    const headers: Array<[string, string]> = [];
    response.headers.forEach((value: string, name: string) => {
      headers.push([name, value]);
    });
    return { status: response.status, headers, body };
  }

  private runtime(bundle: FunctionVersion, key: string, env: Record<string, string>): Promise<EdgeRuntime> {
    const cacheKey = `${key}#${createHash('sha256').update(JSON.stringify(env)).digest('hex')}`;
    let pending = this.runtimes.get(cacheKey);
    if (!pending) {
      pending = this.boot(bundle, env);
      this.runtimes.set(cacheKey, pending);
    }
    return pending;
  }

  private async boot(bundle: FunctionVersion, env: Record<string, string>): Promise<EdgeRuntime> {
    const code = await bundleFunction(bundle);
    const remember = (...args: unknown[]) => {
      this.logs.push(args.map((a) => (typeof a === 'string' ? a : String(a))).join(' '));
      if (this.logs.length > 500) this.logs.shift();
    };
    let runtime: EdgeRuntime;
    try {
      runtime = new EdgeRuntime({
        initialCode: `${denoShim(env)}${code}${LISTENER}`,
        extend: (context) => {
          Object.assign(context, {
            console: { log: remember, info: remember, warn: remember, error: remember, debug: remember },
          });
          return context;
        },
      });
    } catch (error) {
      throw new FunctionBootError(`Function failed to start: ${(error as Error).message}`);
    }
    if (!runtime.evaluate<boolean>(`typeof ${HANDLER_GLOBAL} === 'function'`)) {
      throw new FunctionBootError('Function failed to start: it never called Deno.serve(handler)');
    }
    return runtime;
  }

  /** Forgets every runtime. */
  close(): void {
    this.runtimes.clear();
  }
}
