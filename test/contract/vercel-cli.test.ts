/**
 * The real `vercel` CLI (npm vercel@50) against the emulator over https, trusting the emulator's local CA through
 * NODE_EXTRA_CA_CERTS: deploy --prebuilt, ls, inspect, rollback and promote, each run as a child process the way a
 * user types it, with assertions on what it prints and on the emulator's state.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SEED_PROJECT_ID,
  SEED_TEAM_ID,
  startVercelEmulator,
  type VercelEmulator,
} from '../../emulators/vercel/index.js';
import { requestJson } from '../support/http.js';
import { repoRoot } from '../support/runner.js';

const TOKEN = 'cli_contract_token'; // the CLI refuses a --token containing '-'
const VERCEL_BIN = join(repoRoot, 'node_modules', '.bin', 'vercel');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

let emu: VercelEmulator;
let work: string;
let app: string;

/** Runs `vercel <args>` in the linked app folder against the emulator's https API. */
function vercel(args: string[], extraEnv: Record<string, string> = {}): Promise<CliRun> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: work,
    NODE_EXTRA_CA_CERTS: emu.caBundlePath,
    VERCEL_TELEMETRY_DISABLED: '1',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    CI: '1',
    ...extraEnv,
  };
  const argv = ['--api', emu.httpsUrl, '--token', TOKEN, '--global-config', join(work, 'global'), ...args];
  return new Promise((resolve) => {
    execFile(VERCEL_BIN, argv, { cwd: app, env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Writes a prebuilt Build Output (static page + one Node function) whose page says `version`. */
function writeOutput(version: string): void {
  const out = join(app, '.vercel', 'output');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'static'), { recursive: true });
  mkdirSync(join(out, 'functions', 'api', 'version.func'), { recursive: true });
  writeFileSync(join(out, 'config.json'), JSON.stringify({ version: 3, routes: [{ handle: 'filesystem' }] }));
  writeFileSync(join(out, 'static', 'index.html'), `<h1>${version}</h1>\n`);
  writeFileSync(
    join(out, 'functions', 'api', 'version.func', '.vc-config.json'),
    JSON.stringify({ runtime: 'nodejs20.x', handler: 'index.js', launcherType: 'Nodejs' }),
  );
  writeFileSync(
    join(out, 'functions', 'api', 'version.func', 'index.js'),
    `module.exports = (req, res) => res.end(${JSON.stringify(version)});\n`,
  );
}

/** `vercel deploy --prebuilt --prod`; returns the deployment URL it printed on stdout. */
async function deployProd(version: string): Promise<string> {
  writeOutput(version);
  const run = await vercel(['deploy', '--prebuilt', '--prod', '--yes']);
  expect(run.code, run.stderr).toBe(0);
  const url = run.stdout.trim();
  expect(url, `stdout was empty; stderr:\n${run.stderr}`).toMatch(
    /^https:\/\/shipline-app-[a-z0-9]+-shipline-local\.vercel\.app$/,
  );
  return url;
}

async function productionBytes(): Promise<string> {
  return (await emu.fetch(`https://${emu.productionUrl(SEED_PROJECT_ID)}/`)).text();
}

async function projectAutoAssign(): Promise<unknown> {
  const { body } = await requestJson(
    emu.url,
    'GET',
    `/v9/projects/${SEED_PROJECT_ID}?teamId=${SEED_TEAM_ID}`,
    undefined,
    TOKEN,
  );
  return (body as { autoAssignCustomDomains?: unknown }).autoAssignCustomDomains;
}

describe('vercel CLI (vercel@50) against the emulator over https', () => {
  beforeAll(async () => {
    // aliasMs: promote and rollback jobs take a while, so the CLI polls lastAliasRequest as it does on Vercel.
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 300, aliasMs: 400, seed: true });
    work = mkdtempSync(join(tmpdir(), 'vercel-cli-contract-'));
    app = join(work, 'app');
    mkdirSync(join(app, '.vercel'), { recursive: true });
    writeFileSync(
      join(app, '.vercel', 'project.json'),
      JSON.stringify({ orgId: emu.seed?.teamId, projectId: emu.seed?.projectId }),
    );
  });

  afterAll(async () => {
    await emu?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('deploys, lists, inspects, rolls back (pinning production) and promotes (unpinning it)', async () => {
    const first = await deployProd('v1');
    const d1 = emu.state.findDeployment(first);
    expect(d1?.readyState).toBe('READY');
    expect(d1?.prebuilt).toBe(true);
    expect(d1?.projectId).toBe(SEED_PROJECT_ID);
    expect(await productionBytes()).toBe('<h1>v1</h1>\n');

    const second = await deployProd('v2');
    const d2 = emu.state.findDeployment(second);
    expect(emu.state.projects.get(SEED_PROJECT_ID)?.productionDeploymentId).toBe(d2?.id);
    expect(await productionBytes()).toBe('<h1>v2</h1>\n');

    const ls = await vercel(['ls']);
    expect(ls.code, ls.stderr).toBe(0);
    expect(ls.stdout.split('\n').filter((l) => l.startsWith('https://'))).toEqual([second, first]);

    const inspect = await vercel(['inspect', first]);
    expect(inspect.code, inspect.stderr).toBe(0);
    const inspected = `${inspect.stdout}${inspect.stderr}`;
    expect(inspected).toContain(d1?.id);
    expect(inspected).toMatch(/status\s+● Ready/);
    expect(inspected).toMatch(/λ api\/version/);

    const rollback = await vercel(['rollback', first, '--yes']);
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.stderr).toContain(`shipline-app was rolled back to ${new URL(first).host} (${d1?.id})`);
    expect(emu.state.projects.get(SEED_PROJECT_ID)?.productionDeploymentId).toBe(d1?.id);
    expect(await productionBytes()).toBe('<h1>v1</h1>\n');
    expect(await projectAutoAssign()).toBe(false);

    // Pinned: a new production deployment is built but does not take the production domain.
    const third = await deployProd('v3');
    const d3 = emu.state.findDeployment(third);
    expect(d3?.readyState).toBe('READY');
    expect(d3?.readySubstate).toBe('STAGED');
    expect(await productionBytes()).toBe('<h1>v1</h1>\n');
    // The staged deployment URL sits behind the seeded project's Deployment Protection.
    expect((await emu.fetch(third)).status).toBe(401);
    const bypassed = await emu.fetch(third, {
      headers: { 'x-vercel-protection-bypass': emu.seed?.bypassSecret ?? '' },
    });
    expect(await bypassed.text()).toBe('<h1>v3</h1>\n');

    const promote = await vercel(['promote', third, '--yes']);
    expect(promote.code, promote.stderr).toBe(0);
    expect(promote.stderr).toContain(`shipline-app was promoted to ${new URL(third).host} (${d3?.id})`);
    expect(emu.state.projects.get(SEED_PROJECT_ID)?.productionDeploymentId).toBe(d3?.id);
    expect(await productionBytes()).toBe('<h1>v3</h1>\n');
    expect(await (await emu.fetch(`https://${emu.productionUrl(SEED_PROJECT_ID)}/api/version`)).text()).toBe('v3');
    expect(await projectAutoAssign()).toBe(true);

    expect(emu.unknownRoutes).toEqual([]);
  }, 120_000);
});
