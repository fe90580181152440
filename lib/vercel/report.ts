/**
 * Renders deploy and promote results for people: the job summary (Markdown tables with the URLs, per-phase timings
 * and upload numbers), a one-line log summary, and the body of the pull request comment.
 */
import { formatBytes } from '../core/size.js';
import type { Outcome } from '../release/outcome.js';
import type { DeployDetails } from './deploy.js';
import type { PromoteDetails } from './promote.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function link(text: string | undefined, url: string | undefined): string {
  if (!text) return '—';
  return url ? `[${cell(text)}](${url})` : `\`${cell(text)}\``;
}

const ICON: Record<Outcome['outcome'], string> = {
  success: '✅',
  failure: '❌',
  refused: '⛔',
  inconclusive: '❔',
};

/** One line for the log: what was deployed where, and the numbers. */
export function deploySummaryLine(outcome: Outcome<DeployDetails>): string {
  const d = outcome.details;
  if (outcome.outcome !== 'success') return `${outcome.outcome} (${outcome.reason}): ${outcome.message}`;
  const what = d.reused ? 'reused' : d.staged ? 'staged' : 'deployed';
  return `${what} ${d.deploymentId} → ${d.url} (${d.target}); ${d.filesUploaded} file(s), ${formatBytes(d.bytesUploaded)} uploaded of ${d.filesHashed} hashed; ${seconds(d.timings.total)}`;
}

/** The job-summary Markdown of a deploy (no heading; the adapter adds one). */
export function renderDeployMarkdown(
  outcome: Outcome<DeployDetails>,
  context: { project: string; version: string },
): string {
  const d = outcome.details;
  const state = d.reused
    ? 'reused (same commit already READY)'
    : d.staged
      ? 'staged — production still serves the previous deployment until promoted'
      : outcome.outcome === 'success'
        ? d.target === 'production'
          ? 'serving production'
          : 'ready'
        : `${outcome.outcome} (\`${outcome.reason}\`)`;
  const lines = [
    `${ICON[outcome.outcome]} **${cell(outcome.message)}**`,
    '',
    '| | |',
    '| --- | --- |',
    `| Project | \`${cell(context.project)}\` |`,
    `| Version | \`${cell(context.version)}\` |`,
    `| Target | \`${cell(d.target)}\` |`,
    `| State | ${state} |`,
    `| Deployment | ${link(d.deploymentId, d.inspectorUrl)} |`,
    `| URL | ${d.url ? `<${d.url}>` : '—'} |`,
    `| Files | ${d.filesHashed} hashed, ${d.filesUploaded} uploaded (${formatBytes(d.bytesUploaded)}) |`,
    '',
    '| Phase | Time |',
    '| --- | --- |',
    `| check (output, project, existing) | ${seconds(d.timings.check)} |`,
    `| hash | ${seconds(d.timings.hash)} |`,
    `| upload + create${d.attempts > 1 ? ` (${d.attempts} attempts)` : ''} | ${seconds(d.timings.upload)} |`,
    `| build (until READY) | ${seconds(d.timings.build)} |`,
    `| **total** | **${seconds(d.timings.total)}** |`,
  ];
  if (d.staged && d.deploymentId) {
    lines.push(
      '',
      `Promote it with \`promote: ${d.deploymentId}\` (deploy-vercel) or \`shipline promote ${d.deploymentId}\`.`,
    );
  }
  return lines.join('\n');
}

/** The job-summary Markdown of a promote. */
export function renderPromoteMarkdown(outcome: Outcome<PromoteDetails>): string {
  const d = outcome.details;
  return [
    `${ICON[outcome.outcome]} **${cell(outcome.message)}**`,
    '',
    '| | |',
    '| --- | --- |',
    `| Deployment | ${link(d.deploymentId, d.inspectorUrl)} |`,
    `| Deployment URL | ${d.url ? `<${d.url}>` : '—'} |`,
    `| Production | ${d.productionUrl ? `<${d.productionUrl}>` : '—'} |`,
    `| Previously serving | ${d.previousDeploymentId ? `\`${d.previousDeploymentId}\`` : '—'} |`,
    `| Serving verified | ${d.servingVerified ? 'yes (same bytes as the deployment)' : 'no'} |`,
    `| Time | switch ${seconds(d.timings.promote)}, verify ${seconds(d.timings.verify)}, total ${seconds(d.timings.total)} |`,
  ].join('\n');
}

/** The body of the sticky pull-request comment for a preview deploy (the marker is added by pr-comment.ts). */
export function renderPreviewComment(
  outcome: Outcome<DeployDetails>,
  context: { sha: string; project: string; runUrl?: string },
): string {
  const d = outcome.details;
  const commit = `\`${context.sha.slice(0, 7)}\``;
  const run = context.runUrl ? ` · [run](${context.runUrl})` : '';
  if (outcome.outcome !== 'success') {
    return [
      `### ❌ Vercel preview failed for ${commit}`,
      '',
      cell(outcome.message),
      '',
      `${d.inspectorUrl ? `[Build logs](${d.inspectorUrl})` : ''}${run}`,
    ].join('\n');
  }
  return [
    `### ▲ Vercel preview for ${commit}`,
    '',
    '| Project | Preview | Inspect | Uploaded |',
    '| --- | --- | --- | --- |',
    `| \`${cell(context.project)}\` | ${d.url ? `<${d.url}>` : '—'} | ${d.inspectorUrl ? `[logs](${d.inspectorUrl})` : '—'} | ${d.filesUploaded} file(s), ${formatBytes(d.bytesUploaded)}${d.reused ? ' (reused)' : ''} |`,
    '',
    `Updated on every push${run}.`,
  ].join('\n');
}
