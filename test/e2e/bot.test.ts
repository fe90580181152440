/**
 * The root action's bundle, built fresh into a temp folder (node scripts/build.mjs <tmp> bot) and run the way the
 * runner runs `uses: shipline@v1` on an issue_comment event: GITHUB_EVENT_PATH, GITHUB_EVENT_NAME, the workflow's
 * token, GITHUB_API_URL at the GitHub emulator. SHIPLINE_TEST_DIST reuses a folder that already holds the bundle.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';
import { repoRoot, runAction } from '../support/runner.js';

const REPO = 'acme/web';
let distDir: string;
let gh: GitHubEmulator;

beforeAll(async () => {
  distDir = process.env.SHIPLINE_TEST_DIST ?? mkdtempSync(join(tmpdir(), 'shipline-bot-dist-'));
  if (!existsSync(join(distDir, 'bot', 'index.js'))) {
    await promisify(execFile)(process.execPath, [join(repoRoot, 'scripts', 'build.mjs'), distDir, 'bot'], {
      cwd: repoRoot,
    });
  }
  gh = await startGitHubEmulator();
  gh.seedRepo({
    fullName: REPO,
    commits: ['one', 'two'],
    tags: { 'v1.0.0': 1 },
    workflows: ['deploy.yml', 'rollback.yml'],
  });
  gh.seedToken('ghs_workflow_token', 'github-actions');
  gh.setRole(REPO, 'github-actions', 'write');
  gh.setRole(REPO, 'ops', 'admin');
  gh.seedIssue(REPO, { title: 'Ops', user: 'ops' });
}, 600_000);

afterAll(async () => {
  await gh?.stop();
  if (distDir && !process.env.SHIPLINE_TEST_DIST) rmSync(distDir, { recursive: true, force: true });
});

/** Runs the bundle on an issue_comment.created event for a new comment by `user`. */
async function onComment(body: string, user: string, env: Record<string, string> = {}) {
  const comment = gh.seedComment(REPO, 1, { body, user });
  const event = gh.issueCommentCreatedPayload({ repo: REPO, issueNumber: 1, commentId: comment.id });
  const run = await runAction('bot', {
    distDir,
    eventName: 'issue_comment',
    event,
    inputs: { 'github-token': 'ghs_workflow_token' },
    env: { GITHUB_API_URL: gh.url, GITHUB_REPOSITORY: REPO, ...env },
  });
  const reply = gh.state.repo(REPO).comments.find((c) => c.body.startsWith(`<!-- shipline:reply-to=${comment.id} -->`));
  return { run, comment, reply: reply?.body ?? '' };
}

describe('root action (dist/bot) on an issue_comment event', () => {
  it('points action.yml at the bundle on node24 with the inputs the adapter reads', () => {
    const yml = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as {
      runs: { using: string; main: string };
      inputs: Record<string, unknown>;
      outputs: Record<string, unknown>;
    };
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/bot/index.js' });
    expect(Object.keys(yml.inputs)).toEqual(['github-token', 'rollback-workflow', 'deploy-workflow']);
    expect(Object.keys(yml.outputs)).toEqual(['result']);
  });

  it('locks an environment for an admin, replying as the workflow token, and masks the token', async () => {
    const { run, comment, reply } = await onComment('/lock production --reason "db upgrade"', 'ops');
    expect(run.exitCode, run.stdout + run.stderr).toBe(0);
    expect(run.outputs.result).toBe('success');
    expect(reply).toContain('`production` is locked by @ops ("db upgrade")');
    expect(comment.reactions.map((r) => r.content)).toEqual(['eyes', 'rocket']);
    expect(gh.state.repo(REPO).refs.has('refs/shipline/locks/production')).toBe(true);
    expect(run.masks).toContain('ghs_workflow_token');
    expect(run.visible).not.toContain('ghs_workflow_token');
  });

  it('refuses a reader with a reply, without failing the step', async () => {
    gh.setRole(REPO, 'reader', 'read');
    const { run, reply } = await onComment('/unlock production', 'reader');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('refused');
    expect(reply).toContain('permission-denied');
  });

  it('ignores comments that are not commands', async () => {
    const { run, reply } = await onComment('LGTM', 'ops');
    expect(run.exitCode).toBe(0);
    expect(run.outputs.result).toBe('ignored');
    expect(reply).toBe('');
  });

  it('fails the step clearly without an event', async () => {
    const run = await runAction('bot', { distDir, env: { GITHUB_EVENT_PATH: '' } });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.map((a) => a.message).join('\n')).toContain('GITHUB_EVENT_NAME and GITHUB_EVENT_PATH');
  });
});
