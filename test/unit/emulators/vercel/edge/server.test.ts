import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../../emulators/vercel/index.js';
import { buildOutputApp, deployFiles } from '../support.js';

function page(text: string) {
  return {
    ...buildOutputApp([{ src: '/(.*)', headers: { 'x-app': 'unit' }, continue: true }, { handle: 'filesystem' }]),
    '.vercel/output/static/index.html': text,
  };
}

/** GET through the Host-routed edge listener with a real Host header (what curl or a browser would send). */
function getWithHost(base: string, host: string, path: string): Promise<{ status: number; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => {
        body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the emulator edge', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('serves static files with content types, config headers and ETags', async () => {
    const d = await deployFiles(emu, page('hello'), { name: 'static-app' });
    const base = emu.httpUrl(d.body.url);
    const css = await fetch(`${base}/style.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('x-app')).toBe('unit');
    expect(css.headers.get('x-vercel-id')).toMatch(/^iad1::/);
    const etag = css.headers.get('etag') ?? '';
    const again = await fetch(`${base}/style.css`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const missing = await fetch(`${base}/missing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-vercel-error')).toBe('NOT_FOUND');
  });

  it('routes by Host header and by x-vercel-deployment-url on the shared listener', async () => {
    const d = await deployFiles(emu, page('by host'), { name: 'host-app', target: 'production' });
    expect(await getWithHost(emu.edgeUrl, d.body.url, '/')).toEqual({ status: 200, body: 'by host' });
    expect(await getWithHost(emu.edgeUrl, 'host-app.vercel.app', '/')).toEqual({ status: 200, body: 'by host' });
    const viaHeader = await fetch(`${emu.edgeUrl}/`, {
      headers: { 'x-vercel-deployment-url': `https://${d.body.url}` },
    });
    expect(await viaHeader.text()).toBe('by host');
    const unknown = await getWithHost(emu.edgeUrl, 'nobody.vercel.app', '/');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('DEPLOYMENT_NOT_FOUND');
  });

  it('redirects requests for a deployment that is still building', async () => {
    const slow = await startVercelEmulator({ token: 't', buildMs: 10_000 });
    try {
      const d = await deployFiles(slow, page('later'), { name: 'slow-app' });
      const res = await fetch(`${slow.httpUrl(d.body.url)}/`, { redirect: 'manual' });
      expect(res.status).toBe(303);
      expect(res.headers.get('x-vercel-error')).toBe('DEPLOYMENT_NOT_READY_REDIRECTING');
      expect(d.body.inspectorUrl).toMatch(/^https:\/\/vercel\.com\/[^/]+\/slow-app\/[^/]+$/);
      expect(res.headers.get('location')).toBe(d.body.inspectorUrl);
    } finally {
      await slow.stop();
    }
  });

  it('runs functions with project, deployment, .vc-config.json and system environment variables', async () => {
    await emu.createProject('env-app', {
      env: { production: { SUPABASE_URL: 'http://127.0.0.1:54321' }, preview: { ONLY_PREVIEW: 'x' } },
    });
    const d = await deployFiles(emu, page('env'), {
      name: 'env-app',
      target: 'production',
      env: { FROM_DEPLOYMENT: 'dep' },
      gitMetadata: { commitSha: 'abc123', commitRef: 'main' },
    });
    // Like on Vercel, changing a project variable only affects deployments created afterwards.
    emu.state.setProjectEnv('env-app', 'production', { SUPABASE_URL: 'http://changed.invalid' });
    const res = await fetch(`${emu.httpUrl(d.body.url)}/api/env?q=1`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { url: string; host: string; env: Record<string, string> };
    expect(body.url).toBe('/api/env?q=1');
    expect(body.host).toBe(d.body.url);
    expect(body.env).toMatchObject({
      FROM_DEPLOYMENT: 'dep',
      FROM_VC_CONFIG: 'yes',
      SUPABASE_URL: 'http://127.0.0.1:54321',
      VERCEL: '1',
      VERCEL_ENV: 'production',
      VERCEL_URL: d.body.url,
      VERCEL_REGION: 'iad1',
      VERCEL_GIT_COMMIT_SHA: 'abc123',
      VERCEL_PROJECT_PRODUCTION_URL: 'env-app.vercel.app',
    });
    expect(body.env.ONLY_PREVIEW).toBeUndefined();
    expect(body.env.HOME).toBeUndefined();
  });

  it('requires the protection bypass on deployment URLs but not on the production domain', async () => {
    const d = await deployFiles(emu, page('secret'), { name: 'guarded', target: 'production' });
    emu.state.setProtection('guarded', 'bypass-0123456789abcdef0123456789ab');
    const base = emu.httpUrl(d.body.url);
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/`, { headers: { 'x-vercel-protection-bypass': 'wrong' } })).status).toBe(401);
    const ok = await fetch(`${base}/`, {
      headers: { 'x-vercel-protection-bypass': 'bypass-0123456789abcdef0123456789ab' },
    });
    expect(await ok.text()).toBe('secret');
    const query = await fetch(`${base}/?x-vercel-protection-bypass=bypass-0123456789abcdef0123456789ab`);
    expect(query.status).toBe(200);
    expect((await fetch(`${emu.httpUrl(emu.productionUrl('guarded'))}/`)).status).toBe(200);
    const byId = await fetch(`${emu.edgeUrl}/`, { headers: { 'x-vercel-deployment-url': d.body.id } });
    expect(byId.status).toBe(404);
    const withCookie = await fetch(`${base}/`, {
      headers: {
        'x-vercel-protection-bypass': 'bypass-0123456789abcdef0123456789ab',
        'x-vercel-set-bypass-cookie': 'true',
      },
    });
    const cookie = (withCookie.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toMatch(/^_vercel_jwt=/);
    expect((await fetch(`${base}/`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base}/`, { headers: { cookie: '_vercel_jwt=forged' } })).status).toBe(401);
  });

  it('switches the production domain atomically on promote', async () => {
    await deployFiles(emu, page('one'), { name: 'atomic', target: 'production' });
    const v2 = await deployFiles(emu, page('two'), {
      name: 'atomic',
      target: 'production',
      autoAssignCustomDomains: false,
    });
    const prod = emu.httpUrl(emu.productionUrl('atomic'));
    let promoted = false;
    const seen: Array<{ text: string; afterPromote: boolean }> = [];
    const load = (async () => {
      for (let i = 0; i < 40; i++) {
        const afterPromote = promoted;
        seen.push({ text: await (await fetch(`${prod}/`)).text(), afterPromote });
      }
    })();
    // Promote once traffic is flowing, so requests land on both sides of the switch.
    while (seen.length < 5) await new Promise((r) => setImmediate(r));
    emu.promote(v2.body.id);
    promoted = true;
    await load;
    expect(seen.every((s) => s.text === 'one' || s.text === 'two')).toBe(true);
    expect(seen.filter((s) => !s.afterPromote).length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.afterPromote).length).toBeGreaterThan(0);
    expect(seen.filter((s) => s.afterPromote).every((s) => s.text === 'two')).toBe(true);
    expect(await (await fetch(`${prod}/`)).text()).toBe('two');
  });

  it('applies edge fault rules to served traffic', async () => {
    const d = await deployFiles(emu, page('faulty'), { name: 'faulty' });
    const base = emu.httpUrl(d.body.url);
    emu.edge.faults.add({ method: 'GET', path: '/api/*', status: 503, headers: { 'retry-after': '2' }, times: 1 });
    const failed = await fetch(`${base}/api/env`);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('2');
    expect((await fetch(`${base}/api/env`)).status).toBe(200);
    emu.edge.faults.add({ path: '/', reset: true, times: 1 });
    await expect(fetch(`${base}/`)).rejects.toThrow();
    expect(await (await fetch(`${base}/`)).text()).toBe('faulty');
  });
});
