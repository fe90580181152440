import { Octokit } from '@octokit/rest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubEmulator, startGitHubEmulator } from '../../emulators/github/index.js';
import { openApiErrors } from './github-openapi.js';

const log = { debug() {}, info() {}, warn() {}, error() {} };

/** Asserts an Octokit response validates against its operation's OpenAPI response schema. */
function conforms(method: string, path: string, res: { status: number; data: unknown }): void {
  expect(openApiErrors(method, path, res.status, res.data), `${method} ${path}`).toEqual([]);
}

describe('GitHub emulator vs @octokit/rest and the OpenAPI description', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  let shas: string[];
  const repo = { owner: 'acme', repo: 'web' };

  beforeAll(async () => {
    gh = await startGitHubEmulator();
    ({ shas } = gh.seedRepo({
      fullName: 'acme/web',
      commits: [
        'init',
        { message: 'feature', files: [{ filename: 'src/a.ts', status: 'added', additions: 3 }] },
        'fix',
      ],
      tags: { 'v1.0.0': 0, 'v1.1.0': 2 },
      workflows: ['deploy.yml', 'rollback.yml'],
    }));
    gh.seedToken('ghp_owner', 'acme');
    gh.setRole('acme/web', 'mia', 'maintain');
    octokit = new Octokit({ auth: 'ghp_owner', baseUrl: gh.url, log });
  });
  afterAll(async () => {
    await gh.stop();
  });

  it('deployments and statuses', async () => {
    const created = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: 'v1.1.0',
      environment: 'production',
      payload: JSON.stringify({ version: '1.1.0' }),
      required_contexts: [],
      auto_merge: false,
      description: 'Release v1.1.0',
    });
    conforms('POST', '/repos/{owner}/{repo}/deployments', created);
    const id = (created.data as { id: number }).id;
    const status = await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: id,
      state: 'success',
      log_url: 'https://example.test/run/1',
      environment_url: 'https://app.example.test',
    });
    conforms('POST', '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses', status);
    conforms(
      'GET',
      '/repos/{owner}/{repo}/deployments',
      await octokit.rest.repos.listDeployments({ ...repo, environment: 'production' }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/deployments/{deployment_id}',
      await octokit.rest.repos.getDeployment({ ...repo, deployment_id: id }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses',
      await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: id }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}',
      await octokit.rest.repos.getDeploymentStatus({ ...repo, deployment_id: id, status_id: status.data.id }),
    );
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id, state: 'inactive' });
    const deleted = await octokit.rest.repos.deleteDeployment({ ...repo, deployment_id: id });
    expect(deleted.status).toBe(204);
  });

  it('issues, comments, labels and reactions', async () => {
    const issue = await octokit.rest.issues.create({
      ...repo,
      title: 'Deploy v1.1.0',
      body: 'tracking',
      labels: ['deploy'],
    });
    conforms('POST', '/repos/{owner}/{repo}/issues', issue);
    const n = issue.data.number;
    conforms(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      await octokit.rest.issues.get({ ...repo, issue_number: n }),
    );
    conforms(
      'PATCH',
      '/repos/{owner}/{repo}/issues/{issue_number}',
      await octokit.rest.issues.update({ ...repo, issue_number: n, state: 'closed' }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/issues',
      await octokit.rest.issues.listForRepo({ ...repo, state: 'all', labels: 'deploy' }),
    );
    conforms(
      'POST',
      '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      await octokit.rest.issues.addLabels({ ...repo, issue_number: n, labels: ['incident'] }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}/labels',
      await octokit.rest.issues.listLabelsOnIssue({ ...repo, issue_number: n }),
    );
    conforms(
      'POST',
      '/repos/{owner}/{repo}/labels',
      await octokit.rest.issues.createLabel({ ...repo, name: 'rollback', color: 'ff0000' }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/labels/{name}',
      await octokit.rest.issues.getLabel({ ...repo, name: 'rollback' }),
    );
    const comment = await octokit.rest.issues.createComment({ ...repo, issue_number: n, body: 'queued' });
    conforms('POST', '/repos/{owner}/{repo}/issues/{issue_number}/comments', comment);
    const cid = comment.data.id;
    conforms(
      'PATCH',
      '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      await octokit.rest.issues.updateComment({ ...repo, comment_id: cid, body: 'done' }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/issues/comments/{comment_id}',
      await octokit.rest.issues.getComment({ ...repo, comment_id: cid }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/issues/{issue_number}/comments',
      await octokit.rest.issues.listComments({ ...repo, issue_number: n }),
    );
    const reaction = await octokit.rest.reactions.createForIssueComment({
      ...repo,
      comment_id: cid,
      content: 'rocket',
    });
    conforms('POST', '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions', reaction);
    conforms(
      'GET',
      '/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions',
      await octokit.rest.reactions.listForIssueComment({ ...repo, comment_id: cid }),
    );
    conforms(
      'POST',
      '/repos/{owner}/{repo}/issues/{issue_number}/reactions',
      await octokit.rest.reactions.createForIssue({ ...repo, issue_number: n, content: 'eyes' }),
    );
  });

  it('collaborator permission', async () => {
    const res = await octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username: 'mia' });
    conforms('GET', '/repos/{owner}/{repo}/collaborators/{username}/permission', res);
    expect(res.data).toMatchObject({ permission: 'write', role_name: 'maintain' });
  });

  it('git refs, tags and commits', async () => {
    const ref = await octokit.rest.git.createRef({ ...repo, ref: 'refs/shipline/locks/production', sha: shas[0]! });
    conforms('POST', '/repos/{owner}/{repo}/git/refs', ref);
    conforms(
      'GET',
      '/repos/{owner}/{repo}/git/ref/{ref}',
      await octokit.rest.git.getRef({ ...repo, ref: 'shipline/locks/production' }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/git/matching-refs/{ref}',
      await octokit.rest.git.listMatchingRefs({ ...repo, ref: 'tags/v1' }),
    );
    conforms(
      'PATCH',
      '/repos/{owner}/{repo}/git/refs/{ref}',
      await octokit.rest.git.updateRef({ ...repo, ref: 'shipline/locks/production', sha: shas[1]! }),
    );
    const tree = await octokit.rest.git.createTree({
      ...repo,
      tree: [{ path: 'lock.json', mode: '100644', type: 'blob', content: '{"holder":"mia"}\n' }],
    });
    conforms('POST', '/repos/{owner}/{repo}/git/trees', tree);
    const commit = await octokit.rest.git.createCommit({
      ...repo,
      message: '{"holder":"mia"}',
      tree: tree.data.sha,
      parents: [shas[2]!],
    });
    conforms('POST', '/repos/{owner}/{repo}/git/commits', commit);
    const tag = await octokit.rest.git.createTag({
      ...repo,
      tag: 'v2.0.0',
      message: 'Release v2.0.0',
      object: shas[2]!,
      type: 'commit',
    });
    conforms('POST', '/repos/{owner}/{repo}/git/tags', tag);
    conforms(
      'GET',
      '/repos/{owner}/{repo}/git/tags/{tag_sha}',
      await octokit.rest.git.getTag({ ...repo, tag_sha: tag.data.sha }),
    );
    expect((await octokit.rest.git.deleteRef({ ...repo, ref: 'shipline/locks/production' })).status).toBe(204);
    conforms(
      'GET',
      '/repos/{owner}/{repo}/commits/{ref}',
      await octokit.rest.repos.getCommit({ ...repo, ref: 'v1.1.0' }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/compare/{basehead}',
      await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: 'v1.0.0...v1.1.0' }),
    );
  });

  it('workflow dispatch and runs', async () => {
    const res = await octokit.rest.actions.createWorkflowDispatch({
      ...repo,
      workflow_id: 'rollback.yml',
      ref: 'main',
      inputs: { version: 'v1.0.0', environment: 'production' },
    });
    expect(res.status).toBe(204);
    expect(gh.state.dispatches('acme/web').at(-1)).toMatchObject({
      workflowId: 'rollback.yml',
      inputs: { version: 'v1.0.0' },
    });
    conforms('GET', '/repos/{owner}/{repo}/actions/runs', await octokit.rest.actions.listWorkflowRunsForRepo(repo));
    const details = await octokit.request('POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', {
      ...repo,
      workflow_id: 'deploy.yml',
      ref: 'main',
      return_run_details: true,
    });
    conforms('POST', '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches', details);
    const runId = (details.data as { workflow_run_id: number }).workflow_run_id;
    conforms('GET', '/repos/{owner}/{repo}/actions/workflows', await octokit.rest.actions.listRepoWorkflows(repo));
    conforms(
      'GET',
      '/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
      await octokit.rest.actions.listWorkflowRuns({ ...repo, workflow_id: 'deploy.yml' }),
    );
    conforms(
      'POST',
      '/repos/{owner}/{repo}/actions/runs/{run_id}/cancel',
      await octokit.rest.actions.cancelWorkflowRun({ ...repo, run_id: runId }),
    );
    conforms(
      'GET',
      '/repos/{owner}/{repo}/actions/runs/{run_id}',
      await octokit.rest.actions.getWorkflowRun({ ...repo, run_id: runId }),
    );
    const missing = await octokit.rest.actions
      .createWorkflowDispatch({ ...repo, workflow_id: 'nope.yml', ref: 'main' })
      .catch((e: { status: number }) => e);
    expect(missing).toMatchObject({ status: 404 });
  });

  it('environments, the authenticated user and the rate limit', async () => {
    await octokit.rest.repos.createDeployment({ ...repo, ref: 'main', environment: 'qa', required_contexts: [] });
    conforms(
      'GET',
      '/repos/{owner}/{repo}/environments/{environment_name}',
      await octokit.rest.repos.getEnvironment({ ...repo, environment_name: 'qa' }),
    );
    conforms('GET', '/repos/{owner}/{repo}/environments', await octokit.rest.repos.getAllEnvironments(repo));
    conforms('GET', '/user', await octokit.rest.users.getAuthenticated());
    const limits = await octokit.rest.rateLimit.get();
    conforms('GET', '/rate_limit', limits);
    expect(limits.headers['x-github-request-id']).toBeTruthy();
  });

  it('app and installation endpoints', async () => {
    const { createAppAuth } = await import('@octokit/auth-app');
    const inst = gh.seedInstallation({ account: 'acme' });
    const appOctokit = new Octokit({
      baseUrl: gh.url,
      authStrategy: createAppAuth,
      auth: { appId: gh.app.id, privateKey: gh.app.privateKey },
    });
    conforms('GET', '/app', await appOctokit.rest.apps.getAuthenticated());
    // The description inlines this list's `account` as allOf(simple-user, enterprise), which no real user account
    // satisfies (GitHub's own answers included); each item is checked against the single-installation operation.
    const list = await appOctokit.rest.apps.listInstallations();
    for (const item of list.data) conforms('GET', '/app/installations/{installation_id}', { status: 200, data: item });
    conforms('GET', '/repos/{owner}/{repo}/installation', await appOctokit.rest.apps.getRepoInstallation(repo));
    const token = await appOctokit.rest.apps.createInstallationAccessToken({ installation_id: inst.id });
    conforms('POST', '/app/installations/{installation_id}/access_tokens', token);
    const asBot = new Octokit({ auth: token.data.token, baseUrl: gh.url });
    const issue = await asBot.rest.issues.create({ ...repo, title: 'Incident' });
    conforms('POST', '/repos/{owner}/{repo}/issues', issue);
    expect(issue.data.user?.login).toBe('shipline[bot]');
    expect(issue.data.performed_via_github_app?.id).toBe(gh.app.id);
  });

  it('errors have GitHub’s shape', async () => {
    const anonymous = new Octokit({ baseUrl: gh.url, log });
    const err = await anonymous.rest.repos
      .listDeployments(repo)
      .catch((e: { status: number; response: { data: unknown } }) => e);
    expect(err).toMatchObject({
      status: 401,
      response: { data: { message: 'Requires authentication', status: '401' } },
    });
    const missing = await octokit.rest.git
      .getRef({ ...repo, ref: 'heads/nope' })
      .catch((e: { response: { data: unknown; status: number } }) => e.response);
    expect(missing.status).toBe(404);
    expect(openApiErrors('GET', '/repos/{owner}/{repo}/git/ref/{ref}', 404, missing.data)).toEqual([]);
    const claim = { ...repo, ref: 'refs/shipline/locks/staging', sha: shas[0]! };
    await octokit.rest.git.createRef(claim);
    const taken = await octokit.rest.git
      .createRef(claim)
      .catch((e: { response: { data: unknown; status: number } }) => e.response);
    expect(taken.status).toBe(422);
    expect(taken.data).toMatchObject({ message: 'Reference already exists' });
    expect(openApiErrors('POST', '/repos/{owner}/{repo}/git/refs', 422, taken.data)).toEqual([]);
  });
});
