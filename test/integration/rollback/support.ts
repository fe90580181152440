/**
 * A small local cloud for rollback tests: the Vercel emulator with project `shop`, the GitHub emulator with
 * `acme/shop`, and helpers that deploy a build with a marker (optionally with a broken health endpoint), promote it
 * and record it in the ledger the way the deploy workflow does.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { expect } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../../emulators/github/index.js';
import { startVercelEmulator, type VercelEmulator } from '../../../emulators/vercel/index.js';
import { type ShiplineConfig, shiplineConfigSchema } from '../../../lib/config/schema.js';
import { silentLogger, systemClock } from '../../../lib/core/index.js';
import { createLedgerDeployment, type LedgerEntry, setLedgerStatus } from '../../../lib/github/ledger.js';
import { acquireLock } from '../../../lib/github/locks.js';
import type { RepoRef } from '../../../lib/github/repo.js';
import { buildPayload } from '../../../lib/release/payload.js';
import type { AutoRollbackDeps } from '../../../lib/rollback/auto.js';
import { productionVerifier } from '../../../lib/rollback/verify.js';
import { deployToVercel } from '../../../lib/vercel/deploy.js';
import { promoteDeployment } from '../../../lib/vercel/promote.js';
import { repoRoot } from '../../support/runner.js';

export const TOKEN = 'vercel_rollback_token';
export const PROJECT = 'shop';
export const REPO: RepoRef = { owner: 'acme', repo: 'shop' };

export interface Cloud {
  vercel: VercelEmulator;
  gh: GitHubEmulator;
  octokit: Octokit;
  shas: string[];
  productionBase: string;
  config: ShiplineConfig;
  stop(): Promise<void>;
}

/** Starts the emulators; `shas` are 8 commits of acme/shop. */
export async function startCloud(): Promise<Cloud> {
  const vercel = await startVercelEmulator({ token: TOKEN, buildMs: 50, aliasMs: 0 });
  await vercel.createProject(PROJECT);
  const gh = await startGitHubEmulator();
  const { shas } = gh.seedRepo({
    fullName: 'acme/shop',
    commits: ['1', '2', '3', '4', '5', '6', '7', '8'],
    workflows: ['deploy.yml', 'rollback.yml'],
  });
  gh.seedToken('ghs_rollback', 'shipline-bot');
  gh.setRole('acme/shop', 'shipline-bot', 'admin');
  const octokit = new Octokit({
    auth: 'ghs_rollback',
    baseUrl: gh.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  const productionBase = vercel.httpUrl(vercel.productionUrl(PROJECT));
  const config = shiplineConfigSchema.parse({
    version: 1,
    environments: { production: { 'vercel-target': 'production', url: productionBase } },
    vercel: { project: PROJECT },
    smoke: {
      checks: [
        { name: 'home', path: '/', expect: { status: 200 } },
        { name: 'health', path: '/api/health', expect: { status: 200 } },
      ],
      rounds: 2,
      interval: 0,
      warmup: 0,
      'max-error-rate': 0,
    },
    incidents: { labels: ['incident', 'production'], assignees: ['shipline-bot'] },
  });
  return {
    vercel,
    gh,
    octokit,
    shas,
    productionBase,
    config,
    stop: async () => {
      await vercel.stop();
      await gh.stop();
    },
  };
}

/** A copy of examples/app's build output whose index.html carries `marker`; `brokenHealth` makes /api/health 500. */
function buildOutput(marker: string, brokenHealth: boolean): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-rollback-app-'));
  cpSync(join(repoRoot, 'examples', 'app', '.vercel'), join(dir, '.vercel'), { recursive: true });
  const index = join(dir, '.vercel', 'output', 'static', 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', `<p id="build">${marker}</p></body>`));
  if (brokenHealth) {
    writeFileSync(
      join(dir, '.vercel', 'output', 'functions', 'api', 'health.func', 'index.mjs'),
      'export default function handler(_req, res) { res.statusCode = 500; res.end(\'{"ok":false}\'); }\n',
    );
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** What production serves at `/`. */
export async function served(cloud: Cloud): Promise<string> {
  const res = await fetch(`${cloud.productionBase}/`);
  return res.text();
}

export const marker = (text: string) => `<p id="build">${text}</p>`;

/**
 * Deploys `version` like the deploy workflow: ledger entry, stage, promote. `final` success ends it `done` (a good
 * release); `promoted` leaves it in_progress at smoke-production (the finisher decides).
 */
export async function release(
  cloud: Cloud,
  version: string,
  sha: string,
  options: { brokenHealth?: boolean; final: 'success' | 'promoted'; edge?: Record<string, string>; head?: string },
): Promise<{ entry: LedgerEntry; deploymentId: string }> {
  const out = buildOutput(version, options.brokenHealth ?? false);
  try {
    const deployed = await deployToVercel({
      token: TOKEN,
      apiUrl: cloud.vercel.url,
      project: PROJECT,
      target: 'production',
      outputDir: join(out.dir, '.vercel', 'output'),
      cwd: out.dir,
      release: { version, sha },
      git: {
        sha,
        ref: 'refs/heads/main',
        actor: 'octocat',
        repository: 'acme/shop',
        runUrl: 'https://github.com/acme/shop/actions/runs/1',
      },
      buildTimeoutMs: 20_000,
      idleTimeoutMs: 2_000,
      pollIntervalMs: 30,
      clock: systemClock,
      logger: silentLogger,
      random: () => 0.5,
    });
    expect(deployed.outcome, deployed.message).toBe('success');
    const d = deployed.details;
    const entry = await createLedgerDeployment(cloud.octokit, REPO, {
      environment: 'production',
      payload: buildPayload({
        kind: 'deploy',
        version,
        sha,
        vercel: {
          projectId: d.projectId as string,
          deploymentId: d.deploymentId as string,
          url: (d.url as string).replace(/^https:\/\//, ''),
        },
        edge: options.edge ?? {},
        migrations: { head: options.head ?? null },
        requestedBy: 'octocat',
        reason: 'release',
        source: `https://github.com/acme/shop/actions/runs/deploy-${version}`,
      }),
      production: true,
      transient: false,
    });
    await setLedgerStatus(cloud.octokit, REPO, entry.deploymentId, { state: 'in_progress', phase: 'promote' });
    const promoted = await promoteDeployment({
      token: TOKEN,
      apiUrl: cloud.vercel.url,
      project: PROJECT,
      deployment: d.deploymentId as string,
      timeoutMs: 15_000,
      pollIntervalMs: 20,
      clock: systemClock,
      logger: silentLogger,
    });
    expect(promoted.outcome, promoted.message).toBe('success');
    if (options.final === 'success') {
      await setLedgerStatus(cloud.octokit, REPO, entry.deploymentId, { state: 'success', phase: 'done' });
    } else {
      await setLedgerStatus(cloud.octokit, REPO, entry.deploymentId, {
        state: 'in_progress',
        phase: 'smoke-production',
      });
    }
    return { entry, deploymentId: d.deploymentId as string };
  } finally {
    out.cleanup();
  }
}

/** The deploy workflow's lock (purpose deploy), as the validate step takes it. */
export async function deployLock(cloud: Cloud, version: string): Promise<string> {
  const now = new Date();
  const claim = await acquireLock(cloud.octokit, REPO, {
    schema: 1,
    environment: 'production',
    holder: 'octocat',
    purpose: 'deploy',
    reason: `deploy ${version}`,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
    source: `https://github.com/acme/shop/actions/runs/deploy-${version}`,
    version,
  });
  expect(claim.acquired).toBe(true);
  return (claim as { sha: string }).sha;
}

/** Rollback deps against the cloud: promote with a serving check, production smoke, incidents. */
export function rollbackDeps(cloud: Cloud, source: string, extra: Partial<AutoRollbackDeps> = {}): AutoRollbackDeps {
  return {
    octokit: cloud.octokit,
    repo: REPO,
    clock: systemClock,
    logger: silentLogger,
    production: true,
    environmentUrl: cloud.productionBase,
    logUrl: source,
    requestedBy: 'octocat',
    reason: '',
    source,
    incidents: { labels: cloud.config.incidents.labels, assignees: cloud.config.incidents.assignees },
    vercel: {
      token: TOKEN,
      apiUrl: cloud.vercel.url,
      timeoutMs: 15_000,
      pollIntervalMs: 20,
      idleTimeoutMs: 2_000,
      serveCheck: {
        // Vercel hosts through the emulator's router; the production domain's loopback port directly.
        fetch: (url, init) => (url.startsWith('http://127.0.0.1') ? fetch(url, init) : cloud.vercel.fetch(url, init)),
        productionUrl: cloud.productionBase,
      },
    },
    verify: productionVerifier(
      cloud.config.smoke,
      { baseUrl: cloud.productionBase },
      { clock: systemClock, logger: silentLogger },
    ),
    ...extra,
  };
}
