/**
 * `shipline rollback` and `shipline smoke`, run as the user types them (tsx cli/main.ts), against the emulators:
 * the same engine as the auto-rollback action, with secrets from the environment.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Cloud, marker, release, served, startCloud, TOKEN } from '../integration/rollback/support.js';
import { repoRoot } from '../support/runner.js';

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

let cloud: Cloud;
let dir: string;
let env: Record<string, string>;
beforeAll(async () => {
  cloud = await startCloud();
  dir = mkdtempSync(join(tmpdir(), 'shipline-cli-rollback-'));
  mkdirSync(join(dir, '.github'));
  writeFileSync(
    join(dir, '.github', 'shipline.yml'),
    `version: 1\nenvironments: { production: { vercel-target: production, url: ${cloud.productionBase} } }\nvercel: { project: shop }\nsmoke: { checks: [{ path: / }], rounds: 1, interval: 0, warmup: 0 }\n`,
  );
  env = {
    GITHUB_TOKEN: 'ghs_rollback',
    GITHUB_REPOSITORY: 'acme/shop',
    GITHUB_API_URL: cloud.gh.url,
    VERCEL_TOKEN: TOKEN,
    VERCEL_API_URL: cloud.vercel.url,
    SHIPLINE_TEST_VERCEL_EDGE: cloud.vercel.edgeUrl,
    NODE_OPTIONS: `--import=${join(repoRoot, 'test', 'e2e', 'auto-rollback-dns.mjs')}`,
  };
  await release(cloud, 'v1.0.0', cloud.shas[0]!, { final: 'success' });
  await release(cloud, 'v3.0.0', cloud.shas[2]!, { final: 'success' });
}, 120_000);
afterAll(async () => {
  await cloud?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('shipline rollback / smoke', () => {
  it('rolls production back to the last known-good release, prints the summary, never the token', async () => {
    const run = await shipline(['rollback', '--env', 'production'], dir, env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('| restore-vercel | ✅ |');
    expect(run.stdout).toContain('| To | v1.0.0');
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(await served(cloud)).toContain(marker('v1.0.0'));
  }, 60_000);

  it('exits 3 on a refusal and 2 on a bad version', async () => {
    const refused = await shipline(['rollback', 'v9.9.9', '--json'], dir, env);
    expect(refused.code).toBe(3);
    expect(JSON.parse(refused.stdout)).toMatchObject({ outcome: 'refused', reason: 'unknown-version' });
    const usage = await shipline(['rollback', 'latest'], dir, env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('like v1.2.3');
  }, 60_000);

  it('shipline smoke passes against production and fails (exit 1) on a broken path', async () => {
    const ok = await shipline(['smoke', cloud.productionBase, '--json'], dir, env);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ verdict: 'pass' });
    writeFileSync(
      join(dir, '.github', 'broken.yml'),
      'version: 1\nsmoke: { checks: [{ path: /missing }], rounds: 1, interval: 0, warmup: 0 }\n',
    );
    const bad = await shipline(['smoke', cloud.productionBase, '--config', '.github/broken.yml'], dir, env);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('Smoke failed');
  }, 60_000);
});
