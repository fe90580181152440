/** `shipline deploy` and `shipline promote`, run as the user types them (tsx cli/main.ts), against the Vercel emulator. */
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startVercelEmulator, type VercelEmulator } from '../../../../emulators/vercel/index.js';
import { repoRoot } from '../../../support/runner.js';

const TOKEN = 'cli-vercel-token-abcdef';
const SHA = 'c'.repeat(40);

function shipline(args: string[], cwd: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(join(repoRoot, 'node_modules', '.bin', 'tsx'), [join(repoRoot, 'cli', 'main.ts'), ...args], {
      cwd,
      env: { PATH: process.env.PATH ?? '', HOME: cwd, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('shipline deploy / promote', () => {
  let emu: VercelEmulator;
  let dir: string;
  let productionBase: string;

  beforeAll(async () => {
    emu = await startVercelEmulator({ token: TOKEN, buildMs: 100 });
    const project = await emu.createProject('shop');
    productionBase = emu.httpUrl(project.productionDomain);
    dir = mkdtempSync(join(tmpdir(), 'shipline-cli-deploy-'));
    cpSync(join(repoRoot, 'examples', 'app', '.vercel'), join(dir, '.vercel'), { recursive: true });
    const index = join(dir, '.vercel', 'output', 'static', 'index.html');
    writeFileSync(index, readFileSync(index, 'utf8').replace('</body>', '<p id="build">from-cli</p></body>'));
    mkdirSync(join(dir, '.github'));
    writeFileSync(
      join(dir, '.github', 'shipline.yml'),
      `version: 1\nenvironments:\n  production:\n    url: ${productionBase}\nvercel:\n  project: shop\n  build-timeout: 30\n`,
    );
  });
  afterAll(async () => {
    await emu?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('stages, promotes by id, and reuses the deployment of the same commit', async () => {
    const env = { VERCEL_TOKEN: TOKEN, VERCEL_API_URL: emu.url };
    const deployed = await shipline(['deploy', '--sha', SHA], dir, env);
    expect(deployed.code, deployed.stderr).toBe(0);
    const id = /shipline promote (dpl_\w+)/.exec(deployed.stdout)?.[1];
    expect(id, deployed.stdout).toBeDefined();
    expect(deployed.stdout).toMatch(/^staged dpl_/m);
    expect(await (await fetch(`${productionBase}/`)).text()).not.toContain('from-cli');
    expect(deployed.stderr + deployed.stdout).not.toContain(TOKEN);

    const promoted = await shipline(['promote', id as string], dir, env);
    expect(promoted.code, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain(`Promoted ${id} to production`);
    expect(await (await fetch(`${productionBase}/`)).text()).toContain('<p id="build">from-cli</p>');

    const again = await shipline(['deploy', '--sha', SHA, '--json'], dir, env);
    expect(again.code, again.stderr).toBe(0);
    const json = JSON.parse(again.stdout) as {
      vercel: { reason: string; details: { filesUploaded: number; bytesUploaded: number } };
    };
    expect(json.vercel.reason).toBe('reused');
    expect(json.vercel.details).toMatchObject({ filesUploaded: 0, bytesUploaded: 0 });
  }, 60_000);

  it('exits 2 without a token, 3 when refused (unknown deployment)', async () => {
    const noToken = await shipline(['deploy', '--sha', SHA], dir, { VERCEL_API_URL: emu.url });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('VERCEL_TOKEN');
    const unknown = await shipline(['promote', 'dpl_nope'], dir, { VERCEL_TOKEN: TOKEN, VERCEL_API_URL: emu.url });
    expect(unknown.code).toBe(3);
    expect(unknown.stdout).toMatch(/Deployment not found|deployment id/i);
  }, 60_000);
});
