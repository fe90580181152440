import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  changedFunctions,
  changedMigrations,
  PLAN_MARKER,
  readDeploymentIssue,
  tickChecklist,
} from '../../../lib/chatops/deployment-issue.js';
import { defaultConfig, parseConfig } from '../../../lib/config/loader.js';
import { createLedgerDeployment, setLedgerStatus } from '../../../lib/github/ledger.js';
import { type Harness, REPO, repoRef, startHarness } from '../bot/harness.js';

describe('reading a deployment issue', () => {
  it.each([
    ['Deploy v1.3.0 to production', [], { kind: 'target', version: 'v1.3.0', environment: 'production' }],
    [
      'Deploy v2.0.0-rc.1 to staging',
      ['deployment'],
      { kind: 'target', version: 'v2.0.0-rc.1', environment: 'staging' },
    ],
    ['Deploy 1.3.0 to production', [], { kind: 'not-deployment' }],
    ['deploy v1.3.0 to production', [], { kind: 'not-deployment' }],
    ['Release train', ['Deployment'], { kind: 'unreadable' }],
  ])('%s %j', (title, labels, expected) => {
    expect(readDeploymentIssue(title, labels)).toMatchObject(expected);
  });

  it('finds migrations and edge functions in the changed files, honouring the configured folders', () => {
    const files = [
      'supabase/migrations/20240101_a.sql',
      'supabase/migrations/nested/x.sql',
      'supabase/functions/pay/index.ts',
      'supabase/functions/_shared/db.ts',
      'supabase/functions/readme.md',
      'db/migrations/20240102_b.sql',
    ];
    expect(changedMigrations(defaultConfig(), files)).toEqual(['supabase/migrations/20240101_a.sql']);
    expect(changedFunctions(defaultConfig(), files)).toEqual(['_shared', 'pay']);
    const custom = parseConfig('version: 1\nsupabase:\n  migrations-dir: db/migrations\n');
    expect(changedMigrations(custom, files)).toEqual(['db/migrations/20240102_b.sql']);
  });

  it('ticks the phases before the current one, marks the failed one, ticks all on success', () => {
    const body = [
      '- [ ] **validate**: x',
      '- [ ] **migrate**',
      '- [ ] **deploy-edge**',
      '- [ ] **stage**',
      '- [ ] **done**',
      '- [ ] other',
    ].join('\n');
    expect(tickChecklist(body, 'deploy-edge', 'in_progress')).toBe(
      [
        '- [x] **validate**: x',
        '- [x] **migrate**',
        '- [ ] **deploy-edge**',
        '- [ ] **stage**',
        '- [ ] **done**',
        '- [ ] other',
      ].join('\n'),
    );
    expect(tickChecklist(body, 'deploy-edge', 'failure')).toContain('- [ ] ❌ **deploy-edge**');
    expect(tickChecklist(tickChecklist(body, 'deploy-edge', 'failure'), 'done', 'success')).toBe(
      [
        '- [x] **validate**: x',
        '- [x] **migrate**',
        '- [x] **deploy-edge**',
        '- [x] **stage**',
        '- [x] **done**',
        '- [ ] other',
      ].join('\n'),
    );
  });
});

describe('a deployment issue through the hosted bot', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.release('v1.0.0', h.shas[1]!, 'production');
  });
  afterAll(() => h.stop());

  /** Delivers `issues.<action>` for issue `number`, shaped like GitHub's. */
  async function issueEvent(number: number, action: string, extra: Record<string, unknown> = {}) {
    const comment = h.gh.seedComment(REPO, number, { body: 'seed', user: 'acme' });
    const { comment: _c, ...base } = h.gh.issueCommentCreatedPayload({
      repo: REPO,
      issueNumber: number,
      commentId: comment.id,
    });
    const result = await h.gh.deliverWebhook({
      url: h.bot.url,
      event: 'issues',
      payload: { ...base, action, ...extra },
    });
    await h.settle();
    return result;
  }
  const plan = (number: number) =>
    h.gh.state.repo(REPO).comments.find((c) => c.issueNumber === number && c.body.startsWith(PLAN_MARKER))?.body ?? '';

  it('posts the plan, ticks the checklist as statuses arrive and closes the issue on success', async () => {
    const issue = h.gh.seedIssue(REPO, { title: 'Deploy v1.3.0 to production', user: 'acme', labels: ['deployment'] });
    expect((await issueEvent(issue.number, 'opened')).status).toBe(200);
    const text = plan(issue.number);
    expect(text).toContain('Plan: v1.3.0 to `production`');
    expect(text).toContain('**Now live:** v1.0.0');
    expect(text).toContain('Commits since v1.0.0 (3)');
    expect(text).toContain('db: add orders');
    expect(text).toContain('`supabase/migrations/20240101000000_orders.sql`');
    expect(text).toContain('- `checkout`');
    expect(text).toContain('- [ ] **validate**: migration lint');
    expect(text).toContain('`/deploy v1.3.0 to production`');
    expect(text).toContain('`/rollback v1.0.0 to production --reason "..."`');

    // The deploy workflow records the release and reports its phases.
    const entry = await createLedgerDeployment(h.admin, repoRef, {
      environment: 'production',
      production: true,
      transient: false,
      payload: {
        schema: 1,
        kind: 'deploy',
        version: 'v1.3.0',
        sha: h.shas[4]!,
        vercel: { projectId: 'prj', deploymentId: 'dpl_130', url: 'web-130.vercel.app' },
        edge: {},
        migrations: { head: '20240101000000' },
        requestedBy: 'acme',
        reason: '',
        source: 'https://github.com/acme/web/actions/runs/9',
      },
    });
    await setLedgerStatus(h.admin, repoRef, entry.deploymentId, {
      state: 'in_progress',
      phase: 'smoke-staged',
      detail: 'round 1',
    });
    await h.settle();
    const midway = plan(issue.number);
    for (const done of ['validate', 'migrate', 'deploy-edge', 'stage']) expect(midway).toContain(`- [x] **${done}**`);
    expect(midway).toContain('- [ ] **smoke-staged**');
    expect(h.gh.state.issue(h.gh.state.repo(REPO), issue.number).state).toBe('open');

    await setLedgerStatus(h.admin, repoRef, entry.deploymentId, { state: 'success', phase: 'done' });
    await h.settle();
    expect(plan(issue.number)).not.toContain('- [ ]');
    expect(h.gh.state.issue(h.gh.state.repo(REPO), issue.number).state).toBe('closed');
  });

  it('asks for a readable title when a labelled issue does not say what to deploy', async () => {
    const issue = h.gh.seedIssue(REPO, { title: 'Ship it', user: 'acme', labels: ['deployment'] });
    await issueEvent(issue.number, 'labeled', { label: { name: 'deployment' } });
    expect(plan(issue.number)).toContain('Title it `Deploy vX.Y.Z to <env>`');
  });

  it('ignores other issues', async () => {
    const issue = h.gh.seedIssue(REPO, { title: 'Bug: cart', user: 'acme' });
    await issueEvent(issue.number, 'opened');
    expect(plan(issue.number)).toBe('');
  });
});
