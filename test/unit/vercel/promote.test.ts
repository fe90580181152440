import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../emulators/vercel/index.js';
import { MemoryLogger, silentLogger, systemClock } from '../../../lib/core/index.js';
import { type PromoteOptions, promoteDeployment } from '../../../lib/vercel/promote.js';
import { deployMarker, PROJECT, production, TOKEN } from './fixtures.js';

describe('promoteDeployment against the Vercel emulator', () => {
  let emu: VercelEmulator;
  let live: string;

  beforeAll(async () => {
    // aliasMs > 0: the promote API answers 202 and the switch happens later, as on Vercel.
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 100, aliasMs: 150 });
    await emu.createProject(PROJECT);
    const first = await deployMarker(emu, 'live-0');
    expect(first.outcome).toBe('success');
    const promoted = await promoteDeployment(options(first.details.deploymentId as string));
    expect(promoted.outcome, promoted.message).toBe('success');
    live = 'live-0';
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(() => {
    emu.server.faults.clear();
    emu.server.requests.reset();
  });

  function options(deployment: string, extra: Partial<PromoteOptions> = {}): PromoteOptions {
    return {
      token: TOKEN,
      apiUrl: emu.url,
      project: PROJECT,
      deployment,
      timeoutMs: 15_000,
      pollIntervalMs: 30,
      idleTimeoutMs: 1_000,
      serveCheck: { fetch: (url, init) => emu.fetch(url, init) },
      clock: systemClock,
      logger: silentLogger,
      random: () => 0.5,
      ...extra,
    };
  }

  async function expectProductionServes(marker: string) {
    const served = await production(emu);
    expect(served.status).toBe(200);
    expect(served.body).toContain(`<p id="build">${marker}</p>`);
  }

  async function staged(marker: string): Promise<string> {
    const result = await deployMarker(emu, marker);
    expect(result.details.staged).toBe(true);
    await expectProductionServes(live);
    return result.details.deploymentId as string;
  }

  it('switches production to a staged deployment, waits for the alias job and checks the served bytes', async () => {
    const id = await staged('next-1');
    const logger = new MemoryLogger();
    const result = await promoteDeployment(options(id, { logger }));
    expect(result).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(result.details).toMatchObject({ deploymentId: id, servingVerified: true, wasPinned: false });
    expect(result.details.previousDeploymentId).toBeDefined();
    expect(result.details.productionUrl).toBe(`https://${emu.productionUrl(PROJECT)}`);
    expect(logger.text()).toMatch(/Alias job: in-progress[\s\S]*Alias job: succeeded/);
    await expectProductionServes('next-1');
    live = 'next-1';
  });

  const faults: Array<[string, Record<string, unknown>]> = [
    [
      'promote 429',
      { method: 'POST', path: '/v10/projects/*/promote/*', status: 429, headers: { 'retry-after': '1' }, times: 1 },
    ],
    ['promote 500', { method: 'POST', path: '/v10/projects/*/promote/*', status: 500, times: 1 }],
    ['promote 502', { method: 'POST', path: '/v10/projects/*/promote/*', status: 502, times: 1 }],
    ['promote 503', { method: 'POST', path: '/v10/projects/*/promote/*', status: 503, times: 2 }],
    ['promote stall', { method: 'POST', path: '/v10/projects/*/promote/*', stall: true, times: 1 }],
    ['promote reset', { method: 'POST', path: '/v10/projects/*/promote/*', reset: true, times: 1 }],
    ['alias polling 500', { method: 'GET', path: '/v9/projects/*', status: 500, times: 3 }],
    ['alias polling reset', { method: 'GET', path: '/v9/projects/*', reset: true, times: 2 }],
  ];

  it.each(faults)('%s: retried until production serves the new deployment', async (_name, fault) => {
    const id = await staged(`promote-${_name}`);
    emu.server.faults.add(fault);
    const result = await promoteDeployment(options(id));
    expect(result.outcome, result.message).toBe('success');
    expect(emu.server.requests.entries.some((e) => [0, 429, 500, 502, 503].includes(e.status))).toBe(true);
    await expectProductionServes(`promote-${_name}`);
    live = `promote-${_name}`;
  });

  it('a failed alias job is a promote failure and production keeps serving the previous deployment', async () => {
    const id = await staged('alias-fails');
    emu.state.failNextAliasJob();
    const result = await promoteDeployment(options(id));
    expect(result).toMatchObject({ outcome: 'failure', reason: 'promote-failed' });
    expect(result.message).toMatch(/alias job failed/);
    await expectProductionServes(live);
  });

  it('a promote that never answers fails with a timeout and leaves production alone', async () => {
    const id = await staged('stalled-forever');
    emu.server.faults.add({ method: 'POST', path: '/v10/projects/*/promote/*', stall: true });
    const result = await promoteDeployment(options(id, { idleTimeoutMs: 200 }));
    expect(result.outcome).toBe('failure');
    expect(result.reason).toBe('timeout');
    await expectProductionServes(live);
  });

  it('refuses a preview deployment, an unknown deployment and a foreign team without changing anything', async () => {
    const preview = await deployMarker(emu, 'pr', { target: 'preview' });
    const refusedPreview = await promoteDeployment(options(preview.details.deploymentId as string));
    expect(refusedPreview).toMatchObject({ outcome: 'refused', reason: 'invalid-input' });
    expect(refusedPreview.message).toMatch(/production deployment/);
    const unknown = await promoteDeployment(options('dpl_doesnotexist'));
    expect(unknown).toMatchObject({ outcome: 'refused', reason: 'deployment-missing' });
    const team = await promoteDeployment(options('dpl_x', { teamId: 'team_nope' }));
    expect(team).toMatchObject({ outcome: 'refused', reason: 'permission-denied' });
    expect(emu.server.requests.count('POST /v10/projects/:projectId/promote/:deploymentId')).toBe(0);
    await expectProductionServes(live);
  });

  it('unpins production after a rollback (FACTS.md pin semantics)', async () => {
    const id = await staged('after-rollback');
    const previous = emu.state.findProject(PROJECT)?.productionDeploymentId as string;
    const older = [...emu.state.deployments.values()].find(
      (d) => d.target === 'production' && d.readyState === 'READY' && d.id !== previous && d.id !== id,
    );
    const rollback = await fetch(`${emu.url}/v9/projects/${PROJECT}/rollback/${older?.id}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(rollback.status).toBe(201);
    await new Promise((r) => setTimeout(r, 200));
    const result = await promoteDeployment(options(id));
    expect(result.outcome, result.message).toBe('success');
    expect(result.details.wasPinned).toBe(true);
    expect(result.message).toMatch(/no longer pinned/);
    await expectProductionServes('after-rollback');
    live = 'after-rollback';
  });
});
