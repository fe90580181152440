import { cpSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDeployment } from '@vercel/client';
import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../emulators/vercel/index.js';
import { repoRoot } from '../support/runner.js';

const appPath = join(repoRoot, 'examples', 'app');
const TOKEN = 'contract-token';

interface ClientEvent {
  type: string;
  payload: unknown;
}

async function deploy(
  emu: VercelEmulator,
  deployment: Record<string, unknown>,
  client: Record<string, unknown> = {},
): Promise<ClientEvent[]> {
  const events: ClientEvent[] = [];
  for await (const event of createDeployment(
    {
      token: TOKEN,
      path: appPath,
      apiUrl: emu.url,
      prebuilt: true,
      vercelOutputDir: join(appPath, '.vercel', 'output'),
      ...client,
    } as Parameters<typeof createDeployment>[0],
    { name: 'shipline-example', ...deployment } as Parameters<typeof createDeployment>[1],
  )) {
    events.push(event as ClientEvent);
    if (event.type === 'error' || event.type === 'alias-assigned') break;
  }
  return events;
}

/** Event types in order with consecutive repeats (one `file-uploaded` per file) collapsed. */
function sequence(events: ClientEvent[]): string[] {
  return events.map((e) => e.type).filter((type, i, all) => i === 0 || all[i - 1] !== type);
}

describe('@vercel/client against the Vercel emulator', () => {
  let emu: VercelEmulator;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 1200, teamId: 'team_contract' });
    await emu.createProject('shipline-example', { env: { production: { SUPABASE_URL: 'http://127.0.0.1:54321' } } });
  });
  afterAll(async () => {
    await emu.stop();
  });

  it('deploys examples/app to production with events in order, then serves it', async () => {
    const events = await deploy(emu, { target: 'production', env: { APP_VERSION: 'v1.0.0' } });
    expect(sequence(events)).toEqual([
      'hashes-calculated',
      'file-count',
      'file-uploaded',
      'all-files-uploaded',
      'created',
      'building',
      'ready',
      'alias-assigned',
    ]);
    const counted = events.find((e) => e.type === 'file-count')?.payload as { missing: string[] };
    expect(events.filter((e) => e.type === 'file-uploaded')).toHaveLength(counted.missing.length);
    expect(emu.server.requests.count('POST /v2/files')).toBe(counted.missing.length);
    expect(emu.server.requests.count('POST /v13/deployments')).toBe(2);

    const ready = events.at(-1)?.payload as { id: string; url: string; readyState: string; readySubstate: string };
    expect(ready.readyState).toBe('READY');
    expect(ready.readySubstate).toBe('PROMOTED');

    const health = await fetch(`${emu.httpUrl(ready.url)}/api/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, version: 'v1.0.0', region: 'iad1', supabase: 'configured' });

    const production = await emu.fetch(`https://${emu.productionUrl('shipline-example')}/`);
    expect(production.status).toBe(200);
    expect(production.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(production.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await production.text()).toContain('Shipline example app');
    const css = await emu.fetch(`https://${emu.productionUrl('shipline-example')}/styles.css`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const redirect = await emu.fetch(`https://${emu.productionUrl('shipline-example')}/status`, { redirect: 'manual' });
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('/api/health');
  });

  it('uploads nothing the second time (all shas known) and stages with autoAssignCustomDomains: false', async () => {
    const before = emu.server.requests.count('POST /v2/files');
    const events = await deploy(emu, { target: 'production', autoAssignCustomDomains: false });
    expect(sequence(events)).toEqual(['hashes-calculated', 'created', 'building', 'ready', 'alias-assigned']);
    expect(emu.server.requests.count('POST /v2/files')).toBe(before);
    const staged = events.at(-1)?.payload as { readySubstate: string };
    expect(staged.readySubstate).toBe('STAGED');
  });

  it('uploads a symlinked .func directory the way the client hashes symlinks, and serves it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vercel-client-symlink-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    cpSync(join(appPath, '.vercel'), join(dir, '.vercel'), { recursive: true });
    symlinkSync('health.func', join(dir, '.vercel', 'output', 'functions', 'api', 'healthz.func'));
    const events = await deploy(
      emu,
      { name: 'symlinked', env: { APP_VERSION: 'linked' } },
      { path: dir, vercelOutputDir: join(dir, '.vercel', 'output') },
    );
    const ready = events.at(-1)?.payload as { url: string };
    expect(events.at(-1)?.type).toBe('alias-assigned');
    const deployment = emu.state.findDeployment(ready.url);
    const link = deployment?.files.find((f) => f.file === '.vercel/output/functions/api/healthz.func');
    expect(link && (link.mode & 0o170000).toString(8)).toBe('120000');
    const res = await fetch(`${emu.httpUrl(ready.url)}/api/healthz`);
    expect(await res.json()).toMatchObject({ ok: true, version: 'linked' });
  });

  it('deploys a preview into a team scope (teamId on every request)', async () => {
    const events = await deploy(emu, { name: 'team-preview' }, { teamId: 'team_contract' });
    expect(events.at(-1)?.type).toBe('alias-assigned');
    const ready = events.at(-1)?.payload as {
      id: string;
      ownerId: string;
      target: string | null;
      readySubstate?: string;
    };
    expect(ready).toMatchObject({ ownerId: 'team_contract', target: null });
    expect(ready.readySubstate).toBeUndefined();
    const polls = emu.server.requests.entries.filter((e) => e.path === `/v13/deployments/${ready.id}`);
    expect(polls.length).toBeGreaterThan(0);
    expect(emu.state.findDeployment(ready.id, 'team_contract')).toBeDefined();
  });

  it('honours 429 + Retry-After on status polling', async () => {
    // The client waits max(Retry-After, 5 s) plus up to 30 s of random skew; pin the skew to 0.
    const random = vi.spyOn(Math, 'random').mockReturnValue(0);
    onTestFinished(() => random.mockRestore());
    emu.server.faults.add({
      method: 'GET',
      path: '/v13/deployments/*',
      status: 429,
      headers: { 'retry-after': '1' },
      times: 1,
    });
    const events = await deploy(emu, { target: 'production' });
    expect(events.at(-1)?.type).toBe('alias-assigned');
    const polls = emu.server.requests.entries.filter((e) => e.route === '/v13/deployments/:idOrUrl');
    expect(polls.some((e) => e.status === 429)).toBe(true);
    expect(polls.at(-1)?.status).toBe(200);
  });

  it('yields an error event when the build fails', async () => {
    emu.state.failNextBuild('Command "npm run build" exited with 1');
    const events = await deploy(emu, { target: 'production' });
    const last = events.at(-1);
    expect(last?.type).toBe('error');
    expect(last?.payload).toMatchObject({
      readyState: 'ERROR',
      errorCode: 'BUILD_FAILED',
      errorMessage: 'Command "npm run build" exited with 1',
    });
  });
});
