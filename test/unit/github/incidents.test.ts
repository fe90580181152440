import type { Octokit } from '@octokit/rest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GitHubEmulator } from '../../../emulators/github/index.js';
import {
  findOpenIncident,
  type IncidentFacts,
  incidentMarker,
  renderIncident,
  reportIncident,
} from '../../../lib/github/incidents.js';
import type { RepoRef } from '../../../lib/github/repo.js';
import { startLedgerRepo } from './helpers.js';

const facts = (over: Partial<IncidentFacts> = {}): IncidentFacts => ({
  environment: 'production',
  version: 'v2.0.0',
  sha: 'abcdef0123456789abcdef0123456789abcdef01',
  trigger: { reason: 'smoke-failed', message: 'smoke failed on production.' },
  smoke: { verdict: 'fail', errorRate: 0.5, p95: 42.4, samples: 4, errors: 2, reasons: ['error-rate-exceeded: 50 %'] },
  timeline: {
    detected: '2026-11-29T10:00:00.000Z',
    rollbackStarted: '2026-11-29T10:00:01.250Z',
    restored: '2026-11-29T10:00:03.500Z',
  },
  runUrl: 'https://github.com/acme/web/actions/runs/9',
  failedDeployment: { ledgerId: 12, url: 'https://web-v2.vercel.app' },
  restored: { version: 'v1.0.0', ledgerId: 13, url: 'https://web-v1.vercel.app' },
  resolution: 'Shipline rolled production back to v1.0.0.',
  migrations: 'Database: migrations after 1 up to 2 stay applied.',
  ...over,
});

describe('incident template', () => {
  it('fills the postmortem headings with the release, trigger, smoke numbers, timeline, duration and links', () => {
    const body = renderIncident(facts(), { projectName: 'Shop' });
    expect(body.startsWith(incidentMarker('v2.0.0', 'production'))).toBe(true);
    const headings = body.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## Summary',
      '## Impact',
      '## Timeline',
      '## Root cause',
      '## Resolution',
      '## Action items',
    ]);
    expect(body).toContain('Shop v2.0.0 (abcdef0) failed in `production`: smoke failed on production.');
    expect(body).toContain('error rate 50.0 %, 2 of 4 requests failed, p95 42 ms');
    expect(body).toContain('| 2026-11-29 10:00:00Z | Failure detected (smoke-failed) |');
    expect(body).toContain('| 2026-11-29 10:00:01Z | Rollback started |');
    expect(body).toContain('| 2026-11-29 10:00:03Z | Production restored to v1.0.0 |');
    expect(body).toContain('Duration from detection to restore: **3.5 s**.');
    expect(body).toContain('[deployment](https://web-v2.vercel.app)');
    expect(body).toContain('[deployment](https://web-v1.vercel.app)');
    expect(body).toContain('(https://github.com/acme/web/actions/runs/9)');
    expect(body).toContain('stay applied');
  });

  it('says production was not switched when there was no rollback', () => {
    const body = renderIncident(facts({ restored: undefined, timeline: { detected: '2026-11-29T10:00:00.000Z' } }));
    expect(body).toContain('Production was not switched to v2.0.0');
    expect(body).not.toContain('Rollback started');
    expect(body).not.toContain('Duration');
  });
});

describe('reportIncident against the GitHub emulator', () => {
  let gh: GitHubEmulator;
  let octokit: Octokit;
  let repo: RepoRef;
  beforeEach(async () => {
    ({ gh, octokit, repo } = await startLedgerRepo());
  });
  afterEach(async () => {
    await gh.stop();
  });

  it('opens one issue per release and environment; a recurrence comments; another release or environment opens anew', async () => {
    const options = { labels: ['incident'], assignees: [] };
    const first = await reportIncident(octokit, repo, facts(), options);
    expect(first.action).toBe('opened');
    const issues = () => gh.state.repo('acme/web').issues;
    expect(issues()[0]).toMatchObject({ labels: ['incident'], title: expect.stringContaining('v2.0.0') });

    const again = await reportIncident(octokit, repo, facts(), options);
    expect(again).toMatchObject({ action: 'commented', number: first.number });
    expect(issues()).toHaveLength(1);

    expect((await reportIncident(octokit, repo, facts({ version: 'v2.0.1' }), options)).action).toBe('opened');
    expect((await reportIncident(octokit, repo, facts({ environment: 'staging' }), options)).action).toBe('opened');
    expect(issues()).toHaveLength(3);

    // Closed incidents are history: the next failure opens a new one.
    await octokit.rest.issues.update({ ...repo, issue_number: first.number, state: 'closed' });
    expect(await findOpenIncident(octokit, repo, 'v2.0.0', 'production')).toBeUndefined();
    expect((await reportIncident(octokit, repo, facts(), options)).action).toBe('opened');
  });
});
