/**
 * bench/rollback: from "smoke failed" to "production serves the previous deployment" on the emulators.
 * Shipline: the auto-rollback finisher (ledger, lock, promote of the recorded deployment, serving check; the
 * production smoke is left out — it is the same for any rollback tool) — wall time and Vercel API calls.
 * Baseline: `vercel rollback <previous url> --yes` (npm vercel@50) against the same emulator over https, then
 * polling until the production domain serves the previous bytes. Targets: ≤ 1 s and ≤ 8 Vercel API calls.
 * Flags: --runs N (default 3).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Octokit } from '@octokit/rest';
import { startGitHubEmulator } from '../emulators/github/index.js';
import { SEED_PROJECT_ID, SEED_PROJECT_NAME, SEED_TEAM_ID, startVercelEmulator } from '../emulators/vercel/index.js';
import { systemClock } from '../lib/core/clock.js';
import { silentLogger } from '../lib/core/logger.js';
import { createLedgerDeployment, setLedgerStatus } from '../lib/github/ledger.js';
import { buildPayload } from '../lib/release/payload.js';
import { autoRollback } from '../lib/rollback/auto.js';
import { deployToVercel } from '../lib/vercel/deploy.js';
import { promoteDeployment } from '../lib/vercel/promote.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } }, strict: false });
const runs = Number(values.runs);
const root = join(import.meta.dirname, '..');
const TOKEN = 'bench_rollback_token'; // the vercel CLI refuses tokens containing '-'
const REPO = { owner: 'acme', repo: 'shop' };

const vercel = await startVercelEmulator({ token: TOKEN, buildMs: 50, aliasMs: 0, seed: true });
const gh = await startGitHubEmulator();
const { shas } = gh.seedRepo({ fullName: 'acme/shop', commits: ['1', '2'] });
gh.seedToken('ghs_bench', 'bench');
gh.setRole('acme/shop', 'bench', 'admin');
const octokit = new Octokit({
  auth: 'ghs_bench',
  baseUrl: gh.url,
  log: { debug() {}, info() {}, warn() {}, error() {} },
});
const productionBase = vercel.httpUrl(vercel.productionUrl(SEED_PROJECT_NAME));
const bypassSecret = vercel.seed?.bypassSecret ?? '';
const work = mkdtempSync(join(tmpdir(), 'shipline-bench-rollback-'));
const vercelCalls = () => Object.values(vercel.server.requests.snapshot()).reduce((a, b) => a + b, 0);

async function deploy(version: string, sha: string) {
  const dir = mkdtempSync(join(work, 'app-'));
  cpSync(join(root, 'examples', 'app', '.vercel'), join(dir, '.vercel'), { recursive: true });
  const index = join(dir, '.vercel', 'output', 'static', 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', `<p id="build">${version}</p></body>`));
  const out = await deployToVercel({
    token: TOKEN,
    apiUrl: vercel.url,
    project: SEED_PROJECT_NAME,
    target: 'production',
    outputDir: join(dir, '.vercel', 'output'),
    cwd: dir,
    release: { version, sha },
    git: {
      sha,
      ref: 'refs/heads/main',
      actor: 'bench',
      repository: 'acme/shop',
      runUrl: 'https://example.invalid/run',
    },
    buildTimeoutMs: 30_000,
    pollIntervalMs: 30,
    clock: systemClock,
    logger: silentLogger,
  });
  if (out.outcome !== 'success') throw new Error(out.message);
  return out.details;
}
const promote = async (id: string) => {
  const r = await promoteDeployment({
    token: TOKEN,
    apiUrl: vercel.url,
    project: SEED_PROJECT_ID,
    deployment: id,
    timeoutMs: 15_000,
    pollIntervalMs: 20,
    clock: systemClock,
    logger: silentLogger,
  });
  if (r.outcome !== 'success') throw new Error(r.message);
};
const serves = async (version: string) =>
  (await (await fetch(`${productionBase}/`)).text()).includes(`<p id="build">${version}</p>`);

const v1 = await deploy('v1.0.0', shas[0] as string);
await promote(v1.deploymentId as string);
const v1Entry = await createLedgerDeployment(octokit, REPO, {
  environment: 'production',
  production: true,
  transient: false,
  payload: buildPayload({
    kind: 'deploy',
    version: 'v1.0.0',
    sha: shas[0] as string,
    vercel: {
      projectId: SEED_PROJECT_ID,
      deploymentId: v1.deploymentId as string,
      url: (v1.url as string).replace('https://', ''),
    },
    edge: {},
    migrations: { head: null },
    requestedBy: 'bench',
    reason: '',
    source: 'https://example.invalid/v1',
  }),
});
await setLedgerStatus(octokit, REPO, v1Entry.deploymentId, { state: 'success', phase: 'done' });
const v2 = await deploy('v2.0.0', shas[1] as string);

function vercelCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    NODE_EXTRA_CA_CERTS: vercel.caBundlePath,
    VERCEL_TELEMETRY_DISABLED: '1',
    VERCEL_ORG_ID: SEED_TEAM_ID,
    VERCEL_PROJECT_ID: SEED_PROJECT_ID,
    NO_COLOR: '1',
    CI: '1',
  };
  const argv = ['--api', vercel.httpsUrl, '--token', TOKEN, '--global-config', join(work, 'global'), ...args];
  return new Promise((resolve) => {
    execFile(
      join(root, 'node_modules', '.bin', 'vercel'),
      argv,
      { cwd: work, env, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) || 1 : 0, stdout: String(stdout), stderr: String(stderr) }),
    );
  });
}

const shipline: Array<{ ms: number; calls: number }> = [];
const cli: Array<{ ms: number; calls: number }> = [];
for (let i = 0; i < runs; i++) {
  // v2 promoted and recorded as failing in smoke-production: the moment "smoke failed".
  await promote(v2.deploymentId as string);
  const v2Entry = await createLedgerDeployment(octokit, REPO, {
    environment: 'production',
    production: true,
    transient: false,
    payload: buildPayload({
      kind: 'deploy',
      version: 'v2.0.0',
      sha: shas[1] as string,
      vercel: {
        projectId: SEED_PROJECT_ID,
        deploymentId: v2.deploymentId as string,
        url: (v2.url as string).replace('https://', ''),
      },
      edge: {},
      migrations: { head: null },
      requestedBy: 'bench',
      reason: '',
      source: `https://example.invalid/v2-${i}`,
    }),
  });
  await setLedgerStatus(octokit, REPO, v2Entry.deploymentId, { state: 'in_progress', phase: 'smoke-production' });
  let calls = vercelCalls();
  let t0 = performance.now();
  const outcome = await autoRollback(
    {
      octokit,
      repo: REPO,
      clock: systemClock,
      logger: silentLogger,
      production: true,
      environmentUrl: productionBase,
      requestedBy: 'bench',
      reason: '',
      source: `https://example.invalid/finisher-${i}`,
      vercel: {
        token: TOKEN,
        apiUrl: vercel.url,
        timeoutMs: 15_000,
        pollIntervalMs: 20,
        serveCheck: {
          fetch: (url, init) => (url.startsWith('http://127.0.0.1') ? fetch(url, init) : vercel.fetch(url, init)),
          bypassSecret,
          productionUrl: productionBase,
        },
      },
    },
    {
      kind: 'deploy-finished',
      environment: 'production',
      ledgerDeploymentId: v2Entry.deploymentId,
      migrate: 'success',
      deploy: 'success',
      smokeVerdict: 'fail',
      promoted: true,
      auto: true,
    },
  );
  const ms = performance.now() - t0;
  if (outcome.outcome !== 'success' || !(await serves('v1.0.0')))
    throw new Error(`Shipline rollback failed: ${outcome.message}`);
  shipline.push({ ms, calls: vercelCalls() - calls });

  // The same moment for the CLI: v2 live again, then `vercel rollback` to v1 and wait until production serves it.
  await promote(v2.deploymentId as string);
  calls = vercelCalls();
  t0 = performance.now();
  const run = await vercelCli(['rollback', v1.url as string, '--yes']);
  while (!(await serves('v1.0.0'))) {
    if (performance.now() - t0 > 60_000) throw new Error(`vercel rollback did not switch production: ${run.stderr}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  cli.push({ ms: performance.now() - t0, calls: vercelCalls() - calls });
  if (run.code !== 0) console.error(`vercel rollback exited ${run.code}: ${run.stderr.slice(0, 300)}`);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const sMs = median(shipline.map((r) => r.ms));
const cMs = median(cli.map((r) => r.ms));
const sCalls = Math.max(...shipline.map((r) => r.calls));
console.log('rollback: smoke failed → production serves the previous deployment');
console.log(
  `  Shipline auto-rollback: ${shipline.map((r) => `${r.ms.toFixed(0)} ms / ${r.calls} Vercel calls`).join(', ')}`,
);
console.log(
  `  vercel rollback (CLI):  ${cli.map((r) => `${r.ms.toFixed(0)} ms / ${r.calls} Vercel calls`).join(', ')}`,
);
console.log(
  `  median ${sMs.toFixed(0)} ms vs CLI ${cMs.toFixed(0)} ms (${(sMs / cMs).toFixed(2)}x); target ≤ 1000 ms ${sMs <= 1000 ? 'MET' : 'MISSED'}, ≤ 8 calls ${sCalls <= 8 ? 'MET' : 'MISSED'} (${sCalls})`,
);
console.log('  (Shipline time includes its GitHub ledger and lock calls to the GitHub emulator.)');

await vercel.stop();
await gh.stop();
rmSync(work, { recursive: true, force: true });
