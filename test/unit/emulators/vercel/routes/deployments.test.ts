import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../../emulators/vercel/index.js';
import { api, buildOutputApp, deployFiles, sha1 } from '../support.js';

describe('deployment routes', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: 't', buildMs: 0 });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('answers missing_files with every unknown sha until they are uploaded', async () => {
    const data = Buffer.from('not uploaded yet');
    const sha = sha1(data);
    const files = [
      { file: 'a.txt', sha, size: data.length, mode: 0o100644 },
      { file: 'b.txt', sha, size: data.length, mode: 0o100644 },
    ];
    const first = await api(emu, 'POST', '/v13/deployments?skipAutoDetectionConfirmation=1', {
      name: 'missing',
      files,
    });
    expect(first).toEqual({
      status: 400,
      body: { error: { code: 'missing_files', message: 'Missing files', missing: [sha] } },
    });
    emu.state.putFile(data);
    const second = await api(emu, 'POST', '/v13/deployments?skipAutoDetectionConfirmation=1', {
      name: 'missing',
      files,
    });
    expect(second.status).toBe(200);
    expect(second.body.id).toMatch(/^dpl_/);
  });

  it('accepts inlined files (data + encoding)', async () => {
    const res = await api(emu, 'POST', '/v13/deployments?skipAutoDetectionConfirmation=1', {
      name: 'inline',
      files: [
        { file: 'index.html', data: Buffer.from('<p>inline</p>').toString('base64'), encoding: 'base64' },
        { file: 'notes.md', data: '# notes' },
      ],
    });
    expect(res.status).toBe(200);
    const page = await fetch(`${emu.httpUrl(res.body.url)}/`);
    expect(await page.text()).toBe('<p>inline</p>');
  });

  it('asks for projectSettings on a new project unless confirmed', async () => {
    const res = await api(emu, 'POST', '/v13/deployments', { name: 'brand-new', files: [] });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('missing_project_settings');
  });

  it('redeploys an existing deployment by deploymentId, keeping its files and meta', async () => {
    const original = await deployFiles(emu, buildOutputApp(), { name: 'redeploy', meta: { release: 'v1' } });
    const again = await api(emu, 'POST', '/v13/deployments', { deploymentId: original.body.id, target: 'production' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      name: 'redeploy',
      meta: { release: 'v1' },
      target: 'production',
      source: 'redeploy',
    });
    expect(again.body.id).not.toBe(original.body.id);
  });

  it('deploys into the project given by `project` (id), whatever the name', async () => {
    const first = await deployFiles(emu, buildOutputApp(), { name: 'by-project' });
    const second = await deployFiles(emu, buildOutputApp(), { name: 'something-else', project: first.body.projectId });
    expect(second.body.projectId).toBe(first.body.projectId);
    const unknown = await deployFiles(emu, buildOutputApp(), { name: 'x', project: 'prj_unknown' });
    expect(unknown.status).toBe(404);
  });

  it('maps target and customEnvironmentSlugOrId', async () => {
    const preview = await deployFiles(emu, buildOutputApp(), { name: 'targets', target: 'preview' });
    expect(preview.body.target).toBeNull();
    const custom = await deployFiles(emu, buildOutputApp(), { name: 'targets', customEnvironmentSlugOrId: 'qa' });
    expect(custom.body).toMatchObject({ target: null, customEnvironment: { slug: 'qa' } });
  });

  it('gets a deployment by id, host or https URL', async () => {
    const created = await deployFiles(emu, buildOutputApp(), { name: 'lookup' });
    for (const key of [created.body.id, created.body.url, encodeURIComponent(`https://${created.body.url}`)]) {
      const res = await api(emu, 'GET', `/v13/deployments/${key}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(created.body.id);
    }
    expect((await api(emu, 'GET', '/v13/deployments/dpl_doesnotexist')).status).toBe(404);
  });

  it('lists newest first with filters and until-pagination', async () => {
    const ids: string[] = [];
    for (const release of ['r1', 'r2', 'r3']) {
      const d = await deployFiles(emu, buildOutputApp(), { name: 'listed', target: 'production', meta: { release } });
      ids.push(d.body.id);
    }
    const page1 = await api(emu, 'GET', '/v6/deployments?app=listed&limit=2');
    expect(page1.body.deployments.map((d: { uid: string }) => d.uid)).toEqual([ids[2], ids[1]]);
    expect(page1.body.pagination.count).toBe(2);
    expect(page1.body.pagination.next).toEqual(expect.any(Number));
    const page2 = await api(emu, 'GET', `/v7/deployments?app=listed&limit=2&until=${page1.body.pagination.next}`);
    expect(page2.body.deployments.map((d: { uid: string }) => d.uid)).toEqual([ids[0]]);
    expect(page2.body.pagination.next).toBeNull();

    const byMeta = await api(emu, 'GET', '/v6/deployments?app=listed&meta-release=r2');
    expect(byMeta.body.deployments.map((d: { uid: string }) => d.uid)).toEqual([ids[1]]);
    const project = await api(emu, 'GET', '/v9/projects/listed');
    const byProject = await api(
      emu,
      'GET',
      `/v6/deployments?projectId=${project.body.id}&target=production&state=READY`,
    );
    expect(byProject.body.deployments).toHaveLength(3);
    const none = await api(emu, 'GET', '/v6/deployments?app=listed&state=ERROR');
    expect(none.body.deployments).toEqual([]);
  });

  it('cancels a building deployment and refuses to cancel a finished one', async () => {
    const slow = await startVercelEmulator({ token: 't', buildMs: 5_000 });
    try {
      const d = await deployFiles(slow, buildOutputApp(), { name: 'cancel' });
      const canceled = await api(slow, 'PATCH', `/v12/deployments/${d.body.id}/cancel`);
      expect(canceled.status).toBe(200);
      expect(canceled.body.readyState).toBe('CANCELED');
      const again = await api(slow, 'PATCH', `/v12/deployments/${d.body.id}/cancel`);
      expect(again.status).toBe(400);
    } finally {
      await slow.stop();
    }
  });

  it('fails the build of a deployment whose config.json is not version 3', async () => {
    const files = { ...buildOutputApp(), '.vercel/output/config.json': JSON.stringify({ version: 2 }) };
    const d = await deployFiles(emu, files, { name: 'broken' });
    const got = await api(emu, 'GET', `/v13/deployments/${d.body.id}`);
    expect(got.body).toMatchObject({ readyState: 'ERROR', errorCode: 'BUILD_FAILED' });
    expect(got.body.errorMessage).toContain('version');
  });
});
