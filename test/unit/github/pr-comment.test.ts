import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../../emulators/github/index.js';
import { HttpError } from '../../../lib/core/errors.js';
import { stickyMarker, upsertStickyComment } from '../../../lib/github/pr-comment.js';

describe('upsertStickyComment against the GitHub emulator', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  const repo = { owner: 'acme', repo: 'shop' };
  let pr: number;

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    gh.seedRepo({ fullName: 'acme/shop', commits: ['init'] });
    gh.seedToken('ghp_bot', 'acme');
    pr = gh.seedIssue('acme/shop', { title: 'Add checkout', user: 'mia' }).number;
    octokit = new Octokit({ auth: 'ghp_bot', baseUrl: gh.url, log: { debug() {}, info() {}, warn() {}, error() {} } });
  });
  afterAll(async () => {
    await gh?.stop();
  });

  async function comments() {
    const { data } = await octokit.rest.issues.listComments({ ...repo, issue_number: pr });
    return data;
  }

  it('creates one comment, then edits it on every push, never adding a second', async () => {
    gh.seedComment('acme/shop', pr, { body: 'Looks good!', user: 'mia' });
    const first = await upsertStickyComment(octokit, repo, pr, 'vercel-preview', 'Preview: https://a.vercel.app');
    expect(first.action).toBe('created');
    const second = await upsertStickyComment(octokit, repo, pr, 'vercel-preview', 'Preview: https://b.vercel.app');
    expect(second).toMatchObject({ action: 'updated', commentId: first.commentId });
    const third = await upsertStickyComment(octokit, repo, pr, 'vercel-preview', 'Preview: https://b.vercel.app');
    expect(third).toMatchObject({ action: 'unchanged', commentId: first.commentId });
    const all = await comments();
    const sticky = all.filter((c) => c.body?.includes(stickyMarker('vercel-preview')));
    expect(sticky).toHaveLength(1);
    expect(sticky[0]?.body).toBe(`${stickyMarker('vercel-preview')}\nPreview: https://b.vercel.app`);
    expect(all.some((c) => c.body === 'Looks good!')).toBe(true);
  });

  it('keeps separate comments for separate keys and removes duplicates left by concurrent runs', async () => {
    await upsertStickyComment(octokit, repo, pr, 'vercel-preview:admin', 'admin preview');
    gh.seedComment('acme/shop', pr, { body: `${stickyMarker('vercel-preview')}\nraced`, user: 'acme' });
    const result = await upsertStickyComment(octokit, repo, pr, 'vercel-preview', 'Preview: https://c.vercel.app');
    expect(result.removed).toBe(1);
    const all = await comments();
    expect(all.filter((c) => c.body?.startsWith(stickyMarker('vercel-preview')))).toHaveLength(1);
    expect(all.filter((c) => c.body?.startsWith(stickyMarker('vercel-preview:admin')))).toHaveLength(1);
  });

  it('turns an API failure into an api-error instead of posting blindly', async () => {
    const denied = new Octokit({
      auth: 'ghp_unknown',
      baseUrl: gh.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await expect(upsertStickyComment(denied, repo, pr, 'vercel-preview', 'x')).rejects.toBeInstanceOf(HttpError);
    expect(() => stickyMarker('bad key -->')).toThrow(/Invalid sticky comment key/);
  });
});
