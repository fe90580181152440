/**
 * The deploy-edge bundle, built fresh into a temp folder (node scripts/build.mjs <tmp> deploy-edge) and run the way
 * the runner runs it, against the Supabase emulator (functions, secrets) and the GitHub emulator (the ledger).
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../emulators/supabase/index.js';
import { createLedgerDeployment, setLedgerStatus } from '../../lib/github/ledger.js';
import { buildPayload } from '../../lib/release/payload.js';
import { repoRoot, runAction } from '../support/runner.js';

const REF = 'abcdefghijklmnopqrst';
let distDir: string;
let sb: SupabaseEmulator;
let gh: GitHubEmulator;
let sha: string;

/** A copy of examples/app (its .github/shipline.yml names project REF) to deploy from. */
function exampleApp(): string {
  const root = mkdtempSync(join(tmpdir(), 'shipline-edge-e2e-'));
  cpSync(join(repoRoot, 'examples', 'app', 'supabase'), join(root, 'supabase'), { recursive: true });
  cpSync(join(repoRoot, 'examples', 'app', '.github'), join(root, '.github'), { recursive: true });
  return root;
}

beforeAll(async () => {
  // SHIPLINE_TEST_DIST reuses a folder built earlier (e.g. by CI's build step); otherwise build into a temp folder.
  distDir = process.env.SHIPLINE_TEST_DIST ?? mkdtempSync(join(tmpdir(), 'shipline-edge-dist-'));
  if (!existsSync(join(distDir, 'deploy-edge', 'index.js'))) {
    await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), distDir, 'deploy-edge'], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
  }
  sb = await startSupabaseEmulator({ projects: [{ ref: REF }] });
  gh = await startGitHubEmulator();
  ({
    shas: [sha = ''],
  } = gh.seedRepo({ fullName: 'acme/shop', commits: ['release'] }));
  gh.seedToken('ghp_e2e_token', 'acme');
}, 300_000);

afterAll(async () => {
  await sb?.stop();
  await gh?.stop();
  if (distDir && !process.env.SHIPLINE_TEST_DIST) rmSync(distDir, { recursive: true, force: true });
});

const env = (root: string, extra: Record<string, string> = {}) => ({
  GITHUB_WORKSPACE: root,
  GITHUB_API_URL: gh.url,
  GITHUB_REPOSITORY: 'acme/shop',
  SUPABASE_API_URL: sb.url,
  ...extra,
});

describe('deploy-edge action (bundle, as the runner runs it)', () => {
  it('deploys examples/app, then skips what the current release recorded; masks the token', async () => {
    const root = exampleApp();
    const first = await runAction('deploy-edge', {
      distDir,
      cwd: root,
      inputs: { 'access-token': sb.token, 'github-token': 'ghp_e2e_token', secrets: 'SHOP_RELEASE' },
      env: env(root, { SHOP_RELEASE: 'v1.0.0-edge-release-marker' }),
    });
    expect(first.exitCode, first.stdout + first.stderr).toBe(0);
    expect(JSON.parse(first.outputs.deployed ?? '')).toEqual(['health']);
    expect(JSON.parse(first.outputs.skipped ?? '')).toEqual([]);
    expect(JSON.parse(first.outputs.versions ?? '')).toEqual({ health: 1 });
    const hashes = JSON.parse(first.outputs.hashes ?? '') as Record<string, string>;
    expect(hashes.health).toMatch(/^[0-9a-f]{64}$/);
    expect(first.stdout).toContain('No release recorded in production yet');
    expect(first.summary).toContain('Edge functions');
    expect(first.summary).toMatch(/\| `health` \| deployed \| 1 \| `[0-9a-f]{12}` \| 2 \| \d+ \| \d+ ms \|/);
    expect(first.masks).toContain(sb.token);
    expect(first.masks).toContain('v1.0.0-edge-release-marker');
    expect(first.visible).not.toContain(sb.token);
    expect(first.visible).not.toContain('v1.0.0-edge-release-marker');
    expect(Object.keys(sb.state.liveFiles(REF, 'health') ?? {})).toEqual([
      'supabase/functions/health/index.ts',
      'supabase/functions/_shared/cors.ts',
    ]);
    expect(sb.state.projects.get(REF)!.functions.get('health')?.verifyJwt).toBe(false);
    expect(sb.state.projects.get(REF)!.secrets.get('SHOP_RELEASE')?.value).toBe('v1.0.0-edge-release-marker');
    // Served: the project endpoint runs what was deployed, with the secret the run set.
    const served = await fetch(`${sb.projectUrl(REF)}/functions/v1/health`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual({ status: 'ok', function: 'health', release: 'v1.0.0-edge-release-marker' });

    // Record the release as live in production, with the hashes the first run reported.
    const octokit = new Octokit({
      auth: 'ghp_e2e_token',
      baseUrl: gh.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const repo = { owner: 'acme', repo: 'shop' };
    const entry = await createLedgerDeployment(octokit, repo, {
      environment: 'production',
      production: true,
      transient: false,
      payload: buildPayload({
        kind: 'deploy',
        version: 'v1.0.0',
        sha,
        vercel: null,
        edge: hashes,
        migrations: { head: null },
        requestedBy: 'acme',
        reason: 'release',
        source: 'https://github.com/acme/shop/actions/runs/1',
      }),
    });
    await setLedgerStatus(octokit, repo, entry.deploymentId, { state: 'success', phase: 'done' });

    const second = await runAction('deploy-edge', {
      distDir,
      cwd: root,
      inputs: { 'access-token': sb.token, 'github-token': 'ghp_e2e_token' },
      env: env(root),
    });
    expect(second.exitCode, second.stdout + second.stderr).toBe(0);
    expect(JSON.parse(second.outputs.deployed ?? '')).toEqual([]);
    expect(JSON.parse(second.outputs.skipped ?? '')).toEqual(['health']);
    expect(JSON.parse(second.outputs.versions ?? '')).toEqual({ health: 1 });
    expect(second.stdout).toContain('Current release in production: v1.0.0');

    // An edit to the shared file changes health's hash: it deploys again.
    writeFileSync(
      join(root, 'supabase/functions/_shared/cors.ts'),
      'export const corsHeaders = {};\nexport const json = (b: unknown) => new Response(JSON.stringify(b));\n',
    );
    const third = await runAction('deploy-edge', {
      distDir,
      cwd: root,
      inputs: { 'access-token': sb.token, 'github-token': 'ghp_e2e_token' },
      env: env(root),
    });
    expect(third.exitCode, third.stdout + third.stderr).toBe(0);
    expect(JSON.parse(third.outputs.deployed ?? '')).toEqual(['health']);
    expect(JSON.parse(third.outputs.versions ?? '')).toEqual({ health: 2 });
  }, 120_000);

  it('a config.toml syntax error fails before any API call, with an annotation on its file and line', async () => {
    const root = exampleApp();
    writeFileSync(join(root, 'supabase/config.toml'), '[functions.health]\nverify_jwt = nope\n');
    const before = sb.server.requests.entries.length;
    const run = await runAction('deploy-edge', {
      distDir,
      cwd: root,
      inputs: { 'access-token': sb.token, 'github-token': '' },
      env: env(root),
    });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.find((a) => a.level === 'error')?.properties).toMatchObject({
      file: 'supabase/config.toml',
      line: '2',
    });
    expect(sb.server.requests.entries.length).toBe(before);
  }, 60_000);

  it('fails with the API message when the token is refused, never printing it', async () => {
    const root = exampleApp();
    const bad = `sbp_${'e'.repeat(40)}`;
    const run = await runAction('deploy-edge', {
      distDir,
      cwd: root,
      inputs: { 'github-token': '' },
      env: env(root, { SUPABASE_ACCESS_TOKEN: bad }),
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toMatch(/::error::Could not list functions of abcdefghijklmnopqrst: HTTP 401 Unauthorized/);
    expect(run.visible).not.toContain(bad);
  }, 60_000);
});
