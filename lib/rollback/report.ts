/** The job summary of an auto-rollback run: what tripped, each rollback phase, the database note, links. */

import type { Outcome } from '../release/outcome.js';
import { ROLLBACK_PHASES } from '../release/phases.js';
import type { AutoRollbackDetails } from './auto.js';

const ICON = { success: '✅', failure: '❌', refused: '⛔', inconclusive: '⚠️' } as const;
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

/** Markdown for the job summary. */
export function renderRollbackMarkdown(outcome: Outcome<AutoRollbackDetails>): string {
  const d = outcome.details;
  const rb = d.rollback?.details;
  const lines = [
    `## ${ICON[outcome.outcome]} Shipline auto-rollback (${d.environment})`,
    '',
    `${cell(outcome.message)} — \`${outcome.outcome}\` / \`${outcome.reason}\``,
    '',
  ];
  if (d.trigger) lines.push(`**Trigger:** \`${d.trigger.reason}\` — ${cell(d.trigger.message)}`, '');
  if (rb) {
    const reached = rb.phase ? ROLLBACK_PHASES.indexOf(rb.phase) : -1;
    const ok = d.rollback?.outcome === 'success';
    lines.push('| Phase | State |', '| --- | --- |');
    ROLLBACK_PHASES.forEach((phase, i) => {
      const state =
        i < reached || (i === reached && ok) ? '✅' : i === reached ? ICON[d.rollback?.outcome ?? 'failure'] : '—';
      lines.push(`| ${phase} | ${state} |`);
    });
    lines.push('');
    lines.push(
      `| | |`,
      '| --- | --- |',
      `| From | ${rb.fromVersion ?? '—'} |`,
      `| To | ${rb.targetVersion ?? '—'}${rb.targetSha ? ` (\`${rb.targetSha.slice(0, 7)}\`)` : ''} |`,
      `| Rollback deployment | ${rb.rollbackDeploymentId ?? '—'} |`,
      `| Vercel | ${rb.vercel ? `${rb.vercel.deploymentId}${rb.vercel.servingVerified ? ' (serving verified)' : ''}` : '—'} |`,
      `| Edge functions | ${rb.edge ? `deployed: ${rb.edge.deployed.join(', ') || 'none'}; unchanged: ${rb.edge.skipped.join(', ') || 'none'}` : 'unchanged'} |`,
      `| Smoke on production | ${rb.smoke ? `${rb.smoke.outcome} (${rb.smoke.reason})` : 'not run'} |`,
      '',
    );
    if (rb.migrations) lines.push(`> ${cell(rb.migrations.message)}`, '');
    if (rb.goodVersions?.length)
      lines.push(`Versions that were good: ${rb.goodVersions.map((v) => `\`${v}\``).join(', ')}`, '');
  }
  if (d.incident) lines.push(`Incident: ${d.incident.url} (${d.incident.action})`, '');
  if (d.lockReleased !== undefined)
    lines.push(`Deploy lock released: ${d.lockReleased ? 'yes' : 'no (not held by this run any more)'}`, '');
  return lines.join('\n');
}
