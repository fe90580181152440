import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../../lib/core/logger.js';
import { type RunWorkflowOptions, runWorkflow } from '../../../lib/workflows/run.js';
import { repoRoot } from '../../support/runner.js';

const fixtures = join(repoRoot, 'test', 'fixtures', 'run-workflow');
const workspace = mkdtempSync(join(tmpdir(), 'shipline-run-test-'));
cpSync(join(fixtures, 'workspace'), workspace, { recursive: true });
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const TOKEN = 'ghs_secret-token-value-123';
const API_KEY = 'sk_live_api-key-456';

function options(inputs: Record<string, string | boolean>, lines: string[]): RunWorkflowOptions {
  return {
    file: join(workspace, '.github', 'workflows', 'main.yml'),
    shiplineRoot: join(fixtures, 'shipline'),
    shiplineRepos: ['your-org/shipline'],
    workspace,
    eventName: 'workflow_dispatch',
    eventPayload: { inputs },
    inputs,
    secrets: { API_KEY },
    github: {
      repository: 'acme/shop',
      sha: 'a'.repeat(40),
      ref: 'refs/heads/main',
      actor: 'octocat',
      serverUrl: 'http://127.0.0.1:1',
      apiUrl: 'http://127.0.0.1:1/api',
      runId: 7,
      runNumber: 3,
      token: TOKEN,
    },
    baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: workspace },
    node: process.execPath,
    logger: new MemoryLogger(),
    onOutput: (line) => lines.push(line),
  };
}

describe('runWorkflow', () => {
  it('runs jobs in needs order with outputs, env, inputs, called workflows and masked secrets', async () => {
    const lines: string[] = [];
    const opts = options({ version: 'v1.2.3' }, lines);
    const result = await runWorkflow(opts);
    expect(result.conclusion).toBe('success');
    expect(result.jobs.build).toMatchObject({ result: 'success', outputs: { tag: 'v1.2.3-rehearsal' } });
    expect(result.jobs.call).toMatchObject({ result: 'success', outputs: { said: 'hello v1.2.3-rehearsal!' } });
    expect(result.jobs.rescue?.result).toBe('skipped');
    expect(lines).toContain('build=success call=success said=hello v1.2.3-rehearsal!');
    expect(lines).toContain('after built v1.2.3-rehearsal');
    expect(lines).not.toContain('cleanup after failure');
    // The third-party checkout is skipped with a notice that names it.
    const checkout = result.steps.find((s) => s.name.startsWith('actions/checkout'));
    expect(checkout).toMatchObject({ conclusion: 'skipped', note: expect.stringContaining('actions/checkout') });
    expect((opts.logger as MemoryLogger).text('warning')).toContain(
      'actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955 is not a Shipline action',
    );
    // The action got github.token as its default input, and every secret is masked wherever it printed.
    const echo = result.steps.find((s) => s.id === 'act');
    expect(echo?.outputs['token-length']).toBe(String(TOKEN.length));
    expect(echo?.summary).toContain('built v1.2.3-rehearsal');
    const printed = lines.join('\n');
    expect(printed).toContain('token is ***');
    expect(printed).toContain('key=***');
    expect(printed).not.toContain(TOKEN);
    expect(printed).not.toContain(API_KEY);
    expect(printed).toContain(`event is workflow_dispatch, workspace ${workspace}`);
  });

  it('fails the job at a failing step, runs failure() steps and jobs, and skips dependants', async () => {
    const lines: string[] = [];
    const result = await runWorkflow(options({ version: 'v2.0.0', broken: true }, lines));
    expect(result.conclusion).toBe('failure');
    expect(result.jobs.build?.result).toBe('failure');
    expect(result.jobs.call?.result).toBe('skipped');
    expect(result.jobs.rescue?.result).toBe('success');
    expect(lines).toContain('cleanup after failure');
    // `if: <cond>` without a status function means `success() && <cond>`: skipped after the failure.
    expect(lines).not.toContain('after built v2.0.0-rehearsal');
    expect(lines).toContain('rescue');
    expect(lines).toContain('build=failure call=skipped said=');
    expect(result.annotations).toContainEqual({
      level: 'error',
      message: 'echo failed on purpose',
      properties: { file: 'app.ts', line: '3' },
    });
  });

  it('refuses missing required inputs, unknown inputs and events the workflow does not run on', async () => {
    await expect(runWorkflow(options({}, []))).rejects.toThrow(/requires the input "version"/);
    await expect(runWorkflow(options({ version: 'v1', nope: 'x' }, []))).rejects.toThrow(/declares no input "nope"/);
    await expect(runWorkflow({ ...options({ version: 'v1' }, []), eventName: 'push' })).rejects.toThrow(
      /does not run on "push"/,
    );
  });
});
