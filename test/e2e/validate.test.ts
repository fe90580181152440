/** The bundled validate action, run the way the GitHub runner runs it (dist/validate/index.js). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGitHubEmulator } from '../../emulators/github/index.js';
import { repoRoot, runAction } from '../support/runner.js';

const temp = mkdtempSync(join(tmpdir(), 'shipline-e2e-validate-'));

/** A workspace holding `.github/shipline.yml` with `config`. */
function workspace(name: string, config?: string): string {
  const dir = join(temp, name);
  mkdirSync(join(dir, '.github'), { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, '.github', 'shipline.yml'), config);
  return dir;
}

beforeAll(() => {
  if (existsSync(join(repoRoot, 'dist', 'validate', 'index.js'))) return;
  const build = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), 'dist', 'validate'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}\n${build.stderr}`);
});
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('validate action (bundle)', () => {
  it('passes a good config: exit 0, passed=true, a summary table and a JSON report', async () => {
    const cwd = workspace(
      'good',
      'version: 1\nvalidate:\n  env:\n    - { name: SESSION_SECRET, min-length: 16 }\n  commands:\n    - { name: node, run: [node, --version] }\n',
    );
    const secret = 'e2e-session-secret-value-123456';
    const run = await runAction('validate', { cwd, env: { SESSION_SECRET: secret } });
    expect(run.stderr).not.toMatch(/Error|at .*index\.js/);
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    const report = JSON.parse(run.outputs.report ?? '');
    expect(report).toMatchObject({ version: 1, passed: true, counts: { pass: 3, fail: 0 } });
    expect(report.checks.map((c: { id: string }) => c.id)).toEqual(['config', 'env', 'command:node']);
    expect(run.summary).toContain('| Check | Result | Duration | Message |');
    expect(run.summary).toContain('✅ **Passed**');
    // The secret named in validate.env is masked before anything prints, and never printed.
    expect(run.masks).toContain(secret);
    expect(run.visible).not.toContain(secret);
    expect(run.annotations.filter((a) => a.level === 'error')).toEqual([]);
  });

  it('fails on a failing check: non-zero exit, passed=false, the table shows the failure', async () => {
    const cwd = workspace(
      'failing',
      'version: 1\nvalidate:\n  commands:\n    - { name: ok, run: [node, --version] }\n    - { name: broken, run: [node, -e, "process.exit(3)"] }\n',
    );
    const run = await runAction('validate', { cwd });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.passed).toBe('false');
    expect(JSON.parse(run.outputs.report ?? '').counts).toEqual({ pass: 2, warn: 0, fail: 1, skip: 0 });
    expect(run.summary).toMatch(/\| Command: broken \| ❌ fail \| [^|]+ \| [^|]*3[^|]* \|/);
    expect(run.summary).toContain('| Command: ok | ✅ pass |');
    const failure = run.annotations.find((a) => a.level === 'error' && a.message.startsWith('Validation failed'));
    expect(failure?.message).toContain('Command: broken');
  });

  it('annotates every problem of a broken config with its file and line', async () => {
    const cwd = workspace(
      'broken',
      'version: 1\nsmoke:\n  rouns: 3\nvalidate:\n  commands:\n    - name: test\n      run: npm test\n',
    );
    const run = await runAction('validate', { cwd });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.passed).toBe('false');
    const located = run.annotations.filter((a) => a.level === 'error' && a.properties.file);
    expect(located.map((a) => [a.properties.file, a.properties.line])).toEqual([
      ['.github/shipline.yml', '3'],
      ['.github/shipline.yml', '7'],
    ]);
    expect(located[0]!.message).toBe('smoke.rouns: Unknown key "rouns". Hint: Did you mean `rounds`?');
    expect(located[1]!.message).toContain('without a shell');
    expect(run.summary).toContain('| Configuration | ❌ fail |');
  });

  it('names the config relative to the workspace when working-directory is set', async () => {
    const root = join(temp, 'mono');
    const app = workspace(join('mono', 'app'), 'version: 1\nvercel: { projct: shop }\n');
    expect(app.startsWith(root)).toBe(true);
    const run = await runAction('validate', {
      cwd: root,
      inputs: { 'working-directory': 'app' },
      env: { GITHUB_WORKSPACE: root },
    });
    const annotation = run.annotations.find((a) => a.properties.file);
    expect(annotation?.properties).toMatchObject({ file: 'app/.github/shipline.yml', line: '2' });
  });

  it('treats a hostile config input as a plain path: no shell runs, the value reaches the error verbatim', async () => {
    const cwd = workspace('hostile', 'version: 1\n');
    const hostile = 'a"; touch pwned #';
    const run = await runAction('validate', { cwd, inputs: { config: hostile } });
    expect(run.exitCode).not.toBe(0);
    expect(run.outputs.passed).toBe('false');
    expect(readdirSync(cwd)).not.toContain('pwned');
    expect(existsSync(join(repoRoot, 'pwned'))).toBe(false);
    const annotation = run.annotations.find((a) => a.properties.file === hostile);
    expect(annotation?.message).toContain(`No configuration file at ${hostile}`);
    expect(JSON.parse(run.outputs.report ?? '').checks[0].message).toBe(`${hostile} has 1 problem`);
  });

  it('uses the defaults (with a warning) when the default config file is missing', async () => {
    const cwd = workspace('empty-repo');
    const run = await runAction('validate', { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    expect(run.annotations).toContainEqual(
      expect.objectContaining({ level: 'warning', message: expect.stringContaining('using the defaults') }),
    );
  });

  it('fails on warnings with fail-on-warn, and rejects a non-boolean value', async () => {
    const cwd = workspace('warns');
    const strict = await runAction('validate', { cwd, inputs: { 'fail-on-warn': 'true' } });
    expect(strict.exitCode).not.toBe(0);
    expect(strict.outputs.passed).toBe('false');
    const bad = await runAction('validate', { cwd, inputs: { 'fail-on-warn': 'maybe' } });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.annotations[0]?.message).toContain('fail-on-warn must be true or false');
  });

  it('fails with a clear message when working-directory does not exist', async () => {
    const run = await runAction('validate', { cwd: workspace('wd'), inputs: { 'working-directory': 'nope' } });
    expect(run.exitCode).not.toBe(0);
    expect(run.annotations[0]?.message).toContain('working-directory nope is not a directory');
  });

  it('fails for an environment that is not configured', async () => {
    const cwd = workspace('env', 'version: 1\n');
    const run = await runAction('validate', { cwd, inputs: { environment: 'staging' } });
    expect(run.outputs.passed).toBe('false');
    expect(run.summary).toContain('environment "staging" is not in the configuration (configured: production)');
  });

  it('reports open blocking issues through the GitHub API when given a token', async () => {
    const github = await startGitHubEmulator();
    try {
      github.seedRepo({ fullName: 'acme/shop' });
      github.seedToken('ghp_e2evalidatetoken0001', 'octocat');
      github.seedIssue('acme/shop', { title: 'Checkout broken', user: 'octocat', labels: ['deploy-blocker'] });
      github.seedIssue('acme/shop', { title: 'Typo', user: 'octocat', labels: ['docs'] });
      const cwd = workspace('blocking', 'version: 1\nvalidate:\n  blocking-labels: [deploy-blocker]\n');
      const run = await runAction('validate', {
        cwd,
        inputs: { 'github-token': 'ghp_e2evalidatetoken0001' },
        env: { GITHUB_API_URL: github.url, GITHUB_REPOSITORY: 'acme/shop' },
      });
      expect(run.masks).toContain('ghp_e2evalidatetoken0001');
      expect(run.outputs.passed).toBe('false');
      const blocking = JSON.parse(run.outputs.report ?? '').checks.find(
        (c: { id: string }) => c.id === 'blocking-issues',
      );
      expect(blocking.status).toBe('fail');
      expect(blocking.message).toContain('Checkout broken');
      expect(blocking.message).not.toContain('Typo');

      const without = await runAction('validate', { cwd });
      expect(without.outputs.passed).toBe('true');
      expect(without.summary).toContain('| Blocking issues | ⏭️ skip |');
    } finally {
      await github.stop();
    }
  });
});
