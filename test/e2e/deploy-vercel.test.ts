/**
 * The deploy-vercel bundle, built by scripts/build.mjs and started the way the runner starts it, against the Vercel
 * and GitHub emulators: staged → promoted → the production domain serves the new bytes; a second run of the same
 * commit uploads nothing; a pull request gets one sticky comment; failures leave production alone.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleAction } from '../../bench/lib/bundle.js';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';
import { startVercelEmulator, type VercelEmulator } from '../../emulators/vercel/index.js';
import { type RunActionOptions, repoRoot, runAction as runBundle } from '../support/runner.js';

const TOKEN = 'vercel-e2e-token-0123456789';
// The bundle of the current sources, laid out like dist/deploy-vercel. bench/lib/bundle.ts builds it with esbuild
// (ncc type-checks the whole repository, so another part's unfinished file would block this test); set
// SHIPLINE_TEST_DIST to a folder made by `node scripts/build.mjs <dir> deploy-vercel` to run the ncc bundle instead.
const prebuilt = process.env.SHIPLINE_TEST_DIST;
const distDir = prebuilt ?? mkdtempSync(join(tmpdir(), 'shipline-e2e-deploy-vercel-dist-'));
const build = () => (prebuilt ? Promise.resolve('') : bundleAction('deploy-vercel', distDir));

const runAction = (options: RunActionOptions) => runBundle('deploy-vercel', { timeoutMs: 90_000, ...options, distDir });

describe('deploy-vercel action (bundle, as the runner runs it)', () => {
  let emu: VercelEmulator;
  let gh: GitHubEmulator;
  let workspace: string;
  let productionBase: string;

  function writeBuild(marker: string): void {
    rmSync(join(workspace, '.vercel'), { recursive: true, force: true });
    cpSync(join(repoRoot, 'examples', 'app', '.vercel'), join(workspace, '.vercel'), { recursive: true });
    const index = join(workspace, '.vercel', 'output', 'static', 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', `<p id="build">${marker}</p></body>`));
  }

  async function productionServes(): Promise<string> {
    return (await fetch(`${productionBase}/`)).text();
  }

  function sha(n: number): string {
    return `${n.toString(16).padStart(6, '0')}${'b'.repeat(34)}`;
  }

  beforeAll(async () => {
    const built = build();
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 200, aliasMs: 100 });
    gh = await startGitHubEmulator();
    gh.seedRepo({ fullName: 'acme/shop', commits: ['init'] });
    gh.seedToken('ghs_actions_token', 'acme');
    const project = await emu.createProject('shop');
    productionBase = emu.httpUrl(project.productionDomain);
    workspace = mkdtempSync(join(tmpdir(), 'shipline-e2e-deploy-vercel-'));
    mkdirSync(join(workspace, '.github'));
    writeFileSync(
      join(workspace, '.github', 'shipline.yml'),
      [
        'version: 1',
        'environments:',
        '  production:',
        '    vercel-target: production',
        `    url: ${productionBase}`,
        '  preview:',
        '    vercel-target: preview',
        'vercel:',
        '  project: shop',
        '  build-timeout: 60',
        '',
      ].join('\n'),
    );
    await built;
  }, 300_000);
  afterAll(async () => {
    await emu?.stop();
    await gh?.stop();
    if (!prebuilt) rmSync(distDir, { recursive: true, force: true });
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  const base = (extra: RunActionOptions = {}): RunActionOptions => ({
    cwd: workspace,
    ...extra,
    inputs: { 'vercel-token': TOKEN, 'api-url': emu.url, 'github-token': '', ...extra.inputs },
    env: { GITHUB_WORKSPACE: workspace, ...extra.env },
  });

  it('stages production, promotes it, and the production domain serves the new bytes; a rerun uploads nothing', async () => {
    writeBuild('release-1');
    const deploy = await runAction(base({ env: { GITHUB_SHA: sha(1) } }));
    expect(deploy.exitCode, deploy.stdout + deploy.stderr).toBe(0);
    expect(deploy.outputs).toMatchObject({
      outcome: 'success',
      reason: 'ok',
      staged: 'true',
      reused: 'false',
      target: 'production',
    });
    expect(Number(deploy.outputs['files-uploaded'])).toBeGreaterThan(0);
    expect(deploy.outputs['deployment-id']).toMatch(/^dpl_/);
    expect(deploy.outputs.url).toMatch(/^https:\/\/shop-.*\.vercel\.app$/);
    expect(deploy.outputs['inspector-url']).toMatch(/^https:\/\/vercel\.com\//);
    expect(deploy.summary).toContain('staged — production still serves the previous deployment');
    expect(deploy.summary).toMatch(/\| hash \| \d+\.\d s \|/);
    expect(deploy.masks).toContain(TOKEN);
    expect(deploy.visible).not.toContain(TOKEN);
    expect(await productionServes()).not.toContain('release-1');
    const meta = emu.state.deployments.get(deploy.outputs['deployment-id'] as string)?.meta;
    expect(meta).toMatchObject({
      shiplineSha: sha(1),
      shiplineVersion: `sha-${sha(1).slice(0, 7)}`,
      shiplineActor: 'octocat',
      shiplineRunUrl: 'https://github.com/acme/shop/actions/runs/1234',
    });

    const promote = await runAction(base({ inputs: { promote: deploy.outputs['deployment-id'] as string } }));
    expect(promote.exitCode, promote.stdout + promote.stderr).toBe(0);
    expect(promote.outputs).toMatchObject({ outcome: 'success', 'deployment-id': deploy.outputs['deployment-id'] });
    expect(promote.outputs['production-url']).toBe(productionBase);
    expect(promote.summary).toContain('Serving verified | yes');
    expect(await productionServes()).toContain('<p id="build">release-1</p>');

    const again = await runAction(base({ env: { GITHUB_SHA: sha(1) } }));
    expect(again.exitCode, again.stdout + again.stderr).toBe(0);
    expect(again.outputs).toMatchObject({
      reason: 'reused',
      reused: 'true',
      'files-uploaded': '0',
      'bytes-uploaded': '0',
      'deployment-id': deploy.outputs['deployment-id'],
    });
  });

  it('records the release in the ledger: staged, then promoted, with the payload rollback needs', async () => {
    writeBuild('ledgered');
    const commit = gh.seedCommit('acme/shop', { message: 'ledgered release' });
    const hashes = { health: 'c'.repeat(64) };
    const ghEnv = { GITHUB_API_URL: gh.url, GITHUB_SHA: commit, GITHUB_REF: 'refs/tags/v3.1.0' };
    const deploy = await runAction(
      base({
        inputs: {
          'github-token': 'ghs_actions_token',
          'edge-hashes': JSON.stringify(hashes),
          'migrations-head': '20240101000000',
          reason: 'merge to main',
        },
        env: ghEnv,
      }),
    );
    expect(deploy.exitCode, deploy.stdout + deploy.stderr).toBe(0);
    const ledgerId = Number(deploy.outputs['ledger-deployment-id']);
    expect(ledgerId).toBeGreaterThan(0);
    const octokit = new Octokit({ auth: 'ghs_actions_token', baseUrl: gh.url });
    const { data: recorded } = await octokit.rest.repos.getDeployment({
      owner: 'acme',
      repo: 'shop',
      deployment_id: ledgerId,
    });
    expect(recorded).toMatchObject({
      ref: commit,
      environment: 'production',
      production_environment: true,
      task: 'deploy:shipline',
    });
    expect(recorded.payload).toMatchObject({
      schema: 1,
      kind: 'deploy',
      version: 'v3.1.0',
      sha: commit,
      vercel: { deploymentId: deploy.outputs['deployment-id'], url: deploy.outputs.url },
      edge: hashes,
      migrations: { head: '20240101000000' },
      reason: 'merge to main',
      source: 'https://github.com/acme/shop/actions/runs/1234',
    });
    const statuses = async () =>
      (await octokit.rest.repos.listDeploymentStatuses({ owner: 'acme', repo: 'shop', deployment_id: ledgerId })).data;
    expect((await statuses())[0]).toMatchObject({
      state: 'in_progress',
      description: expect.stringMatching(/^stage: /),
    });

    const promote = await runAction(
      base({
        inputs: {
          'github-token': 'ghs_actions_token',
          promote: deploy.outputs['deployment-id'] as string,
          'ledger-deployment-id': String(ledgerId),
        },
        env: ghEnv,
      }),
    );
    expect(promote.exitCode, promote.stdout + promote.stderr).toBe(0);
    expect(promote.outputs['ledger-deployment-id']).toBe(String(ledgerId));
    expect((await statuses())[0]).toMatchObject({
      state: 'in_progress',
      description: expect.stringMatching(/^promote: production serves /),
    });
    expect(await productionServes()).toContain('<p id="build">ledgered</p>');
  });

  it('refuses bad ledger inputs before deploying anything', async () => {
    const bad = await runAction(base({ inputs: { 'edge-hashes': '{"health":"nope"}' } }));
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain('the hash of "health" is not a sha256 hex digest');
  });

  it('a build ending in ERROR fails the step with Vercel’s error and the inspector link; production unchanged', async () => {
    const before = await productionServes();
    writeBuild('broken');
    emu.state.failNextBuild('Command "next build" exited with 1');
    const run = await runAction(base({ env: { GITHUB_SHA: sha(2) } }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'failure', reason: 'build-failed' });
    const error = run.annotations.find((a) => a.level === 'error');
    expect(error?.message).toContain('Command "next build" exited with 1');
    expect(error?.message).toContain(run.outputs['inspector-url']);
    expect(await productionServes()).toBe(before);
    expect(before).toContain('<p id="build">');
  });

  it('a missing output folder fails before any API call and says how to build one', async () => {
    rmSync(join(workspace, '.vercel'), { recursive: true, force: true });
    emu.server.requests.reset();
    const run = await runAction(base({ env: { GITHUB_SHA: sha(3) } }));
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ outcome: 'refused', reason: 'invalid-input' });
    expect(run.annotations.find((a) => a.level === 'error')?.message).toMatch(
      /\.vercel\/output does not exist[\s\S]*vercel build/,
    );
    expect(emu.server.requests.entries).toHaveLength(0);
  });

  it('keeps one sticky preview comment on a pull request across pushes', async () => {
    const pr = gh.seedIssue('acme/shop', { title: 'Checkout', user: 'mia' }).number;
    const prRun = async (n: number) => {
      writeBuild(`pr-${n}`);
      return runAction(
        base({
          eventName: 'pull_request',
          event: {
            pull_request: { number: pr, head: { sha: sha(100 + n), ref: 'feature/checkout' }, title: 'Checkout' },
          },
          inputs: { 'github-token': 'ghs_actions_token' },
          env: { GITHUB_API_URL: gh.url, GITHUB_SHA: sha(200 + n), GITHUB_REF: `refs/pull/${pr}/merge` },
        }),
      );
    };
    const first = await prRun(1);
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(first.outputs).toMatchObject({ target: 'preview', staged: 'false' });
    const second = await prRun(2);
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    const octokit = new Octokit({ auth: 'ghs_actions_token', baseUrl: gh.url });
    const { data } = await octokit.rest.issues.listComments({ owner: 'acme', repo: 'shop', issue_number: pr });
    expect(data).toHaveLength(1);
    expect(data[0]?.body).toContain(second.outputs.url);
    expect(data[0]?.body).toContain(sha(102).slice(0, 7));
    expect(data[0]?.body).not.toContain(first.outputs.url);
    expect(emu.state.deployments.get(second.outputs['deployment-id'] as string)?.gitMetadata?.commitRef).toBe(
      'feature/checkout',
    );
    expect(second.visible).not.toContain('ghs_actions_token');
  });
});
