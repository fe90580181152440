/** Shared helpers of the Vercel engine tests: build outputs with a marker, commits, and what production serves. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VercelEmulator } from '../../../emulators/vercel/index.js';
import { silentLogger, systemClock } from '../../../lib/core/index.js';
import { type DeployOptions, deployToVercel } from '../../../lib/vercel/deploy.js';
import type { GitContext } from '../../../lib/vercel/meta.js';
import { repoRoot } from '../../support/runner.js';

export const TOKEN = 'vercel-unit-token';
export const PROJECT = 'shop';

/** A copy of examples/app's .vercel/output whose index.html carries `marker`; returns the project folder. */
export function appOutput(marker: string): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'shipline-vercel-'));
  cpSync(join(repoRoot, 'examples', 'app', '.vercel'), join(dir, '.vercel'), { recursive: true });
  const index = join(dir, '.vercel', 'output', 'static', 'index.html');
  writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', `<p id="build">${marker}</p></body>`));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;
/** A fresh 40-hex commit SHA per call. */
export function commit(): string {
  counter++;
  return `${counter.toString(16).padStart(8, '0')}${'a'.repeat(32)}`;
}

export function git(sha: string): GitContext {
  return {
    sha,
    ref: 'refs/heads/main',
    actor: 'octocat',
    repository: 'acme/shop',
    runUrl: 'https://github.com/acme/shop/actions/runs/1',
  };
}

/** What the production domain of PROJECT serves at `/` (status and body). */
export async function production(emu: VercelEmulator): Promise<{ status: number; body: string }> {
  const res = await emu.fetch(`https://${emu.productionUrl(PROJECT)}/`);
  return { status: res.status, body: await res.text() };
}

/** Deploy options for a test: fast polling, short stall detection, a deterministic jitter. */
export function deployOptions(
  emu: VercelEmulator,
  dir: string,
  sha: string,
  extra: Partial<DeployOptions> = {},
): DeployOptions {
  return {
    token: TOKEN,
    apiUrl: emu.url,
    project: PROJECT,
    target: 'production',
    outputDir: join(dir, '.vercel', 'output'),
    cwd: dir,
    release: { version: `sha-${sha.slice(0, 7)}`, sha },
    git: git(sha),
    buildTimeoutMs: 20_000,
    idleTimeoutMs: 1_000,
    pollIntervalMs: 50,
    clock: systemClock,
    logger: silentLogger,
    random: () => 0.5,
    ...extra,
  };
}

/** Deploys a build with `marker` and returns the outcome (the output folder is removed afterwards). */
export async function deployMarker(emu: VercelEmulator, marker: string, extra: Partial<DeployOptions> = {}) {
  const out = appOutput(marker);
  try {
    return await deployToVercel(deployOptions(emu, out.dir, extra.release?.sha ?? commit(), extra));
  } finally {
    out.cleanup();
  }
}
