/**
 * Incident issues: on an automatic rollback or a failed production deploy, open an issue with the postmortem
 * headings (summary, impact, timeline, root cause, resolution, action items) filled with what Shipline knows. A
 * hidden marker names the release and environment, so a second failure of the same release comments on the open
 * incident instead of opening another.
 */
import type { Octokit } from '@octokit/rest';
import { call, type RepoRef } from './repo.js';

/** The smoke numbers that tripped the rollback (from the smoke report). */
export interface IncidentSmoke {
  verdict: string;
  errorRate?: number;
  p95?: number;
  samples?: number;
  errors?: number;
  /** Verdict reasons, e.g. `error-rate-exceeded: health 100 % errors`. */
  reasons: string[];
}

/** What Shipline knows about a failure. */
export interface IncidentFacts {
  environment: string;
  /** The failed release. */
  version: string;
  sha: string;
  /** What tripped: `smoke-failed`, `migrate-failed`, … (a reason code) and a sentence. */
  trigger: { reason: string; message: string };
  smoke?: IncidentSmoke;
  /** ISO timestamps. */
  timeline: { detected: string; rollbackStarted?: string; restored?: string };
  runUrl?: string;
  failedDeployment: { ledgerId?: number; url?: string };
  /** The release production serves again, when a rollback happened. */
  restored?: { version: string; ledgerId?: number; url?: string };
  /** What happened to production: rolled back, untouched, or the rollback failed (its message). */
  resolution: string;
  /** The database note of the rollback (which migrations stay applied). */
  migrations?: string;
}

export interface IncidentOptions {
  labels: string[];
  assignees: string[];
  /** Display name of the project (config project.name). */
  projectName?: string;
}

export interface IncidentResult {
  action: 'opened' | 'commented';
  number: number;
  url: string;
}

/** The hidden marker that identifies the incident of `version` in `environment`. */
export function incidentMarker(version: string, environment: string): string {
  return `<!-- shipline-incident version=${encodeURIComponent(version)} environment=${encodeURIComponent(environment)} -->`;
}

const time = (iso: string | undefined) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

function duration(from: string, to: string | undefined): string | undefined {
  if (!to) return undefined;
  const ms = Date.parse(to) - Date.parse(from);
  return Number.isFinite(ms) && ms >= 0 ? `${(ms / 1000).toFixed(1)} s` : undefined;
}

const link = (text: string, url: string | undefined) => (url ? `[${text}](${url})` : text);

function smokeLines(smoke: IncidentSmoke | undefined): string[] {
  if (!smoke) return [];
  const numbers = [
    smoke.errorRate !== undefined ? `error rate ${(smoke.errorRate * 100).toFixed(1)} %` : undefined,
    smoke.errors !== undefined && smoke.samples !== undefined
      ? `${smoke.errors} of ${smoke.samples} requests failed`
      : undefined,
    smoke.p95 !== undefined ? `p95 ${Math.round(smoke.p95)} ms` : undefined,
  ].filter(Boolean);
  return [
    `- Smoke verdict: **${smoke.verdict}**${numbers.length ? ` (${numbers.join(', ')})` : ''}`,
    ...smoke.reasons.map((r) => `  - ${r}`),
  ];
}

/** The issue title of an incident. */
export function incidentTitle(facts: IncidentFacts): string {
  const what = facts.restored ? `rolled back to ${facts.restored.version}` : 'deploy failed';
  return `Incident: ${facts.version} in ${facts.environment} — ${what} (${facts.trigger.reason})`;
}

/** The issue body: the postmortem template filled with the facts. */
export function renderIncident(facts: IncidentFacts, options: Pick<IncidentOptions, 'projectName'> = {}): string {
  const t = facts.timeline;
  const outage = duration(t.detected, t.restored);
  const project = options.projectName ? `${options.projectName} ` : '';
  return [
    incidentMarker(facts.version, facts.environment),
    '## Summary',
    '',
    `${project}${facts.version} (${facts.sha.slice(0, 7)}) failed in \`${facts.environment}\`: ${facts.trigger.message}`,
    '',
    `- Trigger: \`${facts.trigger.reason}\``,
    ...smokeLines(facts.smoke),
    `- Failed release: ${facts.version} at \`${facts.sha}\`${facts.failedDeployment.ledgerId ? ` (ledger deployment ${facts.failedDeployment.ledgerId})` : ''} — ${link('deployment', facts.failedDeployment.url)}`,
    ...(facts.restored
      ? [
          `- Restored release: ${facts.restored.version}${facts.restored.ledgerId ? ` (rollback deployment ${facts.restored.ledgerId})` : ''} — ${link('deployment', facts.restored.url)}`,
        ]
      : []),
    `- Run: ${link(facts.runUrl ?? 'unknown', facts.runUrl)}`,
    '',
    '## Impact',
    '',
    facts.restored
      ? `Production served ${facts.version} from its promotion until the rollback${outage ? `; ${outage} from detection to restore` : ''}. _Add who was affected and how._`
      : `Production was not switched to ${facts.version}${t.restored ? '' : ' (or could not be restored)'}. _Add who was affected and how._`,
    '',
    '## Timeline',
    '',
    '| When (UTC) | What |',
    '| --- | --- |',
    `| ${time(t.detected)} | Failure detected (${facts.trigger.reason}) |`,
    ...(t.rollbackStarted ? [`| ${time(t.rollbackStarted)} | Rollback started |`] : []),
    ...(t.restored
      ? [`| ${time(t.restored)} | Production restored${facts.restored ? ` to ${facts.restored.version}` : ''} |`]
      : []),
    ...(outage ? ['', `Duration from detection to restore: **${outage}**.`] : []),
    '',
    '## Root cause',
    '',
    '_To be written by the responders._',
    '',
    '## Resolution',
    '',
    facts.resolution,
    ...(facts.migrations ? ['', facts.migrations] : []),
    '',
    '## Action items',
    '',
    `- [ ] Find and fix the root cause of the failure of ${facts.version}`,
    '- [ ] Add a smoke probe or test that would have caught it earlier',
    `- [ ] Deploy a fixed release to \`${facts.environment}\``,
    '',
  ].join('\n');
}

/** A comment on an open incident for another failure of the same release. */
export function renderRecurrence(facts: IncidentFacts): string {
  return [
    `**${facts.version} failed again in \`${facts.environment}\`** at ${time(facts.timeline.detected)} (\`${facts.trigger.reason}\`): ${facts.trigger.message}`,
    '',
    ...smokeLines(facts.smoke),
    ...(facts.timeline.restored ? [`- Production restored at ${time(facts.timeline.restored)}`] : []),
    `- Resolution: ${facts.resolution}`,
    `- Run: ${link(facts.runUrl ?? 'unknown', facts.runUrl)}`,
  ].join('\n');
}

/** The open incident of `version` in `environment`, found by its marker (paged through every open issue). */
export async function findOpenIncident(
  octokit: Octokit,
  repo: RepoRef,
  version: string,
  environment: string,
): Promise<{ number: number; url: string } | undefined> {
  const marker = incidentMarker(version, environment);
  const issues = await call('list open issues', repo, () =>
    octokit.paginate(octokit.rest.issues.listForRepo, {
      owner: repo.owner,
      repo: repo.repo,
      state: 'open',
      per_page: 100,
    }),
  );
  const found = issues.find((i) => !i.pull_request && (i.body ?? '').includes(marker));
  return found ? { number: found.number, url: found.html_url } : undefined;
}

/** Opens the incident issue, or comments on the open one of the same release and environment. */
export async function reportIncident(
  octokit: Octokit,
  repo: RepoRef,
  facts: IncidentFacts,
  options: IncidentOptions,
): Promise<IncidentResult> {
  const open = await findOpenIncident(octokit, repo, facts.version, facts.environment);
  if (open) {
    const comment = await call(`comment on incident #${open.number}`, repo, () =>
      octokit.rest.issues.createComment({
        owner: repo.owner,
        repo: repo.repo,
        issue_number: open.number,
        body: renderRecurrence(facts),
      }),
    );
    return { action: 'commented', number: open.number, url: comment.data.html_url };
  }
  const created = await call('open the incident issue', repo, () =>
    octokit.rest.issues.create({
      owner: repo.owner,
      repo: repo.repo,
      title: incidentTitle(facts),
      body: renderIncident(facts, options),
      labels: options.labels,
      ...(options.assignees.length > 0 ? { assignees: options.assignees } : {}),
    }),
  );
  return { action: 'opened', number: created.data.number, url: created.data.html_url };
}
