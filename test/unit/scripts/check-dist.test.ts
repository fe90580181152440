import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../support/runner.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-check-dist-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

// The comparison is the same for every bundle; the CLI bundle (esbuild) builds in about a second, where one ncc
// bundle takes 15-35 s on a busy machine. The ncc bundles themselves are compared by `npm run check-dist` in CI.
const BUNDLE = 'cli';

function checkDist(distDir: string): { status: number | null; output: string } {
  const res = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'check-dist.mjs'), '--dist', distDir, BUNDLE], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return { status: res.status, output: `${res.stdout}${res.stderr}` };
}

describe('check-dist', () => {
  it('accepts a dist/ equal to a fresh build and rejects a stale one', () => {
    const good = join(temp, 'good');
    spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), good, BUNDLE], { cwd: repoRoot });
    expect(checkDist(good).status).toBe(0);

    const stale = join(temp, 'stale');
    cpSync(good, stale, { recursive: true });
    appendFileSync(join(stale, BUNDLE, 'index.js'), '\n// edited by hand\n');
    const result = checkDist(stale);
    expect(result.status).toBe(1);
    expect(result.output).toContain(`differs: ${BUNDLE}/index.js`);
    expect(result.output).toContain('npm run build');
  });

  it('reports a bundle missing from dist/', () => {
    const empty = join(temp, 'empty');
    const result = checkDist(empty);
    expect(result.status).toBe(1);
    expect(result.output).toContain(`missing from dist/: ${BUNDLE}/index.js`);
  });
});
