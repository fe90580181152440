import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../lib/checks/runner.js';
import type { Check } from '../../../lib/checks/types.js';
import { ShiplineError } from '../../../lib/core/errors.js';
import { checkContext } from './check-context.js';

function check(id: string, run: Check['run']): Check {
  return { id, title: `Title ${id}`, run };
}

/** A fake millisecond clock advancing by `step` on every read. */
function ticking(step: number): () => number {
  let t = 1000;
  return () => {
    const now = t;
    t += step;
    return now;
  };
}

describe('runChecks', () => {
  it('runs every check in order and passes when none fails', async () => {
    const order: string[] = [];
    const summary = await runChecks(
      [
        check('a', async () => {
          order.push('a');
          return { status: 'pass', message: 'ok' };
        }),
        check('b', async () => {
          order.push('b');
          return { status: 'warn', message: 'hmm' };
        }),
        check('c', async () => {
          order.push('c');
          return { status: 'skip', message: 'n/a' };
        }),
      ],
      checkContext(),
      { now: ticking(5) },
    );
    expect(order).toEqual(['a', 'b', 'c']);
    expect(summary.passed).toBe(true);
    expect(summary.results).toEqual([
      { id: 'a', title: 'Title a', status: 'pass', message: 'ok', durationMs: 5 },
      { id: 'b', title: 'Title b', status: 'warn', message: 'hmm', durationMs: 5 },
      { id: 'c', title: 'Title c', status: 'skip', message: 'n/a', durationMs: 5 },
    ]);
  });

  it('fails the run when one check fails, and still runs the rest', async () => {
    const summary = await runChecks(
      [
        check('a', async () => ({ status: 'fail', message: 'broken', details: 'tail' })),
        check('b', async () => ({ status: 'pass', message: 'fine' })),
      ],
      checkContext(),
    );
    expect(summary.passed).toBe(false);
    expect(summary.results.map((r) => r.status)).toEqual(['fail', 'pass']);
    expect(summary.results[0]!.details).toBe('tail');
  });

  it('turns a crash into a fail naming the error (with its hint) and continues', async () => {
    const summary = await runChecks(
      [
        check('boom', async () => {
          throw new ShiplineError('x', 'socket exploded', { hint: 'try again' });
        }),
        check('plain', async () => {
          throw 'a string';
        }),
        check('after', async () => ({ status: 'pass', message: 'still ran' })),
      ],
      checkContext(),
    );
    expect(summary.passed).toBe(false);
    expect(summary.results[0]).toMatchObject({
      id: 'boom',
      status: 'fail',
      message: 'the check could not run: socket exploded Hint: try again',
    });
    expect(summary.results[1]).toMatchObject({ status: 'fail', message: 'the check could not run: a string' });
    expect(summary.results[2]).toMatchObject({ status: 'pass', message: 'still ran' });
  });

  it('redacts secrets from messages, details, findings and crash messages', async () => {
    const ctx = checkContext();
    ctx.redactor.add('hunter2-secret');
    const summary = await runChecks(
      [
        check('leaky', async () => ({
          status: 'fail',
          message: 'token hunter2-secret rejected',
          details: 'env: hunter2-secret',
          findings: [{ severity: 'error', message: 'saw hunter2-secret', file: 'a.ts', line: 3 }],
        })),
        check('crash', async () => {
          throw new Error('bad key hunter2-secret');
        }),
      ],
      ctx,
    );
    const text = JSON.stringify(summary);
    expect(text).not.toContain('hunter2-secret');
    expect(summary.results[0]!.message).toBe('token *** rejected');
    expect(summary.results[0]!.findings).toEqual([{ severity: 'error', message: 'saw ***', file: 'a.ts', line: 3 }]);
    expect(summary.results[1]!.message).toBe('the check could not run: bad key ***');
  });

  it('measures each check with the injected clock and reports progress', async () => {
    const seen: string[] = [];
    const summary = await runChecks(
      [
        check('a', async () => ({ status: 'pass', message: '' })),
        check('b', async () => ({ status: 'pass', message: '' })),
      ],
      checkContext(),
      { now: ticking(250), onResult: (r) => seen.push(`${r.id}:${r.durationMs}`) },
    );
    expect(seen).toEqual(['a:250', 'b:250']);
    expect(summary.results.every((r) => r.durationMs === 250)).toBe(true);
  });

  it('fails checks that have not started once the signal aborted', async () => {
    const controller = new AbortController();
    const summary = await runChecks(
      [
        check('a', async () => {
          controller.abort();
          return { status: 'pass', message: 'done' };
        }),
        check('b', async () => ({ status: 'pass', message: 'should not run' })),
      ],
      checkContext({ signal: controller.signal }),
    );
    expect(summary.results[1]).toMatchObject({
      status: 'fail',
      message: 'the check could not run: cancelled before it started',
    });
  });

  it('passes an empty list', async () => {
    expect(await runChecks([], checkContext())).toEqual({ passed: true, results: [] });
  });
});
