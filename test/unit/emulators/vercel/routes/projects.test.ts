import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../../emulators/vercel/index.js';
import { api, buildOutputApp, deployFiles } from '../support.js';

function appWithPage(text: string) {
  return { ...buildOutputApp(), '.vercel/output/static/index.html': text };
}

describe('project routes: promote, rollback, aliases', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  async function production(): Promise<string> {
    return (await fetch(`${emu.httpUrl(emu.productionUrl('promo'))}/`)).text();
  }

  it('promotes a staged deployment (201) and reports lastAliasRequest', async () => {
    const v1 = await deployFiles(emu, appWithPage('v1'), { name: 'promo', target: 'production' });
    const v2 = await deployFiles(emu, appWithPage('v2'), {
      name: 'promo',
      target: 'production',
      autoAssignCustomDomains: false,
    });
    expect(await production()).toBe('v1');
    const project = await api(emu, 'GET', '/v9/projects/promo');
    expect(project.body.targets.production.id).toBe(v1.body.id);

    const promoted = await api(emu, 'POST', `/v10/projects/${project.body.id}/promote/${v2.body.id}`, {});
    expect(promoted.status).toBe(201);
    expect(await production()).toBe('v2');
    const after = await api(emu, 'GET', '/v9/projects/promo');
    expect(after.body.targets.production.id).toBe(v2.body.id);
    expect(after.body.lastAliasRequest).toEqual({
      fromDeploymentId: v1.body.id,
      toDeploymentId: v2.body.id,
      jobStatus: 'succeeded',
      requestedAt: expect.any(Number),
      type: 'promote',
    });

    const rolled = await api(emu, 'POST', `/v9/projects/promo/rollback/${v1.body.id}`);
    expect(rolled.status).toBe(201);
    expect(await production()).toBe('v1');
    const v3 = await deployFiles(emu, appWithPage('v3'), { name: 'promo', target: 'production' });
    expect(v3.status).toBe(200);
    expect(await production()).toBe('v1');
    expect((await api(emu, 'POST', `/v1/projects/promo/rollback/${v1.body.id}`)).status).toBe(409);
  });

  it('lists the aliases of a failed promote job with failedOnly', async () => {
    const v1 = await deployFiles(emu, appWithPage('a1'), { name: 'failing', target: 'production' });
    const v2 = await deployFiles(emu, appWithPage('a2'), {
      name: 'failing',
      target: 'production',
      autoAssignCustomDomains: false,
    });
    emu.state.failNextAliasJob();
    expect((await api(emu, 'POST', `/v10/projects/failing/promote/${v2.body.id}`)).status).toBe(201);
    const project = await api(emu, 'GET', '/v9/projects/failing');
    expect(project.body.lastAliasRequest.jobStatus).toBe('failed');
    expect(project.body.targets.production.id).toBe(v1.body.id);
    const failed = await api(emu, 'GET', `/v9/projects/${project.body.id}/promote/aliases?failedOnly=true&limit=20`);
    expect(failed.body).toEqual({
      aliases: [{ alias: 'failing.vercel.app', id: expect.any(String), status: 'failed' }],
      pagination: { count: 1, next: null, prev: null },
    });
  });

  it('refuses to promote a preview deployment or a deployment of another project', async () => {
    const preview = await deployFiles(emu, buildOutputApp(), { name: 'promo' });
    const res = await api(emu, 'POST', `/v10/projects/promo/promote/${preview.body.id}`);
    expect(res.status).toBe(400);
    const other = await deployFiles(emu, buildOutputApp(), { name: 'other', target: 'production' });
    expect((await api(emu, 'POST', `/v10/projects/promo/promote/${other.body.id}`)).status).toBe(404);
    expect((await api(emu, 'GET', '/v9/projects/nope')).status).toBe(404);
  });

  it('answers 201 while the alias job runs when aliasMs > 0 (the CLI then polls lastAliasRequest)', async () => {
    // The alias job never finishes on its own during the test; completeAliasJobs() ends it deterministically.
    const slow = await startVercelEmulator({ token: 't', buildMs: 0, aliasMs: 600_000 });
    try {
      const v1 = await deployFiles(slow, appWithPage('v1'), { name: 'slow', target: 'production' });
      const v2 = await deployFiles(slow, appWithPage('v2'), {
        name: 'slow',
        target: 'production',
        autoAssignCustomDomains: false,
      });
      const res = await api(slow, 'POST', `/v10/projects/slow/promote/${v2.body.id}`);
      // 202 would tell the vercel CLI the promote is queued behind a rolling release (and it would stop there).
      expect(res.status).toBe(201);
      const pending = await api(slow, 'GET', '/v9/projects/slow');
      expect(pending.body.lastAliasRequest.jobStatus).toBe('in-progress');
      expect(pending.body.targets.production.id).toBe(v1.body.id);
      expect(slow.state.completeAliasJobs()).toBe(1);
      const done = await api(slow, 'GET', '/v9/projects/slow');
      expect(done.body.lastAliasRequest.jobStatus).toBe('succeeded');
      expect(done.body.targets.production.id).toBe(v2.body.id);
    } finally {
      await slow.stop();
    }
  });

  it('assigns an alias and serves the deployment under it', async () => {
    const d = await deployFiles(emu, appWithPage('aliased'), { name: 'aliases' });
    const res = await api(emu, 'POST', `/v2/deployments/${d.body.id}/aliases`, { alias: 'my-branch.example.com' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      alias: 'my-branch.example.com',
      oldDeploymentId: null,
      created: expect.any(String),
    });
    expect(await (await fetch(`${emu.httpUrl('my-branch.example.com')}/`)).text()).toBe('aliased');
    const d2 = await deployFiles(emu, appWithPage('moved'), { name: 'aliases' });
    const moved = await api(emu, 'POST', `/v2/deployments/${d2.body.id}/aliases`, { alias: 'my-branch.example.com' });
    expect(moved.body.oldDeploymentId).toBe(d.body.id);
    expect(await (await emu.fetch('https://my-branch.example.com/')).text()).toBe('moved');
  });
});
