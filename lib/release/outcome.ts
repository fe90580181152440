/**
 * The result every engine operation returns. Adapters turn it into outputs and exit codes (actions), replies (bot)
 * and summary rows; nobody parses `message`. `reason` comes from one shared list of codes.
 */

/** Every reason code an operation may report. Add new codes here, never inline strings elsewhere. */
export const REASON_CODES = [
  // success
  'ok',
  'already-done',
  'reused',
  // refusals: the operation did not start and changed nothing
  'never-good',
  'unknown-version',
  'no-known-good',
  'already-current',
  'lock-held',
  'lock-not-held',
  'permission-denied',
  'permission-unknown',
  'unknown-environment',
  'invalid-command',
  'invalid-input',
  'config-invalid',
  'deployment-missing',
  'ref-changed',
  // failures: the operation started and did not finish as asked
  'validate-failed',
  'migrate-failed',
  'deploy-edge-failed',
  'build-failed',
  'stage-failed',
  'smoke-failed',
  'promote-failed',
  'rollback-failed',
  'api-error',
  'timeout',
  // smoke analysis (verdict reasons)
  'error-rate-exceeded',
  'failure-limit-reached',
  'consecutive-errors',
  'latency-exceeded',
  'latency-warning',
  'warmup-failed',
  // inconclusive: not enough evidence either way
  'too-few-answers',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export type OutcomeKind = 'success' | 'failure' | 'refused' | 'inconclusive';

/** The machine-readable result of an engine operation. `details` carries operation-specific data. */
export interface Outcome<D = Record<string, unknown>> {
  outcome: OutcomeKind;
  reason: ReasonCode;
  /** One or two sentences for a person: what happened and, for refusals and failures, what would work. */
  message: string;
  details: D;
}

/** True when `text` is a known reason code. */
export function isReasonCode(text: string): text is ReasonCode {
  return (REASON_CODES as readonly string[]).includes(text);
}

/** Builds a success outcome. */
export function succeeded<D>(message: string, details: D, reason: ReasonCode = 'ok'): Outcome<D> {
  return { outcome: 'success', reason, message, details };
}

/** Builds a refusal: the operation did not start and changed nothing. */
export function refused<D>(reason: ReasonCode, message: string, details: D): Outcome<D> {
  return { outcome: 'refused', reason, message, details };
}

/** Builds a failure: the operation started and did not complete. */
export function failed<D>(reason: ReasonCode, message: string, details: D): Outcome<D> {
  return { outcome: 'failure', reason, message, details };
}

/** Builds an inconclusive result: not enough evidence to pass or fail. */
export function inconclusive<D>(reason: ReasonCode, message: string, details: D): Outcome<D> {
  return { outcome: 'inconclusive', reason, message, details };
}

/** The process exit code an adapter uses for an outcome: 0 success, 1 failure or inconclusive, 3 refused. */
export function exitCodeFor(outcome: Outcome<unknown>): number {
  if (outcome.outcome === 'success') return 0;
  return outcome.outcome === 'refused' ? 3 : 1;
}
