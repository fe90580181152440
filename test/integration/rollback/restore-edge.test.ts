/**
 * restore-edge on the Supabase emulator: a rollback redeploys the target's edge functions from its commit
 * (git archive of the functions folder), because the platform keeps no old versions; functions whose hash did not
 * change are skipped. The emulated project endpoint then serves the old code.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitArchiveCheckout } from '../../../actions/auto-rollback/checkout.js';
import { type SupabaseEmulator, startSupabaseEmulator } from '../../../emulators/supabase/index.js';
import { silentLogger, systemClock } from '../../../lib/core/index.js';
import { createLedgerDeployment, setLedgerStatus } from '../../../lib/github/ledger.js';
import { buildPayload } from '../../../lib/release/payload.js';
import { rollback } from '../../../lib/rollback/execute.js';
import { ManagementApi } from '../../../lib/supabase/functions/api.js';
import { deployEdge } from '../../../lib/supabase/functions/deploy.js';
import { type Cloud, REPO, startCloud } from './support.js';

const REF = 'qrstuvwxyzabcdefghij';
let cloud: Cloud;
let sb: SupabaseEmulator;
let api: ManagementApi;
let repoDir: string;
const commits: string[] = [];

const git = (...args: string[]) =>
  execFileSync('git', args, {
    cwd: repoDir,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@x',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@x',
    },
  }).trim();

function writeFunctions(release: string, other: string) {
  const fn = (name: string, body: string) => {
    mkdirSync(join(repoDir, 'supabase', 'functions', name), { recursive: true });
    writeFileSync(
      join(repoDir, 'supabase', 'functions', name, 'index.ts'),
      `Deno.serve(() => new Response(${JSON.stringify(body)}));\n`,
    );
  };
  fn('health', `health ${release}`);
  fn('other', other);
}

async function invoke(slug: string): Promise<string> {
  const anon = sb.state.projects.get(REF)!.anonKey;
  const res = await fetch(`${sb.projectUrl(REF)}/functions/v1/${slug}`, {
    headers: { apikey: anon, authorization: `Bearer ${anon}` },
  });
  return res.text();
}

beforeAll(async () => {
  cloud = await startCloud();
  sb = await startSupabaseEmulator({ projects: [{ ref: REF }] });
  api = new ManagementApi({ baseUrl: sb.url, token: sb.token, clock: systemClock });
  repoDir = mkdtempSync(join(tmpdir(), 'shipline-edge-repo-'));
  git('init', '-q');
  mkdirSync(join(repoDir, 'supabase'), { recursive: true });
  writeFileSync(join(repoDir, 'supabase', 'config.toml'), 'project_id = "shop"\n');
  writeFunctions('one', 'unchanged');
  git('add', '.');
  git('commit', '-qm', 'one');
  commits.push(git('rev-parse', 'HEAD'));
  writeFunctions('two', 'unchanged');
  git('commit', '-qam', 'two');
  commits.push(git('rev-parse', 'HEAD'));

  // Record both releases as the deploy workflow would: deploy-edge's hashes go into the payload's edge map.
  for (const [i, version] of ['v1.0.0', 'v2.0.0'].entries()) {
    const checkout = await gitArchiveCheckout(repoDir, 'supabase/functions')(commits[i]!);
    const deployed = await deployEdge({
      api,
      ref: REF,
      root: checkout.root,
      functionsDir: 'supabase/functions',
      logger: silentLogger,
      clock: systemClock,
    });
    await checkout.cleanup();
    const entry = await createLedgerDeployment(cloud.octokit, REPO, {
      environment: 'edge-only',
      production: false,
      transient: false,
      payload: buildPayload({
        kind: 'deploy',
        version,
        sha: cloud.shas[i]!,
        vercel: null,
        edge: deployed.details.hashes,
        migrations: { head: null },
        requestedBy: 'octocat',
        reason: '',
        source: `https://github.com/acme/shop/actions/runs/edge-${version}`,
      }),
    });
    await setLedgerStatus(cloud.octokit, REPO, entry.deploymentId, { state: 'success', phase: 'done' });
  }
  expect(await invoke('health')).toBe('health two');
}, 120_000);

afterAll(async () => {
  await sb?.stop();
  await cloud?.stop();
  if (repoDir) rmSync(repoDir, { recursive: true, force: true });
});

describe('restore-edge', () => {
  it('refuses before changing anything when the functions differ and no Supabase access was given', async () => {
    const outcome = await rollback(
      { octokit: cloud.octokit, repo: REPO, clock: systemClock, logger: silentLogger, production: false },
      { environment: 'edge-only', requestedBy: 'octocat', reason: '', source: 'https://x.invalid/edge-0' },
    );
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'invalid-input' });
    expect(await invoke('health')).toBe('health two');
  });

  it("redeploys the target commit's changed functions (git archive) and skips the unchanged ones", async () => {
    // The ledger's edge map names the target's commit; here the ledger commit is the emulator's, the source the
    // local repository's, so map one onto the other as a workflow's checkout would have it.
    const checkout = gitArchiveCheckout(repoDir, 'supabase/functions');
    const outcome = await rollback(
      {
        octokit: cloud.octokit,
        repo: REPO,
        clock: systemClock,
        logger: silentLogger,
        production: false,
        edge: {
          api,
          ref: REF,
          functionsDir: 'supabase/functions',
          checkout: (sha) => checkout(commits[cloud.shas.indexOf(sha)]!),
        },
      },
      { environment: 'edge-only', requestedBy: 'octocat', reason: '', source: 'https://x.invalid/edge-1' },
    );
    expect(outcome, outcome.message).toMatchObject({ outcome: 'success', details: { targetVersion: 'v1.0.0' } });
    expect(outcome.details.edge).toMatchObject({ deployed: ['health'], skipped: ['other'], failed: [] });
    expect(await invoke('health')).toBe('health one');
    expect(await invoke('other')).toBe('unchanged');
  });

  it('names a commit without the functions folder', async () => {
    await expect(gitArchiveCheckout(repoDir, 'supabase/nope')(commits[0]!)).rejects.toThrow(
      /has no supabase\/nope folder/,
    );
  });
});
