/**
 * The bundled smoke action against the local cloud: a staged (protected) Vercel deployment, the Supabase project
 * endpoint through supabase-js (an edge function, a table read where row-level security decides) and a read-only
 * SQL probe on the real PostgreSQL. Secrets are masked; a passing smoke-production ends the release `done`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../emulators/supabase/index.js';
import { SEED_PROJECT_NAME, startVercelEmulator, type VercelEmulator } from '../../emulators/vercel/index.js';
import { silentLogger, systemClock } from '../../lib/core/index.js';
import { createLedgerDeployment, listLedger } from '../../lib/github/ledger.js';
import { buildPayload } from '../../lib/release/payload.js';
import { ManagementApi } from '../../lib/supabase/functions/api.js';
import { deployEdge } from '../../lib/supabase/functions/deploy.js';
import { deployToVercel } from '../../lib/vercel/deploy.js';
import { usePostgres } from '../support/postgres.js';
import { repoRoot, runAction } from '../support/runner.js';

const pg = usePostgres();
const REF = 'abcdefghijklmnopqrst';
const TOKEN = 'vercel_smoke_token';
const app = join(repoRoot, 'examples', 'app');

let vercel: VercelEmulator;
let sb: SupabaseEmulator;
let gh: GitHubEmulator;
let dist: string;
let workspace: string;
let stagedUrl: string;
let databaseUrl: string;
let anonKey: string;
let bypass: string;
let commitSha: string;

beforeAll(async () => {
  dist = process.env.SHIPLINE_TEST_DIST ?? mkdtempSync(join(tmpdir(), 'shipline-dist-smoke-'));
  if (!process.env.SHIPLINE_TEST_DIST) {
    execFileSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), dist, 'smoke'], {
      cwd: repoRoot,
      stdio: 'ignore',
    });
  }
  databaseUrl = await pg.createDatabase();
  for (const file of ['20240901090000_create_profiles.sql', '20240901091000_create_products.sql']) {
    await pg.query(databaseUrl, readFileSync(join(app, 'supabase', 'migrations', file), 'utf8'));
  }
  await pg.query(
    databaseUrl,
    `insert into public.products (sku, name, price_cents, active) values ('mug', 'Mug', 1200, true);
     insert into auth.users (id, email) values ('11111111-1111-1111-1111-111111111111', 'mia@example.com');
     insert into public.profiles (id, username) values ('11111111-1111-1111-1111-111111111111', 'mia');`,
  );
  sb = await startSupabaseEmulator({ projects: [{ ref: REF }], databaseUrl });
  anonKey = sb.state.projects.get(REF)!.anonKey;
  const edge = await deployEdge({
    api: new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: systemClock }),
    ref: REF,
    root: app,
    functionsDir: 'supabase/functions',
    logger: silentLogger,
    clock: systemClock,
  });
  expect(edge.details.deployed).toEqual(['health']);

  vercel = await startVercelEmulator({ token: TOKEN, buildMs: 50, seed: true });
  bypass = vercel.seed!.bypassSecret;
  const out = mkdtempSync(join(tmpdir(), 'shipline-smoke-app-'));
  cpSync(join(app, '.vercel'), join(out, '.vercel'), { recursive: true });
  const sha = 'c'.repeat(40);
  const deployed = await deployToVercel({
    token: TOKEN,
    apiUrl: vercel.url,
    project: SEED_PROJECT_NAME,
    target: 'production',
    outputDir: join(out, '.vercel', 'output'),
    cwd: out,
    release: { version: 'v1.0.0', sha },
    git: { sha, ref: 'refs/heads/main', actor: 'octocat', repository: 'acme/shop', runUrl: 'https://x.invalid' },
    buildTimeoutMs: 20_000,
    pollIntervalMs: 30,
    clock: systemClock,
    logger: silentLogger,
  });
  rmSync(out, { recursive: true, force: true });
  expect(deployed.details.staged).toBe(true);
  stagedUrl = vercel.httpUrl(deployed.details.url as string);
  gh = await startGitHubEmulator();
  commitSha = gh.seedRepo({ fullName: 'acme/shop', commits: ['1'] }).shas[0]!;
  gh.seedToken('ghs_smoke', 'octocat');
  gh.setRole('acme/shop', 'octocat', 'admin');

  workspace = mkdtempSync(join(tmpdir(), 'shipline-ws-smoke-'));
  mkdirSync(join(workspace, '.github'));
  const config = (tables: string) =>
    [
      'version: 1',
      'environments: { production: { vercel-target: production, url: https://shop.example.com } }',
      'smoke:',
      '  checks:',
      '    - { name: home, path: /, expect: { body-contains: Shipline example app } }',
      '    - { name: health, path: /api/health, expect: { json: { ok: true } } }',
      '  supabase:',
      '    functions: [{ function: health, method: GET, expect: { json: { status: ok } } }]',
      `    tables: [${tables}]`,
      "    sql: [{ name: products exist, query: 'select 1 from public.products', expect-rows: 1 }]",
      '  rounds: 2',
      '  interval: 0',
      '  warmup: 0',
      '',
    ].join('\n');
  writeFileSync(join(workspace, '.github', 'shipline.yml'), config('{ table: products, select: sku, min-rows: 1 }'));
  // profiles: the RLS policy lets a user read their own row only, so the anon key sees none.
  writeFileSync(join(workspace, '.github', 'rls.yml'), config('{ table: profiles, select: username, min-rows: 1 }'));
}, 240_000);

afterAll(async () => {
  await vercel?.stop();
  await sb?.stop();
  await gh?.stop();
  if (dist && !process.env.SHIPLINE_TEST_DIST) rmSync(dist, { recursive: true, force: true });
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

const inputs = (extra: Record<string, string> = {}) => ({
  url: stagedUrl,
  'bypass-secret': bypass,
  'supabase-url': sb.projectUrl(REF),
  'supabase-anon-key': anonKey,
  'database-url': databaseUrl,
  'github-token': '',
  ...extra,
});

describe('bundled smoke action', () => {
  it('passes against the protected staged deployment, the Supabase endpoint and the database; secrets never show', async () => {
    const run = await runAction('smoke', { distDir: dist, cwd: workspace, inputs: inputs() });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(run.outputs).toMatchObject({ verdict: 'pass', reason: 'ok' });
    const report = JSON.parse(run.outputs.report ?? '{}');
    expect(report.probes.map((p: { name: string }) => p.name)).toEqual([
      'home',
      'health',
      'function health',
      'table products',
      'products exist',
    ]);
    expect(report.overall).toMatchObject({ samples: 10, errors: 0 });
    expect(run.summary).toContain('xychart-beta');
    for (const secret of [bypass, anonKey, databaseUrl]) {
      expect(run.visible).not.toContain(secret);
      expect(run.masks).toContain(secret);
    }
  }, 60_000);

  it('fails with 401 without the bypass secret (Deployment Protection)', async () => {
    const run = await runAction('smoke', { distDir: dist, cwd: workspace, inputs: inputs({ 'bypass-secret': '' }) });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('fail');
    expect(run.stdout + run.summary).toContain('401');
  }, 60_000);

  it('fails when row-level security hides the rows the table probe needs', async () => {
    const run = await runAction('smoke', {
      distDir: dist,
      cwd: workspace,
      inputs: inputs({ config: '.github/rls.yml' }),
    });
    expect(run.exitCode).toBe(1);
    const report = JSON.parse(run.outputs.report ?? '{}');
    const table = report.probes.find((p: { name: string }) => p.name === 'table profiles');
    expect(table.errorRate).toBe(1);
    expect(report.probes.find((p: { name: string }) => p.name === 'function health').errorRate).toBe(0);
  }, 60_000);

  it('a passing smoke-production ends the release in the ledger with done and the environment URL', async () => {
    const octokit = new Octokit({ auth: 'ghs_smoke', baseUrl: gh.url });
    const entry = await createLedgerDeployment(
      octokit,
      { owner: 'acme', repo: 'shop' },
      {
        environment: 'production',
        production: true,
        transient: false,
        payload: buildPayload({
          kind: 'deploy',
          version: 'v1.0.0',
          sha: commitSha,
          vercel: null,
          edge: {},
          migrations: { head: null },
          requestedBy: 'octocat',
          reason: '',
          source: 'https://github.com/acme/shop/actions/runs/1',
        }),
      },
    );
    const run = await runAction('smoke', {
      distDir: dist,
      cwd: workspace,
      env: { GITHUB_API_URL: gh.url },
      inputs: inputs({
        phase: 'smoke-production',
        'github-token': 'ghs_smoke',
        'ledger-deployment-id': String(entry.deploymentId),
      }),
    });
    expect(run.exitCode, run.stdout).toBe(0);
    const [after] = await listLedger(octokit, { owner: 'acme', repo: 'shop' }, 'production');
    expect(after).toMatchObject({
      state: 'success',
      phase: { phase: 'done' },
      environmentUrl: 'https://shop.example.com',
    });
    const descriptions = gh.state.repo('acme/shop').deployments[0]!.statuses.map((s) => s.description);
    expect(descriptions[0]).toMatch(/^smoke-production: 5 probe\(s\) against/);
  }, 60_000);
});
