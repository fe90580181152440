import { describe, expect, it } from 'vitest';
import { type DeployFinishedTrigger, smokeFromReport, tripped } from '../../../lib/rollback/auto.js';

const finished = (over: Partial<DeployFinishedTrigger> = {}): DeployFinishedTrigger => ({
  kind: 'deploy-finished',
  environment: 'production',
  migrate: 'success',
  deploy: 'success',
  smokeVerdict: 'pass',
  promoted: true,
  auto: true,
  ...over,
});

describe('tripped: what the finisher reacts to', () => {
  it('is nothing when every step that ran passed', () => {
    expect(tripped(finished())).toBeUndefined();
    expect(tripped(finished({ smokeVerdict: '', promoted: false, deploy: 'skipped' }))).toBeUndefined();
  });

  it('names the first failure in step order, and the phase to record', () => {
    expect(tripped(finished({ migrate: 'failure', smokeVerdict: 'fail' }))).toMatchObject({
      reason: 'migrate-failed',
      phase: 'migrate',
    });
    expect(tripped(finished({ deploy: 'cancelled' }))).toMatchObject({ reason: 'stage-failed', phase: 'stage' });
    expect(tripped(finished({ smokeVerdict: 'fail' }))).toMatchObject({
      reason: 'smoke-failed',
      phase: 'smoke-production',
    });
    expect(tripped(finished({ smokeVerdict: 'fail', promoted: false }))).toMatchObject({ phase: 'smoke-staged' });
    expect(tripped(finished({ smokeVerdict: 'inconclusive' }))).toMatchObject({ reason: 'too-few-answers' });
  });
});

describe('smokeFromReport', () => {
  it('reads the numbers of the smoke action’s report output', () => {
    const report = JSON.stringify({
      verdict: 'fail',
      reasons: [{ code: 'error-rate-exceeded', message: 'health: 2 of 2 failed' }],
      overall: { errorRate: 0.5, p95: 12.5, samples: 4, errors: 2 },
    });
    expect(smokeFromReport(report)).toEqual({
      verdict: 'fail',
      errorRate: 0.5,
      p95: 12.5,
      samples: 4,
      errors: 2,
      reasons: ['error-rate-exceeded: health: 2 of 2 failed'],
    });
  });

  it('ignores an empty or unreadable report', () => {
    expect(smokeFromReport('')).toBeUndefined();
    expect(smokeFromReport('not json')).toBeUndefined();
    expect(smokeFromReport('{"probes":[]}')).toBeUndefined();
  });
});
