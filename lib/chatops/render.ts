/** Markdown the bot writes: replies to commands, rollback progress, `/status` and `/help`. Pure functions. */
import type { ShiplineConfig } from '../config/schema.js';
import type { LedgerEntry } from '../github/ledger.js';
import type { Outcome } from '../release/outcome.js';
import { type Command, USAGE } from './command.js';
import { describeHolder, formatAge } from './lock-holder.js';
import type { ProgressView } from './progress.js';
import type { EnvironmentStatus } from './status.js';

/** The command as the user wrote it, canonical. */
export function commandText(command: Command): string {
  switch (command.name) {
    case 'rollback':
      return [
        '/rollback',
        command.version,
        command.environment ? `to ${command.environment}` : '',
        command.reason ? `--reason "${command.reason}"` : '',
      ]
        .filter(Boolean)
        .join(' ');
    case 'deploy':
      return `/deploy ${command.version} to ${command.environment}`;
    case 'status':
      return command.environment ? `/status ${command.environment}` : '/status';
    case 'lock':
      return `/lock ${command.environment}${command.reason ? ` --reason "${command.reason}"` : ''}`;
    case 'unlock':
      return `/unlock ${command.environment}`;
    case 'help':
      return '/help';
  }
}

/** The first text of a reply, written before anything else happens. */
export function renderWorking(text: string): string {
  return `⏳ Working on \`${text}\`…`;
}

/** A refusal or failure: what happened and what would work (the message says both). */
export function renderProblem(outcome: Outcome<unknown>): string {
  const title = outcome.outcome === 'refused' ? 'Not done' : 'Failed';
  return `😕 **${title}** (\`${outcome.reason}\`)\n\n${outcome.message}`;
}

function link(text: string, url: string | undefined): string {
  return url ? `[${text}](${url})` : text;
}

function stageLine(view: ProgressView): string {
  switch (view.stage) {
    case 'queued':
      return '🕒 queued';
    case 'running':
      return `🏃 running${view.phase ? `: ${view.phase.phase}${view.phase.detail ? ` (${view.phase.detail})` : ''}` : ''}`;
    case 'done':
      return `✅ done${view.seconds !== undefined ? ` in ${view.seconds} s` : ''}`;
    case 'failed':
      return `❌ failed${view.seconds !== undefined ? ` after ${view.seconds} s` : ''}${view.phase ? ` at ${view.phase.phase}${view.phase.detail ? ` (${view.phase.detail})` : ''}` : ''}`;
  }
}

/** The rollback (or deploy) reply, rebuilt from the deployment each time an event arrives. */
export function renderProgress(view: ProgressView): string {
  const p = view.payload;
  const title =
    p.kind === 'rollback'
      ? `⏪ Rollback of \`${view.environment}\`${view.from ? ` from ${view.from}` : ''} to **${p.version}**`
      : `🚢 Deploy of **${p.version}** to \`${view.environment}\``;
  const rows: Array<[string, string]> = [
    ['State', stageLine(view)],
    ['Requested by', `@${p.requestedBy}${p.reason ? ` — "${p.reason}"` : ''}`],
    ['Deployment', `${view.deploymentId} (${p.sha.slice(0, 7)})`],
  ];
  const runUrl = view.run?.htmlUrl ?? view.logUrl;
  if (runUrl) rows.push(['Workflow run', link(view.run ? `#${view.run.id}` : 'logs', runUrl)]);
  if (p.vercel)
    rows.push([
      'Vercel deployment',
      link(p.vercel.deploymentId, p.vercel.url.startsWith('http') ? p.vercel.url : `https://${p.vercel.url}`),
    ]);
  if (view.environmentUrl) rows.push(['Environment', link(view.environmentUrl, view.environmentUrl)]);
  if (view.stage === 'done' || view.stage === 'failed') {
    rows.push(['Lock', view.lockReleased ? 'released' : `still held: \`/unlock ${view.environment}\` frees it`]);
  }
  const table = ['| | |', '|---|---|', ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '\\|')} |`)].join('\n');
  const next =
    view.stage === 'failed'
      ? `\n\nThe ${p.kind} did not finish. Check the run's log; \`/status ${view.environment}\` shows what is live now.`
      : '';
  return `### ${title}\n\n${table}${next}`;
}

function entryRow(e: LedgerEntry): string {
  const by = e.payload.requestedBy ? `@${e.payload.requestedBy}` : e.creator ? `@${e.creator}` : '';
  return `| ${e.release.version} | ${e.payload.kind} | ${e.state ?? 'no status'} | ${e.createdAt} | ${by} | ${e.deploymentId} |`;
}

/** One environment's `/status` section. */
export function renderEnvironmentStatus(status: EnvironmentStatus, now: Date): string {
  const lines = [`### \`${status.environment}\``, ''];
  lines.push(
    `- **Current release:** ${status.current ? `${status.current.release.version} (${status.current.release.sha.slice(0, 7)}, deployment ${status.current.deploymentId})` : 'none recorded'}`,
  );
  lines.push(
    `- **Last known-good before it:** ${status.lastKnownGood ? `${status.lastKnownGood.release.version} — \`/rollback to ${status.environment}\` restores it` : 'none'}`,
  );
  if (!status.lock) lines.push('- **Lock:** free');
  else if (!status.lock.lock) lines.push(`- **Lock:** held, unreadable — \`/unlock ${status.environment}\` frees it`);
  else lines.push(`- **Lock:** ${describeHolder(status.lock.lock, now)}`);
  if (status.vercelPin) {
    lines.push(
      `- **Vercel:** production is pinned to ${status.vercelPin.deploymentId} by the rollback; the next promote unpins it`,
    );
  }
  lines.push('');
  if (status.recent.length === 0) {
    lines.push('No releases recorded yet.');
  } else {
    lines.push('| Version | Kind | State | Created | By | Deployment |', '|---|---|---|---|---|---|');
    for (const e of status.recent) lines.push(entryRow(e));
  }
  return lines.join('\n');
}

/** The whole `/status` reply. */
export function renderStatus(statuses: EnvironmentStatus[], now: Date): string {
  return `📋 **Status**\n\n${statuses.map((s) => renderEnvironmentStatus(s, now)).join('\n\n')}`;
}

/** `/help`: the commands this repository enables and who may run them. */
export function renderHelp(config: ShiplineConfig, lockTtlMs = 3600_000): string {
  const enabled = new Set<string>(config.chatops.commands);
  const rows = (Object.keys(USAGE) as Array<keyof typeof USAGE>)
    .filter((name) => enabled.has(name))
    .map((name) => `| \`${USAGE[name]}\` | ${HELP_TEXT[name]} |`);
  const envs = Object.entries(config.environments)
    .map(([name, env]) => `\`${name}\`: ${env['required-permission']}`)
    .join(', ');
  return [
    '🤖 **Shipline commands** (first line of a comment, exactly as written)',
    '',
    '| Command | What it does |',
    '|---|---|',
    ...rows,
    '',
    `Who may change an environment (repository role or higher): ${envs}. \`/status\` and \`/help\` are open to everyone.`,
    `Locks expire after ${formatAge(Math.floor(lockTtlMs / 1000))} unless released; \`/unlock <env>\` breaks one.`,
  ].join('\n');
}

const HELP_TEXT: Record<keyof typeof USAGE, string> = {
  rollback:
    'Restores a release that was good in the environment (default: the last known-good before the current one).',
  deploy: 'Runs the deploy workflow for a release tag.',
  status: 'Current release, last known-good, lock and the last five releases.',
  lock: 'Holds the environment: deploys and rollbacks are refused until `/unlock`.',
  unlock: 'Frees the environment lock, whoever holds it.',
  help: 'This list.',
};
