import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../emulators/vercel/index.js';
import { api, buildOutputApp, deployFiles } from './support.js';

describe('Vercel emulator authentication and team scoping', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ tokens: ['tok-a'], buildMs: 0, teamId: 'team_a', teams: { team_b: 'team-b' } });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('answers 403 forbidden with missingToken when there is no bearer token', async () => {
    const res = await api(emu, 'GET', '/v6/deployments', undefined, null);
    expect(res).toEqual({
      status: 403,
      body: {
        error: { code: 'forbidden', message: 'The request is missing an authentication token', missingToken: true },
      },
    });
  });

  it('answers 403 forbidden with invalidToken for an unknown token', async () => {
    const res = await api(emu, 'GET', '/v6/deployments', undefined, 'wrong');
    expect(res).toEqual({
      status: 403,
      body: { error: { code: 'forbidden', message: 'Not authorized', invalidToken: true } },
    });
  });

  it('refuses a team the token is not a member of', async () => {
    const res = await api(emu, 'GET', '/v6/deployments?teamId=team_zzz');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });

  it('keeps each team’s deployments and projects to itself', async () => {
    const created = await deployFiles(emu, buildOutputApp(), { name: 'scoped' }, '&teamId=team_a');
    expect(created.status).toBe(200);
    const id = created.body.id as string;
    expect(created.body.ownerId).toBe('team_a');
    expect((await api(emu, 'GET', `/v13/deployments/${id}?teamId=team_a`)).status).toBe(200);
    expect((await api(emu, 'GET', `/v13/deployments/${id}?teamId=team_b`)).status).toBe(404);
    expect((await api(emu, 'GET', `/v13/deployments/${id}`)).status).toBe(404);
    expect((await api(emu, 'GET', '/v9/projects/scoped?teamId=team_b')).status).toBe(404);
    expect((await api(emu, 'GET', '/v9/projects/scoped?teamId=team_a')).status).toBe(200);
    const list = await api(emu, 'GET', '/v6/deployments?teamId=team_b');
    expect(list.body.deployments).toEqual([]);
  });
});
