import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../emulators/github/index.js';
import { HttpError } from '../../../lib/core/errors.js';
import { apiError, call, errorMessage, errorStatus, type RepoRef, repoName } from '../../../lib/github/repo.js';
import { startLedgerRepo } from './helpers.js';

const log = { debug() {}, info() {}, warn() {}, error() {} };

describe('GitHub call errors', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  let repo: RepoRef;

  beforeEach(async () => {
    ({ gh, octokit, repo } = await startLedgerRepo());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('turns GitHub’s answer into an api-error with its status, its message and a hint that fits', async () => {
    const missing = await call('read the repository', { owner: 'acme', repo: 'nope' }, () =>
      octokit.rest.repos.get({ owner: 'acme', repo: 'nope' }),
    ).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(HttpError);
    expect(missing).toMatchObject({ code: 'api-error', status: 404 });
    expect((missing as HttpError).message).toBe(
      'Could not read the repository in acme/nope: GitHub answered 404: Not Found.',
    );
    expect((missing as HttpError).hint).toMatch(/deployments: write/);
    expect((missing as HttpError).url).toMatch(/\/repos\/acme\/nope$/);

    const anonymous = new Octokit({ auth: 'wrong', baseUrl: gh.url, log });
    const denied = await call('read', repo, () => anonymous.rest.repos.get({ ...repo })).catch((e: unknown) => e);
    expect(denied).toMatchObject({ status: 401, message: expect.stringContaining('Bad credentials') });
    expect((denied as HttpError).hint).toMatch(/token is missing or invalid/);

    gh.server.faults.add({ path: '/repos/acme/web', status: 503, times: 1 });
    const down = await call('read', repo, () => octokit.rest.repos.get({ ...repo })).catch((e: unknown) => e);
    expect((down as HttpError).hint).toMatch(/GitHub had a problem/);
    expect((await call('read', repo, () => octokit.rest.repos.get({ ...repo }))).status).toBe(200);
  });

  it('says GitHub could not be reached when there is no answer at all', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = new Octokit({ auth: 't-acme', baseUrl: `http://127.0.0.1:${port}`, log });
    const error = await call('list deployments', repo, () => offline.rest.repos.listDeployments({ ...repo })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'api-error', status: undefined });
    expect((error as Error).message).toMatch(/^Could not list deployments in acme\/web: could not reach GitHub/);
    expect((error as HttpError).hint).toMatch(/network/);
  });

  it('keeps an api-error as it is and reads status and message from anything', () => {
    const original = new HttpError('api-error', 'first', { url: 'u', status: 500 });
    expect(apiError('again', repo, original)).toBe(original);
    expect(errorStatus({ status: 409 })).toBe(409);
    expect(errorStatus(new Error('x'))).toBeUndefined();
    expect(errorMessage({ response: { data: { message: 'Reference already exists' } } })).toBe(
      'Reference already exists',
    );
    expect(errorMessage('plain')).toBe('plain');
    expect(repoName(repo)).toBe('acme/web');
  });
});
