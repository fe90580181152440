import { createSign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../emulators/github/index.js';
import { type Caller, startSeeded } from './helpers.js';

function jwt(privateKey: string, claims: Record<string, unknown>): string {
  const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const head = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
  return `${head}.${createSign('RSA-SHA256').update(head).sign(privateKey, 'base64url')}`;
}

describe('GitHub emulator auth', () => {
  let gh: GitHubEmulator;
  let call: Caller;

  beforeEach(async () => {
    ({ gh, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('answers unauthenticated and bad tokens with 401 in GitHub’s shape', async () => {
    const none = await call('GET', '/repos/acme/web/deployments', undefined, null);
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest',
      status: '401',
    });
    expect((await call('GET', '/repos/acme/web/deployments', undefined, 'wrong')).body.message).toBe('Bad credentials');
    const bearer = await fetch(`${gh.url}/repos/acme/web`, { headers: { authorization: 'Bearer t-acme' } });
    expect(bearer.status).toBe(200);
  });

  it('hides private repositories from strangers (404)', async () => {
    gh.seedRepo({ fullName: 'acme/secret', private: true });
    gh.seedToken('t-eve', 'eve');
    expect((await call('GET', '/repos/acme/secret/deployments', undefined, 't-eve')).status).toBe(404);
  });

  it('verifies the app JWT signature and lifetime and issues installation tokens', async () => {
    const inst = gh.seedInstallation({ account: 'acme', repositories: ['acme/web'] });
    const now = Math.floor(Date.now() / 1000);
    const good = jwt(gh.app.privateKey, { iss: gh.app.id, iat: now - 30, exp: now + 300 });
    const app = await call('GET', '/app', undefined, good);
    expect(app.body).toMatchObject({ id: gh.app.id, slug: 'shipline' });
    const { generateKeyPairSync } = await import('node:crypto');
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs1',
      format: 'pem',
    });
    expect(
      (await call('GET', '/app', undefined, jwt(String(other), { iss: gh.app.id, iat: now, exp: now + 60 }))).status,
    ).toBe(401);
    expect(
      (await call('GET', '/app', undefined, jwt(gh.app.privateKey, { iss: gh.app.id, iat: now - 900, exp: now - 300 })))
        .status,
    ).toBe(401);
    expect(
      (await call('GET', '/app', undefined, jwt(gh.app.privateKey, { iss: 999, iat: now, exp: now + 60 }))).status,
    ).toBe(401);
    expect((await call('GET', '/app', undefined, 't-acme')).status).toBe(401);

    const token = await call('POST', `/app/installations/${inst.id}/access_tokens`, {}, good);
    expect(token.status).toBe(201);
    expect(token.body.token).toMatch(/^ghs_[A-Za-z0-9]{36}$/);
    expect(token.body).toMatchObject({ repository_selection: 'selected' });
    expect((await call('GET', '/repos/acme/web/installation', undefined, good)).body.id).toBe(inst.id);
    const asBot = await call('POST', '/repos/acme/web/issues', { title: 'from bot' }, token.body.token);
    expect(asBot.body.user).toMatchObject({ login: 'shipline[bot]', type: 'Bot' });
    gh.seedRepo({ fullName: 'acme/other' });
    expect((await call('GET', '/repos/acme/other/issues', undefined, token.body.token)).status).toBe(403);
  });

  it('holds an installation to its app permissions: 403 where the permission is missing or read-only', async () => {
    const inst = gh.seedInstallation({
      account: 'acme',
      permissions: { metadata: 'read', issues: 'write', deployments: 'read' },
    });
    gh.state.installationTokens.set('ghs_narrow', {
      installationId: inst.id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const as = (method: string, path: string, body?: unknown) => call(method, path, body, 'ghs_narrow');
    expect((await as('GET', '/repos/acme/web')).status).toBe(200);
    expect((await as('POST', '/repos/acme/web/issues', { title: 'incident' })).status).toBe(201);
    expect((await as('GET', '/repos/acme/web/deployments')).status).toBe(200);
    const create = await as('POST', '/repos/acme/web/deployments', { ref: 'main' });
    expect(create.status).toBe(403);
    expect(create.body.message).toBe('Resource not accessible by integration');
    expect(
      (await as('POST', '/repos/acme/web/git/refs', { ref: 'refs/shipline/locks/x', sha: 'a'.repeat(40) })).status,
    ).toBe(403);
    expect((await as('GET', '/repos/acme/web/git/matching-refs/shipline')).status).toBe(403);
    expect((await as('POST', '/repos/acme/web/actions/workflows/deploy.yml/dispatches', { ref: 'main' })).status).toBe(
      403,
    );
  });
});
