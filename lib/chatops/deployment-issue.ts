/**
 * Deployment issues: an issue labelled `deployment` or titled `Deploy vX.Y.Z to <env>` gets a plan comment (commits
 * since the environment's current release, migrations and edge functions changed, the deploy checklist, the exact
 * rollback command). The checklist is ticked as deployment statuses arrive; the issue closes when the release succeeds.
 */
import type { ShiplineConfig } from '../config/schema.js';
import { currentRelease } from '../github/ledger.js';
import { call, errorStatus } from '../github/repo.js';
import { failed, type Outcome, refused, succeeded } from '../release/outcome.js';
import { DEPLOY_PHASES, type DeployPhase, phaseIndex } from '../release/phases.js';
import { isVersionTag } from '../release/release.js';
import type { ChatOpsDeps } from './deps.js';

/** The label that makes an issue a deployment issue. */
export const DEPLOYMENT_LABEL = 'deployment';

/** The hidden first line of a plan comment. */
export const PLAN_MARKER = '<!-- shipline:plan -->';

const TITLE = /^Deploy (\S+) to ([A-Za-z0-9][A-Za-z0-9._-]*)$/;

export type IssueTarget =
  | { kind: 'target'; version: string; environment: string }
  | { kind: 'not-deployment' }
  | { kind: 'unreadable'; message: string };

/** Whether an issue asks for a deployment, and of what. */
export function readDeploymentIssue(title: string, labels: string[]): IssueTarget {
  const match = TITLE.exec(title.trim());
  const labelled = labels.some((l) => l.toLowerCase() === DEPLOYMENT_LABEL);
  if (match && isVersionTag(match[1]!)) return { kind: 'target', version: match[1]!, environment: match[2]! };
  if (!labelled) return { kind: 'not-deployment' };
  return {
    kind: 'unreadable',
    message: `This issue is labelled \`${DEPLOYMENT_LABEL}\`, but its title does not say what to deploy. Title it \`Deploy vX.Y.Z to <env>\` (e.g. \`Deploy v1.4.0 to production\`).`,
  };
}

export interface PlanDetails {
  version: string;
  environment: string;
  sha?: string;
  current?: string;
  commits: Array<{ sha: string; message: string; author: string }>;
  migrations: string[];
  functions: string[];
}

/** Builds the plan of deploying `version` to `environment`: what changes since the current release. */
export async function planDeployment(
  deps: ChatOpsDeps,
  version: string,
  environment: string,
): Promise<Outcome<PlanDetails>> {
  const { octokit, repo, config } = deps;
  const empty: PlanDetails = { version, environment, commits: [], migrations: [], functions: [] };
  if (!config.environments[environment]) {
    return refused(
      'unknown-environment',
      `\`${environment}\` is not an environment of this repository (${Object.keys(config.environments)
        .map((e) => `\`${e}\``)
        .join(', ')}). Retitle the issue.`,
      empty,
    );
  }
  let sha: string;
  try {
    sha = (await octokit.rest.repos.getCommit({ ...repo, ref: `refs/tags/${version}`, per_page: 1 })).data.sha;
  } catch (error) {
    if (errorStatus(error) !== 404 && errorStatus(error) !== 422) {
      return failed('api-error', `Could not read the tag ${version}: ${(error as Error).message}`, empty);
    }
    return refused(
      'unknown-version',
      `There is no tag \`${version}\` yet. Push it, then edit this issue's title to plan again.`,
      empty,
    );
  }
  const current = await currentRelease(octokit, repo, environment);
  const details: PlanDetails = { ...empty, sha };
  if (current) {
    details.current = current.release.version;
    const compare = await call(`compare ${current.release.version}...${version}`, repo, () =>
      octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${current.release.sha}...${sha}` }),
    );
    details.commits = compare.data.commits.map((c) => ({
      sha: c.sha,
      message: c.commit.message.split('\n')[0] ?? '',
      author: c.author?.login ?? c.commit.author?.name ?? '',
    }));
    const files = (compare.data.files ?? []).map((f) => f.filename);
    details.migrations = changedMigrations(config, files);
    details.functions = changedFunctions(config, files);
  }
  return succeeded(`Plan for ${version} to ${environment}.`, details);
}

function under(dir: string, file: string): string | undefined {
  const prefix = `${dir.replace(/^\.\//, '').replace(/\/+$/, '')}/`;
  return file.startsWith(prefix) ? file.slice(prefix.length) : undefined;
}

/** Migration files among `files`. */
export function changedMigrations(config: ShiplineConfig, files: string[]): string[] {
  return files.filter((f) => {
    const rest = under(config.supabase['migrations-dir'], f);
    return rest !== undefined && !rest.includes('/') && rest.endsWith('.sql');
  });
}

/** Edge function names whose files are among `files` (`_shared` changes every function that imports it). */
export function changedFunctions(config: ShiplineConfig, files: string[]): string[] {
  const names = new Set<string>();
  for (const f of files) {
    const rest = under(config.supabase['functions-dir'], f);
    const name = rest?.split('/')[0];
    if (rest?.includes('/') && name) names.add(name);
  }
  return [...names].sort();
}

/** What the validate phase checks, from the configuration. */
export function validateItems(config: ShiplineConfig): string[] {
  const v = config.validate;
  const items: string[] = [];
  if (v.env.length > 0) items.push(`${v.env.length} environment variable rule(s)`);
  if (v.git) items.push('git state');
  for (const c of v.commands) items.push(`\`${c.name}\``);
  if (v.tls) items.push('TLS expiry');
  if (v.bundle.length > 0) items.push('bundle size');
  if (v.freeze) items.push('freeze windows');
  if (v['blocking-labels'].length > 0) items.push('blocking issues');
  items.push('migration lint');
  return items;
}

/** The plan comment's Markdown. */
export function renderPlan(config: ShiplineConfig, plan: PlanDetails): string {
  const { version, environment } = plan;
  const lines = [PLAN_MARKER, `### 🚢 Plan: ${version} to \`${environment}\``, ''];
  lines.push(`- **Now live:** ${plan.current ?? 'nothing recorded (first release)'}`);
  lines.push(`- **Release:** ${version}${plan.sha ? ` (${plan.sha.slice(0, 7)})` : ''}`);
  lines.push('');
  if (plan.current) {
    lines.push(`#### Commits since ${plan.current} (${plan.commits.length})`, '');
    if (plan.commits.length === 0) lines.push('None.');
    for (const c of plan.commits.slice(0, 50))
      lines.push(`- ${c.sha.slice(0, 7)} ${c.message}${c.author ? ` (@${c.author})` : ''}`);
    if (plan.commits.length > 50) lines.push(`- … and ${plan.commits.length - 50} more`);
    lines.push('');
    lines.push(
      `#### Migrations (${plan.migrations.length})`,
      '',
      ...(plan.migrations.length ? plan.migrations.map((m) => `- \`${m}\``) : ['None.']),
      '',
    );
    lines.push(
      `#### Edge functions (${plan.functions.length})`,
      '',
      ...(plan.functions.length ? plan.functions.map((f) => `- \`${f}\``) : ['None.']),
      '',
    );
  }
  lines.push('#### Checklist', '');
  for (const phase of DEPLOY_PHASES) {
    const note =
      phase === 'validate'
        ? `: ${validateItems(config).join(', ')}`
        : phase === 'migrate' && plan.current
          ? `: ${plan.migrations.length} file(s), expand-only`
          : phase === 'deploy-edge' && plan.current
            ? `: ${plan.functions.length ? plan.functions.join(', ') : 'no function changed'}`
            : '';
    lines.push(`- [ ] **${phase}**${note}`);
  }
  lines.push('', `Start it: \`/deploy ${version} to ${environment}\``);
  lines.push(
    plan.current
      ? `Roll back afterwards: \`/rollback ${plan.current} to ${environment} --reason "..."\``
      : 'Roll back afterwards: nothing to roll back to yet (first release).',
  );
  return lines.join('\n');
}

/** Ticks the checklist for a deploy at `phase` in `state`; pure. */
export function tickChecklist(body: string, phase: DeployPhase | undefined, state: string): string {
  const reached = phase ? phaseIndex('deploy', phase) : -1;
  const success = state === 'success';
  const broken = state === 'failure' || state === 'error';
  return body.replace(/^- \[( |x)\] (❌ )?\*\*([a-z-]+)\*\*/gm, (line, _mark, _x, name: string) => {
    const index = phaseIndex('deploy', name as DeployPhase);
    if (index < 0) return line;
    if (success || index < reached) return `- [x] **${name}**`;
    if (broken && index === reached) return `- [ ] ❌ **${name}**`;
    return `- [ ] **${name}**`;
  });
}
