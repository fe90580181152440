import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../../support/runner.js';

const workspace = join(repoRoot, 'test', 'fixtures', 'run-workflow', 'cli');
const summaries = mkdtempSync(join(tmpdir(), 'shipline-summaries-'));
afterAll(() => rmSync(summaries, { recursive: true, force: true }));
const SECRET = 'demo-secret-value-789';

/** Runs the command the `shipline` npm script runs (`tsx cli/main.ts`), from the fixture repository. */
function shipline(args: string[]) {
  const tsx = join(repoRoot, 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [join(repoRoot, 'cli', 'main.ts'), 'run-workflow', ...args], {
    cwd: workspace,
    env: { ...process.env, DEMO_TOKEN: SECRET },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('shipline run-workflow', () => {
  it('runs the workflow with inputs and masked secrets, skips other actions with a notice, writes summaries', () => {
    const run = shipline([
      '.github/workflows/hello.yml',
      '--input',
      'who=ada',
      '--secret',
      'DEMO_TOKEN',
      '--summary-dir',
      summaries,
    ]);
    expect(run.stderr).toContain(
      'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020 is not a Shipline action',
    );
    expect(run.stdout).toContain('[greet] hello ada, token ***');
    expect(run.stdout).toContain('greet: success');
    expect(`${run.stdout}${run.stderr}`).not.toContain(SECRET);
    expect(run.status).toBe(0);
    const files = readdirSync(summaries);
    expect(files).toHaveLength(1);
    expect(readFileSync(join(summaries, files[0] as string), 'utf8')).toBe('### Greeted ada\n');
  });

  it('exits 1 when a step fails and 2 for a missing input or an unknown option', () => {
    const failing = shipline(['.github/workflows/hello.yml', '--input', 'who=bob', '--input', 'fail=true']);
    expect(failing.stdout).toContain('greet: failure');
    expect(failing.stderr).toContain('(exit code 3)');
    expect(failing.status).toBe(1);
    const missing = shipline(['.github/workflows/hello.yml']);
    expect(missing.stderr).toContain('requires the input "who"');
    expect(missing.status).toBe(2);
    const unknown = shipline(['.github/workflows/hello.yml', '--inptu', 'x=1']);
    expect(unknown.status).toBe(2);
  });
});
