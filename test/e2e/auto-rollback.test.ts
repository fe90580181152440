/**
 * The bundled smoke and auto-rollback actions, run the way the runner runs them, against the emulators: a broken
 * v2 promoted over a good v1 → the smoke action fails on production and records it → the auto-rollback finisher
 * restores v1 (served bytes), records the rollback, opens the incident and frees the deploy lock. Then a manual
 * rollback through the same bundle, and a refusal.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listLedger } from '../../lib/github/ledger.js';
import { readLock } from '../../lib/github/locks.js';
import {
  type Cloud,
  deployLock,
  marker,
  REPO,
  release,
  served,
  startCloud,
  TOKEN,
} from '../integration/rollback/support.js';
import { repoRoot, runAction } from '../support/runner.js';

let cloud: Cloud;
let dist: string;
let workspace: string;

beforeAll(async () => {
  // SHIPLINE_TEST_DIST: a folder already holding fresh smoke and auto-rollback bundles (skips the ~1-3 min build).
  dist = process.env.SHIPLINE_TEST_DIST ?? mkdtempSync(join(tmpdir(), 'shipline-dist-rollback-'));
  if (!process.env.SHIPLINE_TEST_DIST) {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), dist, 'smoke', 'auto-rollback'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }
  cloud = await startCloud();
  workspace = mkdtempSync(join(tmpdir(), 'shipline-ws-rollback-'));
  mkdirSync(join(workspace, '.github'));
  writeFileSync(
    join(workspace, '.github', 'shipline.yml'),
    [
      'version: 1',
      'project: { name: Shop }',
      'environments:',
      '  production:',
      '    vercel-target: production',
      `    url: ${cloud.productionBase}`,
      'vercel: { project: shop, build-timeout: 30 }',
      'smoke:',
      '  checks:',
      '    - { name: home, path: / }',
      '    - { name: health, path: /api/health }',
      '  rounds: 2',
      '  interval: 0',
      '  warmup: 0',
      '  max-error-rate: 0',
      'incidents: { labels: [incident] }',
      '',
    ].join('\n'),
  );
}, 240_000);
afterAll(async () => {
  await cloud?.stop();
  if (dist && !process.env.SHIPLINE_TEST_DIST) rmSync(dist, { recursive: true, force: true });
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const env = () => ({
  GITHUB_API_URL: cloud.gh.url,
  GITHUB_REPOSITORY: 'acme/shop',
  GITHUB_RUN_ID: '777',
  GITHUB_ACTOR: 'octocat',
  SHIPLINE_TEST_VERCEL_EDGE: cloud.vercel.edgeUrl,
  NODE_OPTIONS: `--import=${pathToFileURL(join(repoRoot, 'test', 'e2e', 'auto-rollback-dns.mjs')).href}`,
});

describe('bundled smoke + auto-rollback', () => {
  it('rolls production back to v1 after the smoke action failed on v2', async () => {
    await release(cloud, 'v1.0.0', cloud.shas[0]!, { final: 'success' });
    const lockSha = await deployLock(cloud, 'v2.0.0');
    const v2 = await release(cloud, 'v2.0.0', cloud.shas[1]!, { brokenHealth: true, final: 'promoted' });

    const smoke = await runAction('smoke', {
      distDir: dist,
      cwd: workspace,
      env: env(),
      inputs: {
        url: cloud.productionBase,
        phase: 'smoke-production',
        'github-token': 'ghs_rollback',
        'ledger-deployment-id': String(v2.entry.deploymentId),
      },
    });
    expect(smoke.exitCode, smoke.stdout).toBe(1);
    expect(smoke.outputs.verdict).toBe('fail');
    expect(smoke.outputs.reason).toBe('smoke-failed');
    const report = JSON.parse(smoke.outputs.report ?? '{}');
    expect(report.probes.find((p: { name: string }) => p.name === 'health').errorRate).toBe(1);
    expect(smoke.summary).toContain('xychart-beta');
    const afterSmoke = (await listLedger(cloud.octokit, REPO, 'production')).find(
      (e) => e.deploymentId === v2.entry.deploymentId,
    )!;
    expect(afterSmoke).toMatchObject({ state: 'failure', phase: { phase: 'smoke-production' } });

    const rollback = await runAction('auto-rollback', {
      distDir: dist,
      cwd: workspace,
      env: env(),
      inputs: {
        'ledger-deployment-id': String(v2.entry.deploymentId),
        'lock-sha': lockSha,
        'migrate-outcome': 'success',
        'deploy-outcome': 'success',
        'smoke-verdict': smoke.outputs.verdict ?? '',
        'smoke-report': smoke.outputs.report ?? '',
        promoted: 'true',
        'github-token': 'ghs_rollback',
        'vercel-token': TOKEN,
        'vercel-api-url': cloud.vercel.url,
      },
    });
    expect(rollback.exitCode, rollback.stdout + rollback.stderr).toBe(0);
    expect(rollback.outputs).toMatchObject({
      outcome: 'success',
      reason: 'ok',
      'rolled-back': 'true',
      'target-version': 'v1.0.0',
    });
    expect(await served(cloud)).toContain(marker('v1.0.0'));
    const rb = Number(rollback.outputs['rollback-deployment-id']);
    const entries = await listLedger(cloud.octokit, REPO, 'production');
    expect(entries.find((e) => e.deploymentId === rb)).toMatchObject({
      state: 'success',
      payload: { kind: 'rollback' },
    });
    expect(entries.find((e) => e.deploymentId === v2.entry.deploymentId)?.state).toBe('failure');
    const issue = cloud.gh.state.repo('acme/shop').issues.at(-1)!;
    expect(rollback.outputs['incident-url']).toContain(`/issues/${issue.number}`);
    expect(issue.body).toContain('## Timeline');
    expect(issue.body).toContain('error rate');
    expect(rollback.summary).toContain('| restore-vercel | ✅ |');
    expect(rollback.visible).not.toContain(TOKEN);
    expect(rollback.masks).toContain(TOKEN);
    expect(await readLock(cloud.octokit, REPO, 'production')).toBeUndefined();
  }, 120_000);

  it('runs a manual rollback through the same bundle, and refuses a version that was never good', async () => {
    await release(cloud, 'v3.0.0', cloud.shas[2]!, { final: 'success' });
    // deploy.yml's finisher whose inputs all came out empty (a push run): never a manual rollback.
    const empty = await runAction('auto-rollback', {
      distDir: dist,
      cwd: workspace,
      env: { ...env(), GITHUB_RUN_ID: '780' },
      inputs: { 'github-token': 'ghs_rollback', 'vercel-token': TOKEN, 'vercel-api-url': cloud.vercel.url },
    });
    expect(empty.exitCode).toBe(1);
    expect(empty.annotations.find((a) => a.level === 'error')?.message).toContain('mode: finish-deploy');
    expect(await served(cloud)).toContain(marker('v3.0.0'));

    const manual = await runAction('auto-rollback', {
      distDir: dist,
      cwd: workspace,
      eventName: 'workflow_dispatch',
      env: { ...env(), GITHUB_RUN_ID: '778' },
      inputs: {
        version: 'v1.0.0',
        'github-token': 'ghs_rollback',
        'vercel-token': TOKEN,
        'vercel-api-url': cloud.vercel.url,
      },
    });
    expect(manual.exitCode, manual.stdout).toBe(0);
    expect(manual.outputs).toMatchObject({ outcome: 'success', 'target-version': 'v1.0.0', 'incident-url': '' });
    expect(await served(cloud)).toContain(marker('v1.0.0'));

    const refused = await runAction('auto-rollback', {
      distDir: dist,
      cwd: workspace,
      eventName: 'workflow_dispatch',
      env: { ...env(), GITHUB_RUN_ID: '779' },
      inputs: {
        version: 'v2.0.0',
        'github-token': 'ghs_rollback',
        'vercel-token': TOKEN,
        'vercel-api-url': cloud.vercel.url,
      },
    });
    expect(refused.exitCode).toBe(1);
    expect(refused.outputs).toMatchObject({ outcome: 'refused', reason: 'never-good', 'rolled-back': 'false' });
    expect(refused.annotations.find((a) => a.level === 'error')?.message).toContain('v2.0.0 was never good');
  }, 120_000);
});
