import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEED_PROJECT_ID,
  SEED_TEAM_ID,
  startVercelEmulator,
  type VercelEmulator,
} from '../../../../../emulators/vercel/index.js';
import { api, deployFiles } from '../support.js';

const SECRET_A = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const SECRET_B = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';

function page(text: string) {
  return {
    '.vercel/output/config.json': JSON.stringify({ version: 3, routes: [{ handle: 'filesystem' }] }),
    '.vercel/output/static/index.html': text,
  };
}

describe('Deployment Protection on the emulator edge', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0, seed: { bypassSecret: SECRET_A } });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('seeds a protected project with a bypass secret, reported by the project API', async () => {
    expect(emu.seed).toEqual({
      teamId: SEED_TEAM_ID,
      teamSlug: 'shipline-local',
      projectId: SEED_PROJECT_ID,
      projectName: 'shipline-app',
      bypassSecret: SECRET_A,
    });
    const project = await api(emu, 'GET', `/v9/projects/${SEED_PROJECT_ID}?teamId=${SEED_TEAM_ID}`);
    expect(project.status).toBe(200);
    expect(Object.keys(project.body.protectionBypass)).toEqual([SECRET_A]);
    expect(project.body.ssoProtection).toEqual({ deploymentType: 'all_except_custom_domains' });
  });

  it('protects previews and staged production deployments; the production domain and its custom domains stay public', async () => {
    const live = await deployFiles(
      emu,
      page('live'),
      { project: SEED_PROJECT_ID, target: 'production' },
      `&teamId=${SEED_TEAM_ID}`,
    );
    const staged = await deployFiles(
      emu,
      page('staged'),
      { project: SEED_PROJECT_ID, target: 'production', autoAssignCustomDomains: false },
      `&teamId=${SEED_TEAM_ID}`,
    );
    const preview = await deployFiles(emu, page('preview'), { project: SEED_PROJECT_ID }, `&teamId=${SEED_TEAM_ID}`);
    expect(emu.state.findDeployment(staged.body.id)?.readySubstate).toBe('STAGED');

    expect(await (await emu.fetch(`https://${emu.productionUrl(SEED_PROJECT_ID)}/`)).text()).toBe('live');
    for (const d of [live, staged, preview]) {
      const denied = await emu.fetch(d.body.url);
      expect(denied.status).toBe(401);
      expect(denied.headers.get('cache-control')).toBe('no-store, max-age=0');
    }
    const ok = await emu.fetch(staged.body.url, { headers: { 'x-vercel-protection-bypass': SECRET_A } });
    expect(await ok.text()).toBe('staged');

    // A custom domain aimed at production is public; a preview alias is protected like the preview itself.
    await api(emu, 'POST', `/v2/deployments/${live.body.id}/aliases?teamId=${SEED_TEAM_ID}`, {
      alias: 'www.example.com',
    });
    await api(emu, 'POST', `/v2/deployments/${preview.body.id}/aliases?teamId=${SEED_TEAM_ID}`, {
      alias: 'shipline-app-git-feature-shipline-local.vercel.app',
    });
    expect(await (await emu.fetch('https://www.example.com/')).text()).toBe('live');
    expect((await emu.fetch('https://shipline-app-git-feature-shipline-local.vercel.app/')).status).toBe(401);
    const aliasOk = await emu.fetch(
      `https://shipline-app-git-feature-shipline-local.vercel.app/?x-vercel-protection-bypass=${SECRET_A}`,
    );
    expect(await aliasOk.text()).toBe('preview');
  });

  it('accepts any of several bypass secrets, and none after they are revoked', async () => {
    const d = await deployFiles(emu, page('multi'), { name: 'multi-secret' });
    emu.state.addProtectionBypass('multi-secret', SECRET_A);
    emu.state.addProtectionBypass('multi-secret', SECRET_B);
    const fetchWith = (secret: string) => emu.fetch(d.body.url, { headers: { 'x-vercel-protection-bypass': secret } });
    expect((await fetchWith(SECRET_A)).status).toBe(200);
    expect((await fetchWith(SECRET_B)).status).toBe(200);
    expect((await fetchWith(`${SECRET_B}x`)).status).toBe(401);
    expect((await fetchWith(SECRET_B.slice(1))).status).toBe(401);
    expect((await fetchWith('')).status).toBe(401);
    const project = await api(emu, 'GET', '/v9/projects/multi-secret');
    expect(Object.keys(project.body.protectionBypass)).toEqual([SECRET_A, SECRET_B]);

    emu.state.revokeProtectionBypass('multi-secret', SECRET_A);
    expect((await fetchWith(SECRET_A)).status).toBe(401);
    expect((await fetchWith(SECRET_B)).status).toBe(200);
    emu.state.revokeProtectionBypass('multi-secret', SECRET_B);
    expect((await emu.fetch(d.body.url)).status).toBe(200);
  });

  it('sets a bypass cookie on request (header or query parameter), valid for that host only', async () => {
    const one = await deployFiles(emu, page('one'), { name: 'cookie-app' });
    const two = await deployFiles(emu, page('two'), { name: 'cookie-app' });
    emu.state.setProtection('cookie-app', SECRET_B);
    const issued = await emu.fetch(
      `${one.body.url}/?x-vercel-protection-bypass=${SECRET_B}&x-vercel-set-bypass-cookie=samesitenone`,
    );
    const setCookie = issued.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^_vercel_jwt=[0-9a-f]{64}; Path=\/; HttpOnly; Secure; SameSite=None$/);
    const cookie = setCookie.split(';')[0] ?? '';
    expect(await (await emu.fetch(one.body.url, { headers: { cookie } })).text()).toBe('one');
    expect((await emu.fetch(two.body.url, { headers: { cookie } })).status).toBe(401);
  });
});
