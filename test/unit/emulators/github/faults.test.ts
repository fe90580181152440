import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../emulators/github/index.js';
import { startSeeded } from './helpers.js';

describe('GitHub emulator faults', () => {
  let gh: GitHubEmulator;
  beforeEach(async () => {
    ({ gh } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('answers an injected 5xx in GitHub’s error shape, then recovers', async () => {
    gh.server.faults.add({ method: 'POST', path: '/repos/acme/web/git/refs', status: 502, times: 1 });
    const octokit = new Octokit({
      auth: 't-acme',
      baseUrl: gh.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    const claim = () =>
      octokit.rest.git.createRef({
        owner: 'acme',
        repo: 'web',
        ref: 'refs/locks/prod',
        sha: gh.state.resolveRef(gh.state.repo('acme/web'), 'main')!,
      });
    const failed = await claim().catch((e: { status: number; response: { data: unknown } }) => e);
    expect(failed).toMatchObject({
      status: 502,
      response: { data: { status: '502', documentation_url: 'https://docs.github.com/rest' } },
    });
    expect((await claim()).status).toBe(201);
    expect(gh.server.requests.count('POST /repos/:owner/:repo/git/refs')).toBe(2);
  });
});
