import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../emulators/vercel/index.js';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { deployToVercel } from '../../../lib/vercel/deploy.js';
import { appOutput, commit, deployMarker, deployOptions, PROJECT, production, TOKEN } from './fixtures.js';

describe('deployToVercel against the Vercel emulator', () => {
  let emu: VercelEmulator;
  let live: string;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 200, teamId: 'team_shop' });
    await emu.createProject(PROJECT);
    const first = await deployMarker(emu, 'live-0');
    expect(first.outcome).toBe('success');
    emu.promote(first.details.deploymentId as string);
    live = 'live-0';
  });
  afterAll(async () => {
    await emu?.stop();
  });
  beforeEach(() => {
    emu.server.faults.clear();
    emu.server.requests.reset();
  });

  async function expectProductionServes(marker: string) {
    const served = await production(emu);
    expect(served.status).toBe(200);
    expect(served.body).toContain(`<p id="build">${marker}</p>`);
  }

  it('stages a production deployment: READY, but the production domain keeps serving the live one', async () => {
    const logger = new MemoryLogger();
    const result = await deployMarker(emu, 'staged-1', { logger });
    expect(result).toMatchObject({ outcome: 'success', reason: 'ok' });
    expect(result.details).toMatchObject({ staged: true, reused: false, readyState: 'READY', target: 'production' });
    expect(result.details.filesUploaded).toBeGreaterThan(0);
    expect(result.details.bytesUploaded).toBeGreaterThan(0);
    expect(result.details.filesHashed).toBe(5);
    expect(result.details.url).toMatch(/^https:\/\/shop-/);
    expect(result.details.inspectorUrl).toMatch(/^https:\/\/vercel\.com\//);
    const own = await fetch(`${emu.httpUrl(result.details.url as string)}/`);
    expect(await own.text()).toContain('staged-1');
    await expectProductionServes(live);
    const created = emu.state.deployments.get(result.details.deploymentId as string);
    expect(created?.autoAssignCustomDomains).toBe(false);
    expect(created?.meta).toMatchObject({
      shiplineSha: expect.stringMatching(/^[0-9a-f]{40}$/),
      shiplineActor: 'octocat',
    });
    expect(created?.gitMetadata).toMatchObject({ commitRef: 'main', remoteUrl: 'https://github.com/acme/shop' });
    expect(logger.text()).toMatch(/Hashed 5 files/);
    expect(logger.text()).toMatch(/Uploaded \d+ file\(s\)/);
  });

  it('a second deploy of the same commit reuses the READY deployment: 0 files, 0 bytes, nothing created', async () => {
    const sha = commit();
    const out = appOutput('same-commit');
    try {
      const first = await deployToVercel(deployOptions(emu, out.dir, sha));
      expect(first.outcome).toBe('success');
      emu.server.requests.reset();
      const second = await deployToVercel(deployOptions(emu, out.dir, sha));
      expect(second).toMatchObject({ outcome: 'success', reason: 'reused' });
      expect(second.details).toMatchObject({
        deploymentId: first.details.deploymentId,
        filesUploaded: 0,
        bytesUploaded: 0,
        reused: true,
        staged: true,
      });
      expect(emu.server.requests.count('POST /v2/files')).toBe(0);
      expect(emu.server.requests.count('POST /v13/deployments')).toBe(0);

      const forced = await deployToVercel(deployOptions(emu, out.dir, sha, { force: true }));
      expect(forced.details.reused).toBe(false);
      expect(forced.details.deploymentId).not.toBe(first.details.deploymentId);
      expect(forced.details.filesUploaded).toBe(0);
      expect(emu.server.requests.count('POST /v2/files')).toBe(0);
    } finally {
      out.cleanup();
    }
  });

  it('deploys previews and custom environments without staging', async () => {
    const preview = await deployMarker(emu, 'preview-1', { target: 'preview' });
    expect(preview.details).toMatchObject({ staged: false, target: 'preview' });
    expect(emu.state.deployments.get(preview.details.deploymentId as string)?.target).toBeNull();
    const custom = await deployMarker(emu, 'staging-1', { target: 'staging' });
    expect(custom.outcome).toBe('success');
    expect(emu.state.deployments.get(custom.details.deploymentId as string)?.customEnvironment).toBe('staging');
    await expectProductionServes(live);
  });

  const transient: Array<[string, Record<string, unknown>]> = [
    [
      'upload 429 + Retry-After',
      { method: 'POST', path: '/v2/files', status: 429, headers: { 'retry-after': '1' }, times: 2 },
    ],
    ['upload 500', { method: 'POST', path: '/v2/files', status: 500, times: 1 }],
    ['upload 502', { method: 'POST', path: '/v2/files', status: 502, times: 1 }],
    ['upload 503', { method: 'POST', path: '/v2/files', status: 503, times: 1 }],
    ['upload stall', { method: 'POST', path: '/v2/files', stall: true, times: 1 }],
    ['upload reset', { method: 'POST', path: '/v2/files', reset: true, times: 2 }],
    [
      'create 429',
      { method: 'POST', path: '/v13/deployments', status: 429, headers: { 'retry-after': '1' }, times: 1 },
    ],
    ['create 500', { method: 'POST', path: '/v13/deployments', status: 500, times: 1 }],
    ['create 503', { method: 'POST', path: '/v13/deployments', status: 503, times: 1 }],
    ['create stall', { method: 'POST', path: '/v13/deployments', stall: true, times: 1 }],
    ['create reset', { method: 'POST', path: '/v13/deployments', reset: true, times: 1 }],
    ['poll 429', { method: 'GET', path: '/v13/deployments/*', status: 429, headers: { 'retry-after': '1' }, times: 1 }],
    ['poll 500', { method: 'GET', path: '/v13/deployments/*', status: 500, times: 2 }],
    ['poll 502', { method: 'GET', path: '/v13/deployments/*', status: 502, times: 2 }],
    ['poll stall', { method: 'GET', path: '/v13/deployments/*', stall: true, times: 1 }],
    ['poll reset', { method: 'GET', path: '/v13/deployments/*', reset: true, times: 1 }],
    ['project lookup 503', { method: 'GET', path: '/v9/projects/*', status: 503, times: 1 }],
  ];

  it.each(transient)('%s: retried to success, production untouched', async (name, fault) => {
    emu.server.faults.add(fault);
    const logger = new MemoryLogger();
    const result = await deployMarker(emu, `fault-${name}`, { logger });
    expect(result.outcome, result.message).toBe('success');
    expect(result.details.staged).toBe(true);
    expect(logger.text('warning')).toMatch(/retry|still waiting/i);
    const fromFault = emu.server.requests.entries.filter((e) => [0, 429, 500, 502, 503].includes(e.status));
    expect(fromFault.length).toBeGreaterThan(0);
    await expectProductionServes(live);
  });

  it('a build ending in ERROR fails with Vercel’s errorCode, errorMessage and the inspector link', async () => {
    emu.state.failNextBuild('Command "npm run build" exited with 1');
    const result = await deployMarker(emu, 'broken');
    expect(result).toMatchObject({ outcome: 'failure', reason: 'build-failed' });
    expect(result.message).toContain('BUILD_FAILED');
    expect(result.message).toContain('Command "npm run build" exited with 1');
    expect(result.message).toContain(result.details.inspectorUrl as string);
    expect(result.details.inspectorUrl).toMatch(/^https:\/\/vercel\.com\//);
    await expectProductionServes(live);
  });

  it('uploads failing every time end in a clear failure after the attempts, production untouched', async () => {
    emu.server.faults.add({ method: 'POST', path: '/v2/files', status: 503 });
    const result = await deployMarker(emu, 'never', { attempts: 2 });
    expect(result).toMatchObject({ outcome: 'failure', reason: 'api-error' });
    expect(result.message).toMatch(/after 2 attempt\(s\)/);
    expect(result.message).toMatch(/production is unchanged/);
    await expectProductionServes(live);
  });

  it('a token without access to the team is refused before anything is uploaded', async () => {
    const result = await deployMarker(emu, 'no-team', { teamId: 'team_someone_else' });
    expect(result).toMatchObject({ outcome: 'refused', reason: 'permission-denied' });
    expect(result.message).toContain('team_someone_else');
    expect(result.message).toMatch(/token/);
    expect(emu.server.requests.count('POST /v2/files')).toBe(0);
    expect(emu.server.requests.count('POST /v13/deployments')).toBe(0);
    await expectProductionServes(live);
  });

  it('a missing output folder is refused before any API call, saying how to build one', async () => {
    const result = await deployToVercel(
      deployOptions(emu, '/nonexistent-shipline', commit(), { outputDir: 'missing/.vercel/output', cwd: '/tmp' }),
    );
    expect(result).toMatchObject({ outcome: 'refused', reason: 'invalid-input' });
    expect(result.message).toContain('missing/.vercel/output does not exist');
    expect(result.message).toContain('vercel build');
    expect(emu.server.requests.entries).toHaveLength(0);
  });

  it('a missing project is refused and names the project', async () => {
    const result = await deployMarker(emu, 'nowhere', { project: 'no-such-project' });
    expect(result).toMatchObject({ outcome: 'refused', reason: 'config-invalid' });
    expect(result.message).toContain('no-such-project');
    expect(emu.server.requests.count('POST /v13/deployments')).toBe(0);
    await expectProductionServes(live);
  });

  it('a build that never finishes in time is a timeout, production untouched', async () => {
    const slow = await startVercelEmulator({ token: TOKEN, buildMs: 60_000 });
    try {
      await slow.createProject(PROJECT);
      const out = appOutput('slow');
      try {
        const result = await deployToVercel({ ...deployOptions(slow, out.dir, commit()), buildTimeoutMs: 300 });
        expect(result).toMatchObject({ outcome: 'failure', reason: 'timeout' });
        expect(result.message).toMatch(/not READY within/);
      } finally {
        out.cleanup();
      }
    } finally {
      await slow.stop();
    }
  });

  it('checks the output folder location', async () => {
    const out = appOutput('x');
    try {
      const result = await deployToVercel(
        deployOptions(emu, out.dir, commit(), { outputDir: join(out.dir, '.vercel') }),
      );
      expect(result).toMatchObject({ outcome: 'refused', reason: 'invalid-input' });
      expect(result.message).toMatch(/must be named \.vercel\/output/);
    } finally {
      out.cleanup();
    }
  });
});
