import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../../emulators/vercel/index.js';
import { deployFiles, type TestFile } from '../support.js';

const routes = JSON.stringify({ version: 3, routes: [{ handle: 'filesystem' }] });

function fn(name: string, source: string, config: Record<string, unknown> = {}): Record<string, TestFile> {
  return {
    [`.vercel/output/functions/api/${name}.func/.vc-config.json`]: JSON.stringify({
      runtime: 'nodejs22.x',
      handler: 'index.mjs',
      launcherType: 'Nodejs',
      ...config,
    }),
    [`.vercel/output/functions/api/${name}.func/index.mjs`]: source,
  };
}

describe('Node.js functions on the emulator edge', () => {
  let emu: VercelEmulator;
  let base: string;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0 });
    const d = await deployFiles(
      emu,
      {
        '.vercel/output/config.json': routes,
        ...fn(
          'web',
          "export function GET(request) { return Response.json({ method: 'GET', url: request.url }); }\nexport async function POST(request) { return new Response(await request.text(), { status: 201, headers: { 'x-echo': '1' } }); }",
        ),
        ...fn(
          'fetch',
          "export default { fetch(request) { return new Response('fetch ' + new URL(request.url).pathname); } };",
        ),
        ...fn(
          'helpers',
          'export default function (req, res) { res.status(202).json({ query: req.query, body: req.body }); }',
          { shouldAddHelpers: true },
        ),
        ...fn('cjs', "module.exports = (req, res) => { res.end('cjs'); };", { handler: 'index.cjs' }),
        '.vercel/output/functions/api/cjs.func/index.cjs': "module.exports = (req, res) => { res.end('cjs'); };",
        ...fn('crash', "export default function () { setTimeout(() => { throw new Error('boom'); }); }"),
        ...fn('linked-target', "export default (req, res) => res.end('via symlink');"),
        '.vercel/output/functions/api/linked.func': { symlink: 'linked-target.func' },
        ...fn('slow', 'export default function () {}', { maxDuration: 0.2 }),
      },
      { name: 'functions-app' },
    );
    base = emu.httpUrl(d.body.url);
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('runs web handlers exported per method', async () => {
    const get = await fetch(`${base}/api/web?a=1`);
    expect(await get.json()).toEqual({ method: 'GET', url: expect.stringMatching(/^https:\/\/.*\/api\/web\?a=1$/) });
    const post = await fetch(`${base}/api/web`, { method: 'POST', body: 'echo me' });
    expect(post.status).toBe(201);
    expect(post.headers.get('x-echo')).toBe('1');
    expect(await post.text()).toBe('echo me');
    expect((await fetch(`${base}/api/web`, { method: 'DELETE' })).status).toBe(405);
  });

  it('runs `export default { fetch }` handlers', async () => {
    expect(await (await fetch(`${base}/api/fetch`)).text()).toBe('fetch /api/fetch');
  });

  it('adds the req/res helpers when shouldAddHelpers is set', async () => {
    const res = await fetch(`${base}/api/helpers?x=1&x=2&y=z`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ hello: 'world' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({ query: { x: ['1', '2'], y: 'z' }, body: { hello: 'world' } });
  });

  it('runs CommonJS handlers', async () => {
    expect(await (await fetch(`${base}/api/cjs`)).text()).toBe('cjs');
  });

  it('serves a .func directory uploaded as a symlink', async () => {
    expect(await (await fetch(`${base}/api/linked`)).text()).toBe('via symlink');
  });

  it('answers 500 FUNCTION_INVOCATION_FAILED when the function crashes, and recovers', async () => {
    const res = await fetch(`${base}/api/crash`);
    expect(res.status).toBe(500);
    expect(res.headers.get('x-vercel-error')).toBe('FUNCTION_INVOCATION_FAILED');
    expect(await (await fetch(`${base}/api/web`)).json()).toMatchObject({ method: 'GET' });
    expect((await fetch(`${base}/api/crash`)).status).toBe(500);
  });

  it('refuses, at creation, runtimes the emulator cannot run and handlers that are missing (never READY-then-500)', async () => {
    const py = await deployFiles(emu, {
      '.vercel/output/config.json': routes,
      ...fn('py', 'x', { runtime: 'python3.12' }),
    });
    const pyDone = await emu.waitForDeployment(py.body.id);
    expect(pyDone.readyState).toBe('ERROR');
    expect(pyDone.errorMessage).toBe(
      '.vercel/output/functions/api/py.func: unsupported function runtime "python3.12" (the emulator runs nodejs* and edge functions)',
    );
    const missing = await deployFiles(emu, {
      '.vercel/output/config.json': routes,
      '.vercel/output/functions/api/gone.func/.vc-config.json': JSON.stringify({
        runtime: 'nodejs22.x',
        handler: 'gone.js',
      }),
    });
    const missingDone = await emu.waitForDeployment(missing.body.id);
    expect(missingDone.readyState).toBe('ERROR');
    expect(missingDone.errorMessage).toContain('the handler "gone.js" is not in the function folder');
  });

  it('answers 504 FUNCTION_INVOCATION_TIMEOUT after maxDuration', async () => {
    const res = await fetch(`${base}/api/slow`);
    expect(res.status).toBe(504);
    expect(res.headers.get('x-vercel-error')).toBe('FUNCTION_INVOCATION_TIMEOUT');
  });
});
