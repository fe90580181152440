/**
 * The phases of a deploy and of a rollback, in order. Each is written as the ledger status description
 * `<phase>: <detail>` and as a job-summary row, so a reader of either sees the same words.
 */

/** Deploy phases, in the order the deploy workflow runs them. */
export const DEPLOY_PHASES = [
  'validate',
  'migrate',
  'deploy-edge',
  'stage',
  'smoke-staged',
  'promote',
  'smoke-production',
  'done',
] as const;

/** Rollback phases, in order. */
export const ROLLBACK_PHASES = [
  'resolve',
  'lock',
  'restore-vercel',
  'restore-edge',
  'smoke-production',
  'done',
] as const;

export type DeployPhase = (typeof DEPLOY_PHASES)[number];
export type RollbackPhase = (typeof ROLLBACK_PHASES)[number];
export type Phase = DeployPhase | RollbackPhase;

const ALL_PHASES: ReadonlySet<string> = new Set<string>([...DEPLOY_PHASES, ...ROLLBACK_PHASES]);

/** GitHub caps a deployment status description at 140 characters. */
export const STATUS_DESCRIPTION_LIMIT = 140;

/** True when `text` names a phase. */
export function isPhase(text: string): text is Phase {
  return ALL_PHASES.has(text);
}

/** `<phase>: <detail>`, cut to GitHub's 140-character limit (with an ellipsis when cut). */
export function phaseDescription(phase: Phase, detail = ''): string {
  const oneLine = detail.replace(/\s+/g, ' ').trim();
  const text = oneLine ? `${phase}: ${oneLine}` : phase;
  return text.length <= STATUS_DESCRIPTION_LIMIT ? text : `${text.slice(0, STATUS_DESCRIPTION_LIMIT - 1)}…`;
}

/** Reads a status description back into its phase and detail; undefined when it names no phase. */
export function parsePhaseDescription(text: string | null | undefined): { phase: Phase; detail: string } | undefined {
  if (!text) return undefined;
  const match = /^([a-z-]+)(?::\s*(.*))?$/s.exec(text.trim());
  if (!match || !isPhase(match[1] ?? '')) return undefined;
  return { phase: match[1] as Phase, detail: match[2] ?? '' };
}

/** The position of `phase` in its sequence (deploy or rollback); -1 when it is not part of that sequence. */
export function phaseIndex(kind: 'deploy' | 'rollback', phase: Phase): number {
  const list: readonly string[] = kind === 'deploy' ? DEPLOY_PHASES : ROLLBACK_PHASES;
  return list.indexOf(phase);
}
