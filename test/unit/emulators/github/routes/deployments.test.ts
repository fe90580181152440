import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../../emulators/github/index.js';
import { type Caller, startSeeded } from '../helpers.js';

describe('deployments routes', () => {
  let gh: GitHubEmulator;
  let shas: string[];
  let call: Caller;
  const base = '/repos/acme/web/deployments';

  beforeEach(async () => {
    ({ gh, shas, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('resolves branch, tag and sha refs and rejects unknown refs with 422', async () => {
    const byTag = await call('POST', base, { ref: 'v1.0.0' });
    expect(byTag.status).toBe(201);
    expect(byTag.body).toMatchObject({
      ref: 'v1.0.0',
      sha: shas[0],
      environment: 'production',
      production_environment: true,
      task: 'deploy',
      payload: {},
    });
    expect((await call('POST', base, { ref: 'main', environment: 'staging' })).body).toMatchObject({
      sha: shas[2],
      production_environment: false,
    });
    expect((await call('POST', base, { ref: shas[1] })).body.sha).toBe(shas[1]);
    const bad = await call('POST', base, { ref: 'nope' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ message: 'No ref found for: nope', status: '422' });
  });

  it('accepts the payload as an object or a JSON string', async () => {
    const a = await call('POST', base, { ref: 'main', payload: { version: '1.1.0' } });
    const b = await call('POST', base, { ref: 'main', payload: JSON.stringify({ version: '1.1.0' }) });
    expect(a.body.payload).toEqual({ version: '1.1.0' });
    expect(b.body.payload).toEqual({ version: '1.1.0' });
  });

  it('lists newest first with filters and Link pagination', async () => {
    for (let i = 0; i < 5; i++)
      await call('POST', base, { ref: 'main', environment: i % 2 ? 'staging' : 'production' });
    await call('POST', base, { ref: 'v1.0.0', task: 'deploy:migrations' });
    const all = await call('GET', base);
    expect(all.body.map((d: { id: number }) => d.id)).toEqual(
      [...all.body.map((d: { id: number }) => d.id)].sort((x, y) => y - x),
    );
    expect((await call('GET', `${base}?environment=staging`)).body).toHaveLength(2);
    expect((await call('GET', `${base}?sha=${shas[0]}`)).body).toHaveLength(1);
    expect((await call('GET', `${base}?ref=main&environment=production`)).body).toHaveLength(3);
    expect((await call('GET', `${base}?task=deploy:migrations`)).body).toHaveLength(1);
    const page1 = await call('GET', `${base}?per_page=4`);
    expect(page1.body).toHaveLength(4);
    expect(page1.headers.get('link')).toMatch(/page=2>; rel="next"/);
    const page2 = await call('GET', `${base}?per_page=4&page=2`);
    expect(page2.body).toHaveLength(2);
    expect(page2.headers.get('link')).toMatch(/rel="prev"/);
    expect(page2.headers.get('link')).not.toMatch(/rel="next"/);
  });

  it('a success status marks the previous successful non-production deployment of the environment inactive', async () => {
    const first = (await call('POST', base, { ref: 'v1.0.0', environment: 'staging' })).body.id;
    await call('POST', `${base}/${first}/statuses`, { state: 'success', environment_url: 'https://app.test' });
    const preview = (await call('POST', base, { ref: 'main', environment: 'pr-1', transient_environment: true })).body
      .id;
    await call('POST', `${base}/${preview}/statuses`, { state: 'success' });
    const second = (await call('POST', base, { ref: 'v1.1.0', environment: 'staging' })).body.id;
    await call('POST', `${base}/${second}/statuses`, { state: 'in_progress', log_url: 'https://ci.test/1' });
    expect((await call('GET', `${base}/${first}/statuses`)).body[0].state).toBe('success');
    const done = await call('POST', `${base}/${second}/statuses`, { state: 'success', log_url: 'https://ci.test/1' });
    expect(done.body).toMatchObject({
      state: 'success',
      log_url: 'https://ci.test/1',
      target_url: 'https://ci.test/1',
      environment: 'staging',
    });
    const firstStatuses = (await call('GET', `${base}/${first}/statuses`)).body;
    expect(firstStatuses.map((s: { state: string }) => s.state)).toEqual(['inactive', 'success']);
    expect(firstStatuses[0].environment_url).toBe('https://app.test');
    expect((await call('GET', `${base}/${preview}/statuses`)).body[0].state).toBe('success');
  });

  it('auto_inactive leaves production deployments and later deployments alone, as documented', async () => {
    const first = (await call('POST', base, { ref: 'v1.0.0' })).body.id;
    await call('POST', `${base}/${first}/statuses`, { state: 'success' });
    const second = (await call('POST', base, { ref: 'v1.1.0' })).body.id;
    await call('POST', `${base}/${second}/statuses`, { state: 'success' });
    expect((await call('GET', `${base}/${first}/statuses`)).body.map((s: { state: string }) => s.state)).toEqual([
      'success',
    ]);
    const older = (await call('POST', base, { ref: 'v1.0.0', environment: 'qa' })).body.id;
    const newer = (await call('POST', base, { ref: 'v1.1.0', environment: 'qa' })).body.id;
    await call('POST', `${base}/${newer}/statuses`, { state: 'success' });
    await call('POST', `${base}/${older}/statuses`, { state: 'success' });
    expect((await call('GET', `${base}/${newer}/statuses`)).body[0].state).toBe('success');
  });

  it('auto_inactive: false leaves other deployments alone', async () => {
    const first = (await call('POST', base, { ref: 'v1.0.0', environment: 'staging' })).body.id;
    await call('POST', `${base}/${first}/statuses`, { state: 'success' });
    const second = (await call('POST', base, { ref: 'v1.1.0', environment: 'staging' })).body.id;
    await call('POST', `${base}/${second}/statuses`, { state: 'success', auto_inactive: false });
    expect((await call('GET', `${base}/${first}/statuses`)).body).toHaveLength(1);
  });

  it('validates states, gets one status, and deletes only inactive deployments', async () => {
    const first = (await call('POST', base, { ref: 'v1.0.0' })).body.id;
    const second = (await call('POST', base, { ref: 'v1.1.0' })).body.id;
    expect((await call('POST', `${base}/${first}/statuses`, { state: 'done' })).status).toBe(422);
    const long = await call('POST', `${base}/${first}/statuses`, { state: 'queued', description: 'x'.repeat(141) });
    expect(long.status).toBe(422);
    expect(long.body.errors[0]).toMatchObject({ field: 'description', code: 'custom' });
    const s = (await call('POST', `${base}/${first}/statuses`, { state: 'queued' })).body;
    expect((await call('GET', `${base}/${first}/statuses/${s.id}`)).body.state).toBe('queued');
    expect((await call('GET', `${base}/${first}/statuses/999999`)).status).toBe(404);
    expect((await call('DELETE', `${base}/${first}`)).status).toBe(422);
    await call('POST', `${base}/${first}/statuses`, { state: 'inactive' });
    expect((await call('DELETE', `${base}/${first}`)).status).toBe(204);
    expect((await call('GET', `${base}/${first}`)).status).toBe(404);
    expect((await call('DELETE', `${base}/${second}`)).status).toBe(204);
  });

  it('needs write access to create', async () => {
    gh.setRole('acme/web', 'rita', 'read');
    gh.seedToken('t-rita', 'rita');
    expect((await call('POST', base, { ref: 'main' }, 't-rita')).status).toBe(403);
    expect((await call('GET', base, undefined, 't-rita')).status).toBe(200);
  });
});
