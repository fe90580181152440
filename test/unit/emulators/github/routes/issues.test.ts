import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../../../emulators/github/index.js';
import { type Caller, startSeeded } from '../helpers.js';

describe('issue, comment and reaction routes', () => {
  let gh: GitHubEmulator;
  let call: Caller;
  const issues = '/repos/acme/web/issues';

  beforeEach(async () => {
    ({ gh, call } = await startSeeded());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('creates, filters and updates issues (no pull_request key)', async () => {
    const a = (await call('POST', issues, { title: 'Deploy v1', labels: ['deployment', 'production'] })).body;
    await call('POST', issues, { title: 'Incident', labels: ['incident'] });
    expect(a).toMatchObject({ number: 1, state: 'open', labels: [{ name: 'deployment' }, { name: 'production' }] });
    expect(a).not.toHaveProperty('pull_request');
    expect(
      (await call('GET', `${issues}?labels=deployment,production`)).body.map((i: { number: number }) => i.number),
    ).toEqual([1]);
    expect((await call('GET', `${issues}?labels=incident`)).body.map((i: { number: number }) => i.number)).toEqual([2]);
    const closed = await call('PATCH', `${issues}/2`, { state: 'closed', labels: ['incident', 'resolved'] });
    expect(closed.body).toMatchObject({ state: 'closed', state_reason: 'completed', closed_by: { login: 'acme' } });
    expect((await call('GET', issues)).body).toHaveLength(1);
    expect((await call('GET', `${issues}?state=closed`)).body[0].labels.map((l: { name: string }) => l.name)).toEqual([
      'incident',
      'resolved',
    ]);
    expect((await call('GET', `${issues}?state=all`)).body).toHaveLength(2);
    expect((await call('POST', issues, { body: 'no title' })).status).toBe(422);
    expect((await call('GET', `${issues}/9`)).status).toBe(404);
  });

  it('manages labels on an issue', async () => {
    await call('POST', issues, { title: 'x' });
    await call('POST', `${issues}/1/labels`, { labels: ['a', 'b'] });
    expect((await call('GET', `${issues}/1/labels`)).body.map((l: { name: string }) => l.name)).toEqual(['a', 'b']);
    await call('DELETE', `${issues}/1/labels/a`);
    expect(
      (await call('PUT', `${issues}/1/labels`, { labels: ['c'] })).body.map((l: { name: string }) => l.name),
    ).toEqual(['c']);
    expect((await call('GET', '/repos/acme/web/labels')).body.map((l: { name: string }) => l.name)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('creates, edits, lists and gets comments; counts them on the issue', async () => {
    await call('POST', issues, { title: 'x' });
    const c = (await call('POST', `${issues}/1/comments`, { body: 'Rollback queued' })).body;
    expect(c.issue_url).toMatch(/\/issues\/1$/);
    expect((await call('PATCH', `${issues}/comments/${c.id}`, { body: 'Rollback done' })).body.body).toBe(
      'Rollback done',
    );
    expect((await call('GET', `${issues}/comments/${c.id}`)).body.body).toBe('Rollback done');
    expect((await call('GET', `${issues}/1/comments`)).body).toHaveLength(1);
    expect((await call('GET', `${issues}/1`)).body.comments).toBe(1);
    expect((await call('GET', `${issues}/comments/1`)).status).toBe(404);
  });

  it('reacts to comments and issues; a repeated reaction answers 200 with the same one', async () => {
    await call('POST', issues, { title: 'x' });
    const c = (await call('POST', `${issues}/1/comments`, { body: '/rollback' })).body;
    const first = await call('POST', `${issues}/comments/${c.id}/reactions`, { content: 'eyes' });
    expect(first.status).toBe(201);
    const again = await call('POST', `${issues}/comments/${c.id}/reactions`, { content: 'eyes' });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    await call('POST', `${issues}/comments/${c.id}/reactions`, { content: 'rocket' });
    expect((await call('POST', `${issues}/comments/${c.id}/reactions`, { content: 'party' })).status).toBe(422);
    expect((await call('GET', `${issues}/comments/${c.id}/reactions?content=rocket`)).body).toHaveLength(1);
    expect((await call('GET', `${issues}/comments/${c.id}`)).body.reactions).toMatchObject({
      total_count: 2,
      eyes: 1,
      rocket: 1,
    });
    expect((await call('POST', `${issues}/1/reactions`, { content: 'confused' })).status).toBe(201);
    expect((await call('GET', `${issues}/1`)).body.reactions.confused).toBe(1);
  });
});
