import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../../emulators/github/index.js';
import { requestJson } from '../../../../support/http.js';
import { type Caller, startSeeded } from '../helpers.js';

describe('user, rate limit, environments and GitHub’s headers', () => {
  let gh: GitHubEmulator;
  let call: Caller;

  beforeEach(async () => {
    ({ gh, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('GET /user answers the token’s user; installation tokens get 403, no token 401', async () => {
    const me = await call('GET', '/user');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: 'acme', type: 'User', public_repos: 1, two_factor_authentication: true });
    expect((await call('GET', '/user', undefined, null)).status).toBe(401);
    const inst = gh.seedInstallation({ account: 'acme' });
    gh.state.installationTokens.set('ghs_test', { installationId: inst.id, expiresAt: new Date(Date.now() + 60_000) });
    const asBot = await call('GET', '/user', undefined, 'ghs_test');
    expect(asBot.status).toBe(403);
    expect(asBot.body.message).toBe('Resource not accessible by integration');
  });

  it('counts requests per identity in x-ratelimit-* and /rate_limit (which is free), and refuses when used up', async () => {
    const first = await call('GET', '/repos/acme/web');
    expect(first.headers.get('x-ratelimit-limit')).toBe('5000');
    const used = Number(first.headers.get('x-ratelimit-used'));
    const second = await call('GET', '/repos/acme/web');
    expect(Number(second.headers.get('x-ratelimit-used'))).toBe(used + 1);
    expect(Number(second.headers.get('x-ratelimit-remaining'))).toBe(5000 - used - 1);
    expect(Number(second.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
    expect(second.headers.get('x-ratelimit-resource')).toBe('core');
    const limits = await call('GET', '/rate_limit');
    expect(limits.body.resources.core).toMatchObject({ limit: 5000, used: used + 1 });
    expect(limits.body.rate).toEqual(limits.body.resources.core);
    expect((await call('GET', '/rate_limit')).body.rate.used).toBe(used + 1);
    const anonymous = await call('GET', '/repos/acme/web', undefined, null);
    expect(anonymous.headers.get('x-ratelimit-limit')).toBe('60');

    gh.rateLimits.limits.user = used + 2;
    expect((await call('GET', '/repos/acme/web')).status).toBe(200);
    const refused = await call('GET', '/repos/acme/web');
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/^API rate limit exceeded/);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('puts a request id on every answer and an etag on JSON GETs, with 304 for a matching If-None-Match', async () => {
    const a = await call('GET', '/repos/acme/web');
    const b = await call('GET', '/repos/acme/web');
    expect(a.headers.get('x-github-request-id')).toMatch(
      /^[0-9A-F]{4}:[0-9A-F]{6}:[0-9A-F]{8}:[0-9A-F]{8}:[0-9A-F]{8}$/,
    );
    expect(a.headers.get('x-github-request-id')).not.toBe(b.headers.get('x-github-request-id'));
    const etag = a.headers.get('etag');
    expect(etag).toMatch(/^W\/"[0-9a-f]+"$/);
    expect(b.headers.get('etag')).toBe(etag);
    const usedBefore = Number(b.headers.get('x-ratelimit-used'));
    const cached = await requestJson(gh.url, 'GET', '/repos/acme/web', undefined, 't-acme', {
      scheme: 'token',
      headers: { 'if-none-match': etag! },
    });
    expect(cached.status).toBe(304);
    expect(Number(cached.headers.get('x-ratelimit-used'))).toBe(usedBefore);
    await call('POST', '/repos/acme/web/issues', { title: 'changed' });
    const changed = await requestJson(gh.url, 'GET', '/repos/acme/web', undefined, 't-acme', {
      scheme: 'token',
      headers: { 'if-none-match': etag! },
    });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await call('GET', '/repos/acme/web/nope')).headers.get('x-github-request-id')).toBeTruthy();
  });

  it('tells a path no endpoint serves from a missing resource, as GitHub’s documentation link does', async () => {
    const unrouted = await call('GET', '/repos/acme/web/no-such-endpoint');
    expect(unrouted.status).toBe(404);
    expect(unrouted.body).toEqual({
      message: 'Not Found',
      documentation_url: 'https://docs.github.com/rest',
      status: '404',
    });
    expect(unrouted.headers.get('x-emulator-reason')).toBe('no route for GET /repos/acme/web/no-such-endpoint');
    const missing = await call('GET', '/repos/acme/nope');
    expect(missing.status).toBe(404);
    expect(missing.body.message).toBe('Not Found');
    expect(missing.body.documentation_url).toBe('https://docs.github.com/rest/repos/repos#get-a-repository');
    expect(missing.headers.get('x-emulator-reason')).toBeNull();
    // other errors from an endpoint link its page too; a credential failure keeps the generic link
    await call('POST', '/repos/acme/web/git/refs', {
      ref: 'refs/heads/x',
      sha: gh.state.repo('acme/web').refs.get('refs/heads/main'),
    });
    const taken = await call('POST', '/repos/acme/web/git/refs', {
      ref: 'refs/heads/x',
      sha: gh.state.repo('acme/web').refs.get('refs/heads/main'),
    });
    expect(taken.body).toMatchObject({
      message: 'Reference already exists',
      documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference',
    });
    expect((await call('GET', '/repos/acme/web', undefined, 'bad-token')).body.documentation_url).toBe(
      'https://docs.github.com/rest',
    );
  });

  it('environments exist once deployed to or seeded', async () => {
    expect((await call('GET', '/repos/acme/web/environments/production')).status).toBe(404);
    await call('POST', '/repos/acme/web/deployments', { ref: 'main', environment: 'production' });
    gh.seedEnvironment('acme/web', 'staging', {
      protectionRules: [{ id: 1, node_id: 'GA_1', type: 'wait_timer', wait_timer: 5 }],
    });
    const prod = await call('GET', '/repos/acme/web/environments/production');
    expect(prod.body).toMatchObject({ name: 'production', protection_rules: [], deployment_branch_policy: null });
    expect((await call('GET', '/repos/acme/web/environments/staging')).body.protection_rules[0].type).toBe(
      'wait_timer',
    );
    const list = await call('GET', '/repos/acme/web/environments');
    expect(list.body.total_count).toBe(2);
  });
});
