import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../../emulators/vercel/index.js';
import { deployFiles, type TestFile } from '../support.js';

/** An Edge Function folder: `.vc-config.json` with `runtime: "edge"` plus its module files. */
function edgeFn(
  dir: string,
  files: Record<string, string>,
  config: Record<string, unknown> = {},
): Record<string, TestFile> {
  const out: Record<string, TestFile> = {
    [`.vercel/output/functions/${dir}.func/.vc-config.json`]: JSON.stringify({
      runtime: 'edge',
      entrypoint: 'index.js',
      ...config,
    }),
  };
  for (const [name, source] of Object.entries(files)) out[`.vercel/output/functions/${dir}.func/${name}`] = source;
  return out;
}

/** A realistic Edge Function: Request/Response/URL/crypto.subtle, a local import, env and the route matches. */
const HASH_FUNCTION = {
  'index.js': [
    "import { hex } from './lib/hex.js';",
    'export default async function handler(request) {',
    '  const url = new URL(request.url);',
    "  const word = url.searchParams.get('word') ?? '';",
    "  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(word));",
    '  return Response.json(',
    '    {',
    '      word,',
    '      sha256: hex(digest),',
    '      path: url.pathname,',
    "      matches: request.headers.get('x-now-route-matches'),",
    '      env: process.env.VERCEL_ENV,',
    '      runtime: typeof EdgeRuntime,',
    '    },',
    "    { headers: { 'x-edge': '1' } },",
    '  );',
    '}',
  ].join('\n'),
  'lib/hex.js':
    "export function hex(buffer) { return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join(''); }",
};

/** Middleware in Build Output style: blocks, rewrites, or lets the request through with an extra header. */
const MIDDLEWARE = {
  'index.js': [
    'export default function middleware(request) {',
    '  const url = new URL(request.url);',
    "  if (url.pathname === '/blocked') return new Response('no entry', { status: 403 });",
    "  if (url.pathname === '/old') return new Response(null, { headers: { 'x-middleware-rewrite': new URL('/about.html', url).href } });",
    "  if (url.pathname === '/api/echo') {",
    '    return new Response(null, {',
    '      headers: {',
    "        'x-middleware-next': '1',",
    "        'x-mw': 'api',",
    "        'x-middleware-override-headers': 'x-user,accept',",
    "        'x-middleware-request-x-user': 'alice',",
    "        'x-middleware-request-accept': request.headers.get('accept') ?? '',",
    '      },',
    '    });',
    '  }',
    "  return new Response(null, { headers: { 'x-middleware-next': '1', 'x-mw': 'passed' } });",
    '}',
  ].join('\n'),
};

const NODE_ECHO: Record<string, TestFile> = {
  '.vercel/output/functions/api/echo.func/.vc-config.json': JSON.stringify({
    runtime: 'nodejs22.x',
    handler: 'index.mjs',
    launcherType: 'Nodejs',
  }),
  '.vercel/output/functions/api/echo.func/index.mjs':
    "export default (req, res) => res.end(JSON.stringify({ url: req.url, matches: req.headers['x-now-route-matches'] ?? null, user: req.headers['x-user'] ?? null, drop: req.headers['x-drop'] ?? null, host: req.headers.host }));",
};

/** Reads a JSON body carrying the route matches the function saw. */
async function matchesOf(res: Response): Promise<string | null> {
  return ((await res.json()) as { matches: string | null }).matches;
}

describe('Edge Functions on the emulator edge (edge-runtime)', () => {
  let emu: VercelEmulator;
  let base: string;
  let host: string;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0 });
    const d = await deployFiles(
      emu,
      {
        '.vercel/output/config.json': JSON.stringify({
          version: 3,
          routes: [
            { src: '/(.*)', middlewarePath: '_middleware', continue: true, override: true },
            { src: '/hash/(?<word>[^/]+)', dest: '/api/hash?word=$word' },
            { src: '/echo/(?<section>[a-z]+)/([0-9]+)', dest: '/api/echo' },
            { handle: 'filesystem' },
          ],
        }),
        '.vercel/output/static/about.html': 'about page',
        '.vercel/output/static/index.html': 'home',
        ...edgeFn('api/hash', HASH_FUNCTION),
        ...edgeFn('api/throws', { 'index.js': "export default () => { throw new Error('edge boom'); };" }),
        ...edgeFn('api/methods', {
          'index.js':
            "export function GET() { return new Response('got'); }\nexport async function POST(r) { return new Response('posted ' + (await r.text())); }",
        }),
        ...edgeFn('_middleware', MIDDLEWARE),
        ...NODE_ECHO,
      },
      { name: 'edge-app' },
    );
    expect((await emu.waitForDeployment(d.body.id)).readyState).toBe('READY');
    base = emu.httpUrl(d.body.url);
    host = d.body.url;
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('runs a default-export Edge Function with Web APIs, local imports, env, and the rewrite captures', async () => {
    const res = await fetch(`${base}/hash/hello`);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-edge')).toBe('1');
    expect(res.headers.get('x-mw')).toBe('passed');
    expect(await res.json()).toEqual({
      word: 'hello',
      sha256: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
      path: '/api/hash',
      matches: '1=hello&word=hello',
      env: 'preview',
      runtime: 'string',
    });
    expect(await matchesOf(await fetch(`${base}/api/hash?word=x`))).toBeNull();
  });

  it('passes x-now-route-matches (numbered then named captures, URL-encoded) to Node.js functions too', async () => {
    const res = await fetch(`${base}/echo/docs/42`, { headers: { 'x-now-route-matches': 'forged=1' } });
    expect(await res.json()).toMatchObject({ url: '/api/echo', matches: '1=docs&2=42&section=docs' });
    expect(await matchesOf(await fetch(`${base}/hash/a%20b`))).toBe('1=a%20b&word=a%20b');
    const plain = await fetch(`${base}/api/echo`, { headers: { 'x-now-route-matches': 'forged=1' } });
    expect(await matchesOf(plain)).toBeNull();
  });

  it('dispatches method exports and request bodies', async () => {
    expect(await (await fetch(`${base}/api/methods`)).text()).toBe('got');
    expect(await (await fetch(`${base}/api/methods`, { method: 'POST', body: 'data' })).text()).toBe('posted data');
    expect((await fetch(`${base}/api/methods`, { method: 'DELETE' })).status).toBe(405);
  });

  it('answers 500 EDGE_FUNCTION_INVOCATION_FAILED when the function throws, and keeps serving', async () => {
    const res = await fetch(`${base}/api/throws`);
    expect(res.status).toBe(500);
    expect(res.headers.get('x-vercel-error')).toBe('EDGE_FUNCTION_INVOCATION_FAILED');
    const log = [...emu.edge.edgeFunctions.logs.entries()].find(([k]) => k.endsWith('api/throws.func'))?.[1] ?? [];
    expect(log.join('\n')).toContain('edge boom');
    expect((await fetch(`${base}/hash/again`)).status).toBe(200);
  });

  it('runs middleware: its own answer, a rewrite, or pass-through with its headers', async () => {
    const blocked = await fetch(`${base}/blocked`);
    expect(blocked.status).toBe(403);
    expect(await blocked.text()).toBe('no entry');
    const rewritten = await fetch(`${base}/old`);
    expect(rewritten.status).toBe(200);
    expect(await rewritten.text()).toBe('about page');
    const passed = await fetch(`${base}/`);
    expect(await passed.text()).toBe('home');
    expect(passed.headers.get('x-mw')).toBe('passed');
    const api = await fetch(`${base}/api/echo`, { headers: { 'x-drop': 'client value', 'x-user': 'mallory' } });
    expect(api.headers.get('x-mw')).toBe('api');
    // NextResponse.next({ request: { headers } }): listed headers replaced, unlisted client headers gone.
    expect(await api.json()).toMatchObject({
      user: 'alice',
      drop: null,
      host,
    });
  });

  it('fails the build, with a clear message, of an Edge Function that cannot run (never READY-then-500)', async () => {
    const cases: Array<[Record<string, TestFile>, string]> = [
      [
        edgeFn('api/missing-import', {
          'index.js': "import { x } from './nope.js';\nexport default () => new Response(x);",
        }),
        'Cannot bundle the Edge Function .vercel/output/functions/api/missing-import.func: index.js:1: Could not resolve "./nope.js"',
      ],
      [
        edgeFn('api/syntax', { 'index.js': 'export default () => new Response(;' }),
        'Cannot bundle the Edge Function .vercel/output/functions/api/syntax.func: index.js:1:',
      ],
      [
        edgeFn('api/no-handler', { 'index.js': 'export const answer = 42;' }),
        'The Edge Function .vercel/output/functions/api/no-handler.func exports no handler',
      ],
      [
        edgeFn('api/load-crash', {
          'index.js': "throw new Error('top-level');\nexport default () => new Response('x');",
        }),
        'The Edge Function .vercel/output/functions/api/load-crash.func failed while loading: top-level',
      ],
      [
        edgeFn('api/no-entry', { 'index.js': '' }, { entrypoint: undefined }),
        '.vercel/output/functions/api/no-entry.func/.vc-config.json has no "entrypoint" (runtime edge)',
      ],
    ];
    for (const [files, message] of cases) {
      const d = await deployFiles(emu, {
        '.vercel/output/config.json': JSON.stringify({ version: 3, routes: [{ handle: 'filesystem' }] }),
        ...files,
      });
      const done = await emu.waitForDeployment(d.body.id);
      expect(done.readyState).toBe('ERROR');
      expect(done.errorCode).toBe('BUILD_FAILED');
      expect(done.errorMessage).toContain(message);
    }
  });

  it('fails the build when config.json names a middleware that is not in the output', async () => {
    const d = await deployFiles(emu, {
      '.vercel/output/config.json': JSON.stringify({
        version: 3,
        routes: [{ src: '/(.*)', middlewarePath: 'mw', continue: true }],
      }),
      '.vercel/output/static/index.html': 'x',
    });
    const done = await emu.waitForDeployment(d.body.id);
    expect(done.readyState).toBe('ERROR');
    expect(done.errorMessage).toContain('config.json routes name middleware "mw"');
  });
});
