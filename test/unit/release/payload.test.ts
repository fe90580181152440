import { describe, expect, it } from 'vitest';
import { isLockStale, lockAgeSeconds, readLockContent } from '../../../lib/release/lock.js';
import { exitCodeFor, failed, isReasonCode, refused, succeeded } from '../../../lib/release/outcome.js';
import { buildPayload, readPayload } from '../../../lib/release/payload.js';

const fields = {
  kind: 'deploy' as const,
  version: 'v1.2.3',
  sha: 'a'.repeat(40),
  vercel: { projectId: 'prj_1', deploymentId: 'dpl_1', url: 'https://app-abc.vercel.app' },
  edge: { hello: 'b'.repeat(64) },
  migrations: { head: '20240101000000' },
  requestedBy: 'octocat',
  reason: 'merge to main',
  source: 'https://github.com/o/r/actions/runs/1',
};

describe('ledger payload', () => {
  it('round-trips through JSON, as GitHub stores it', () => {
    const payload = buildPayload(fields);
    expect(payload.schema).toBe(1);
    expect(readPayload(JSON.stringify(payload))).toEqual(payload);
    expect(readPayload(payload)).toEqual(payload);
  });

  it('names the bad field when a writer gets it wrong', () => {
    expect(() => buildPayload({ ...fields, sha: 'abc' })).toThrow(/at sha/);
    expect(() => buildPayload({ ...fields, edge: { hello: 'nope' } })).toThrow(/at edge\.hello/);
  });

  it('ignores payloads that are not Shipline’s or from an unknown schema', () => {
    expect(readPayload('{}')).toBeUndefined();
    expect(readPayload('not json')).toBeUndefined();
    expect(readPayload({ ...buildPayload(fields), schema: 2 })).toBeUndefined();
    expect(readPayload(null)).toBeUndefined();
  });
});

describe('outcomes', () => {
  it('maps outcomes to exit codes', () => {
    expect(exitCodeFor(succeeded('ok', {}))).toBe(0);
    expect(exitCodeFor(failed('smoke-failed', 'x', {}))).toBe(1);
    expect(exitCodeFor(refused('never-good', 'x', {}))).toBe(3);
    expect(isReasonCode('lock-held')).toBe(true);
    expect(isReasonCode('Lock held')).toBe(false);
  });
});

describe('lock content', () => {
  const lock = {
    schema: 1,
    environment: 'production',
    holder: 'octocat',
    purpose: 'rollback',
    reason: 'bad release',
    createdAt: '2026-01-01T00:00:00.000Z',
    expiresAt: '2026-01-01T01:00:00.000Z',
    source: 'https://github.com/o/r/issues/1#issuecomment-2',
  };
  it('reads valid content and refuses anything else', () => {
    expect(readLockContent(JSON.stringify(lock))?.holder).toBe('octocat');
    expect(readLockContent('{"holder":"x"}')).toBeUndefined();
    expect(readLockContent('garbage')).toBeUndefined();
  });
  it('knows age and staleness', () => {
    const parsed = readLockContent(JSON.stringify(lock));
    if (!parsed) throw new Error('unreadable');
    expect(lockAgeSeconds(parsed, new Date('2026-01-01T00:10:00Z'))).toBe(600);
    expect(isLockStale(parsed, new Date('2026-01-01T00:59:59Z'))).toBe(false);
    expect(isLockStale(parsed, new Date('2026-01-01T01:00:00Z'))).toBe(true);
  });
});
